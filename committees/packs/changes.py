"""What changed between two builds of a meeting's papers, item by item, from the hashes each build records of
what every item prints (``PackBuild.item_hashes``). Read by publication (the change list of a republished pack)
and by supplements (the items a new supplement should carry)."""

from __future__ import annotations


def item_changes(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Item number → "added" or "changed", from two sets of item hashes (what each item prints)."""
    return {number: "added" if number not in old else "changed" for number in new if old.get(number) != new[number]}
