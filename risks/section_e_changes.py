"""Section E in "what changed since committee": one row of text per frozen risk (see ``section_e``)."""

from __future__ import annotations


def _rating_text(values: dict | None) -> str:
    if values is None:
        return "Risk assessment in progress"
    return f"{values['likelihood'] * values['impact']} ({values['band']['name']})"


def _owned(title: str, *details: str) -> str:
    shown = ", ".join(detail for detail in details if detail)
    return f"{title} ({shown})" if shown else title


def section_e_rows(frozen: list[dict]) -> list[dict]:
    """One row per risk for "what changed": its title, ratings and mitigation as text."""
    return [
        {
            "key": risk["key"],
            "label": f"Risk {risk['reference']}".strip(),
            "title": risk["title"],
            "current_rating": _rating_text(risk["current_rating"]),
            "target_rating": _rating_text(risk["target_rating"]),
            "controls": "; ".join(_owned(control["title"], control["owner"]) for control in risk["controls"]),
            "further_actions": "; ".join(
                _owned(action["title"], action["owner"], action["due_text"], "done" if action["done"] else "")
                for action in risk["actions"]
            ),
        }
        for risk in frozen
    ]
