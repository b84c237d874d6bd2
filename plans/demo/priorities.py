"""Section C of a plan: priorities with their actions, milestones and key decisions."""

from ..models import Plan
from ..services import RowInput, priority_create, priority_save
from .files import Node
from .writing import PlanLoad, service_call

FORWARD_PLAN = {"yes": True, "no": False}


def action_values(node: Node, *, sub_action: bool) -> dict:
    return {
        "title": node.text("title"),
        "accountable_officer": node.text("accountable_officer", default=""),
        "start_text": node.text("start", default=""),
        "end_text": node.text("end", default=""),
        "sub_action": sub_action,
    }


def priorities_load(*, document: Node, plan: Plan, result: PlanLoad) -> None:
    """Priorities with their actions, milestones and key decisions.

    Action numbers are derived from order (1, 1.1 … running on across
    priorities), so the printed numbers in the file are only used to resolve
    milestone references ("(2.3)"). Where the printed plan skips numbers, the
    app's numbers close the gap, and the note says so.
    """
    priorities = document.items("priorities")
    top_level = 0
    printed_to_derived: dict[str, str] = {}
    renumbered: list[tuple[str, str]] = []
    planned = []
    for position, node in enumerate(priorities, start=1):
        printed = node.value.get("number") if isinstance(node.value, dict) else None
        if printed is not None and printed != position:
            raise node.fail(f"is printed as priority {printed} but is number {position} in the list")
        rows: list[RowInput] = []
        for action in node.items("actions") if node.has("actions") else []:
            top_level += 1
            derived = str(top_level)
            _remember(action, derived, printed_to_derived, renumbered)
            rows.append(RowInput(id=None, values=action_values(action, sub_action=False)))
            for index, sub in enumerate(action.items("sub_actions") if action.has("sub_actions") else [], start=1):
                _remember(sub, f"{derived}.{index}", printed_to_derived, renumbered)
                rows.append(RowInput(id=None, values=action_values(sub, sub_action=True)))
        planned.append((node, rows))

    for node, action_rows in planned:
        description = node.lines("description", bullet="• ") if node.has("description") else ""
        priority = service_call(node, priority_create, plan=plan, title=node.text("title"), description=description)
        milestones = node.items("milestones") if node.has("milestones") else []
        decisions = node.items("key_decisions") if node.has("key_decisions") else []
        service_call(
            node,
            priority_save,
            priority=priority,
            title=priority.title,
            description=priority.description,
            actions=action_rows,
            milestones=[RowInput(id=None, values=_milestone_values(m, printed_to_derived)) for m in milestones],
            key_decisions=[RowInput(id=None, values=_decision_values(d)) for d in decisions],
        )
        for name, count in (
            ("priorities", 1),
            ("actions", sum(not row.values["sub_action"] for row in action_rows)),
            ("sub-actions", sum(bool(row.values["sub_action"]) for row in action_rows)),
            ("milestones", len(milestones)),
            ("key decisions", len(decisions)),
        ):
            result.counts[name] = result.counts.get(name, 0) + count
    if renumbered:
        printed, derived = renumbered[0]
        result.notes.append(
            f"the printed plan numbers actions with gaps (e.g. {printed} where the running number is {derived}); "
            "the app numbers them continuously"
        )


def _remember(node: Node, derived: str, printed_to_derived: dict[str, str], renumbered: list) -> None:
    printed = node.optional_text("number")
    if printed is None:
        return
    if printed in printed_to_derived:
        raise node.fail(f"action number {printed} is printed twice")
    printed_to_derived[printed] = derived
    if printed != derived:
        renumbered.append((printed, derived))


def _milestone_values(node: Node, printed_to_derived: dict[str, str]) -> dict:
    reference = node.optional_text("action")
    if reference is not None and reference not in printed_to_derived:
        raise node.fail(f"cites action {reference}, which the plan does not have")
    return {
        "title": node.text("title"),
        "due_text": node.text("date", default=""),
        "action_ref": printed_to_derived.get(reference, "") if reference else "",
    }


def _decision_values(node: Node) -> dict:
    answer = node.optional_text("in_forward_plan")
    if answer is not None and answer.strip().lower() not in FORWARD_PLAN:
        raise node.fail(f"'in_forward_plan' must be Yes, No or left out, not {answer!r}")
    return {
        "description": node.text("description"),
        "in_forward_plan": FORWARD_PLAN[answer.strip().lower()] if answer is not None else None,
    }
