"""Derived numbering: actions ``1``, ``1.1`` running on across priorities; milestones ``A``, ``B`` per priority.

One implementation serves the live plan (prefetched rows), versions rebuilt from history and
frozen snapshots, so a number can never differ between the page, the PDF and a comparison.
"""

from collections.abc import Iterable, Sequence
from string import ascii_uppercase


def milestone_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (a priority rarely has more than a dozen)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = ascii_uppercase[remainder] + letters
    return letters


def order_actions(priorities: Sequence, actions: Iterable) -> tuple[dict[int, list], dict[int, str]]:
    """Each priority's actions in printed order (a top-level action, then its sub-actions) and each action's number.

    ``priorities`` in order; ``actions`` in their stored order, with ``priority_id`` and ``parent_id``.
    Top-level actions are numbered 1, 2, 3… across the whole plan; sub-actions within their parent.
    An action whose parent is not in its own priority (services refuse that, but hand-edited data
    might have it) is shown as a top-level action rather than dropped.
    """
    actions = list(actions)
    by_priority: dict[int, list] = {priority.pk: [] for priority in priorities}
    numbers: dict[int, str] = {}
    top = 0
    for priority in priorities:
        own = [action for action in actions if action.priority_id == priority.pk]
        own_ids = {action.pk for action in own}
        children: dict[int, list] = {}
        for action in own:
            if action.parent_id in own_ids:
                children.setdefault(action.parent_id, []).append(action)
        for action in own:
            if action.parent_id in own_ids:
                continue
            top += 1
            numbers[action.pk] = str(top)
            by_priority[priority.pk].append(action)
            for index, child in enumerate(children.get(action.pk, []), start=1):
                numbers[child.pk] = f"{top}.{index}"
                by_priority[priority.pk].append(child)
    return by_priority, numbers


def number_priorities(priorities: list) -> None:
    """Set ``number`` on each priority, ``top_actions`` (with ``children``) and ``number`` on actions, and
    ``letter`` / ``action_number`` on milestones. Each priority needs ``actions`` and ``milestones`` prefetched.
    """
    by_priority, numbers = order_actions(priorities, (a for p in priorities for a in p.actions.all()))
    for index, priority in enumerate(priorities, start=1):
        priority.number = index
        priority.top_actions = []
        for action in by_priority[priority.pk]:
            action.number = numbers[action.pk]
            if "." in action.number:
                priority.top_actions[-1].children.append(action)
            else:
                action.children = []
                priority.top_actions.append(action)
    # Milestones usually cite an action of their own priority, but may cite any action in the plan.
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
