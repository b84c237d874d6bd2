"""Derived numbering: actions ``1``, ``1.1`` running on across priorities; milestones ``A``, ``B`` per priority."""

from collections.abc import Iterable
from string import ascii_uppercase


def milestone_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (a priority rarely has more than a dozen)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = ascii_uppercase[remainder] + letters
    return letters


def number_priorities(priorities: list) -> None:
    """Set ``number`` on each priority, its actions and sub-actions, and ``letter`` on milestones.

    Works on prefetched objects: each priority needs ``actions`` (all of them,
    in order) and ``milestones`` prefetched. Top-level actions are numbered
    1, 2, 3… across the whole plan; sub-actions are numbered within their parent.
    """
    top_level = 0
    for priority_index, priority in enumerate(priorities, start=1):
        priority.number = priority_index
        actions = list(priority.actions.all())
        children: dict[int, list] = {}
        for action in actions:
            if action.parent_id:
                children.setdefault(action.parent_id, []).append(action)
        priority.top_actions = []
        for action in actions:
            if action.parent_id:
                continue
            top_level += 1
            action.number = str(top_level)
            action.children = children.get(action.id, [])
            for child_index, child in enumerate(action.children, start=1):
                child.number = f"{top_level}.{child_index}"
            priority.top_actions.append(action)
        # Actions whose parent is in another priority cannot exist (services
        # refuse them), but never drop a row silently if data was edited by hand.
        numbered = {a.id for a in priority.top_actions} | {c.id for a in priority.top_actions for c in a.children}
        for orphan in (a for a in actions if a.id not in numbered):
            top_level += 1
            orphan.number = str(top_level)
            orphan.children = []
            priority.top_actions.append(orphan)
    # Milestones usually cite an action of their own priority, but may cite any action in the plan.
    numbers = action_numbers(priorities)
    for priority in priorities:
        for index, milestone in enumerate(priority.milestones.all()):
            milestone.letter = milestone_letter(index)
            milestone.action_number = numbers.get(milestone.action_id)


def action_numbers(priorities: Iterable) -> dict[int, str]:
    """Map action id → its number, for priorities already passed through ``number_priorities``."""
    numbers: dict[int, str] = {}
    for priority in priorities:
        for action in priority.top_actions:
            numbers[action.id] = action.number
            for child in action.children:
                numbers[child.id] = child.number
    return numbers
