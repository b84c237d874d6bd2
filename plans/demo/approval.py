"""Demo approvals: ``fixtures/approval_*.json``, a plan taken along the app's own path to approval.

The plan files hold each plan as the seeds print it (a draft, or the final draft for Cabinet Committee).
An approval file says what happened next, as the seeds date it: what the officers added before approval
(``edits``, through ``priority_save``) and each step (``plan_transition``: submit, clear, send to committee,
approve) with who took it, the reason and the decision. Nothing is written past the services, so completeness
checks, snapshots and the audit trail are the app's own. Each transition and the snapshot it froze are dated
the day the file gives, as the committee demo dates its snapshots: "approved on the day the demo was loaded"
would be untrue. The audit trail keeps the day it was really recorded (it is append-only).

A plan is taken along the path only while it is still where its plan file left it and nobody has worked on it
(no audit event by a person), so a second ``load_demo`` changes nothing and never moves a plan people use.
The steps are taken by the demo logins, so a load without users (``--no-users``) leaves the plan as it is.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..models import AuditEvent, Plan, PlanSnapshot
from ..selectors import plan_priorities
from ..services import RowInput, priority_save
from ..services.workflow import STEPS, WorkflowError, plan_transition
from .files import DemoDataError, Node
from .priorities import action_values
from .progress import spec_plan
from .writing import app_demo_functions, service_call


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _existing_rows(priority) -> tuple[list[RowInput], list[RowInput], list[RowInput]]:
    """The priority's rows as they stand (kept as they are), in printed order, as ``priority_save`` takes them."""
    actions = [
        RowInput(id=action.pk, values={"sub_action": action.parent_id is not None})
        for top in priority.top_actions
        for action in (top, *top.children)
    ]
    milestones = [
        RowInput(id=milestone.pk, values={"action_ref": milestone.action_number or ""})
        for milestone in priority.milestones.all()
    ]
    decisions = [RowInput(id=decision.pk, values={}) for decision in priority.key_decisions.all()]
    return actions, milestones, decisions


def _edit(node: Node, plan: Plan, user) -> int:
    """One priority's edit: officers named for actions that had none, then new actions and milestones."""
    number = node.value.get("priority")
    priority = next((p for p in plan_priorities(plan=plan) if p.number == number), None)
    if priority is None:
        raise node.fail(f"the plan has no priority {number}")
    actions, milestones, decisions = _existing_rows(priority)
    numbers = [a.number for top in priority.top_actions for a in (top, *top.children)]
    officers = node.value.get("accountable_officers", {})
    for name, officer in officers.items():
        if name not in numbers:
            raise node.fail(f"priority {number} has no action {name}")
        actions[numbers.index(name)].values["accountable_officer"] = officer
    existing = len(actions)
    for action in node.items("actions") if node.has("actions") else []:
        actions.append(RowInput(id=None, values=action_values(action, sub_action=False)))
        for sub in action.items("sub_actions") if action.has("sub_actions") else []:
            actions.append(RowInput(id=None, values=action_values(sub, sub_action=True)))
    for milestone in node.items("milestones") if node.has("milestones") else []:
        values = {"title": milestone.text("title"), "due_text": milestone.text("date", default="")}
        # Actions are cited by the number the plan gives them once these are added ("(2.3)"), as printed.
        values["action_ref"] = milestone.text("action", default="")
        milestones.append(RowInput(id=None, values=values))
    service_call(
        node,
        priority_save,
        priority=priority,
        title=priority.title,
        description=priority.description,
        actions=actions,
        milestones=milestones,
        key_decisions=decisions,
        actor=user,
    )
    return sum(not row.values.get("sub_action") for row in actions[existing:])


def _step(node: Node, plan: Plan, users: dict) -> None:
    name = node.text("step")
    if name not in STEPS:
        raise node.fail(f"'step' must be one of {', '.join(STEPS)}, not {name!r}")
    on = datetime.date.fromisoformat(node.text("on"))
    decided = node.optional_text("decided_on")
    try:
        record = plan_transition(
            plan=plan,
            user=users[node.text("by")],
            step_name=name,
            reason=node.text("reason"),
            decision_number=node.text("decision_number", default=""),
            decided_on=datetime.date.fromisoformat(decided) if decided else None,
        )
    except WorkflowError as error:
        raise node.fail(f"refused by the app ({error})") from error
    # ``created_at`` and ``taken_at`` are auto_now_add: the seed's day is set once the rows exist.
    type(record).objects.filter(pk=record.pk).update(created_at=_noon(on))
    snapshot = STEPS[name].snapshot
    if snapshot:
        latest = plan.snapshots.filter(kind=snapshot).order_by("-id").first()
        PlanSnapshot.objects.filter(pk=latest.pk).update(taken_at=_noon(on))


def _users(node: Node) -> dict | None:
    """The demo logins the file names, or None when they are not there (a load with ``--no-users``)."""
    names = {node.text("edited_by")} if node.has("edited_by") else set()
    names |= {step.text("by") for step in node.items("steps")}
    found = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
    return found if set(found) == names else None


def _take(node: Node, plan: Plan, users: dict, *, app_edits: bool) -> str:
    user = users.get(node.value.get("edited_by"))
    added = sum(_edit(edit, plan, user) for edit in (node.items("edits") if node.has("edits") else []))
    # The other apps' parts of the plan (e.g. a KPI's floor stated as TBC), as ``<app>.demo.approval_edit``.
    for label, edit in app_demo_functions("approval_edit") if app_edits else []:
        try:
            edit(plan=plan, spec=node.value)
        except Exception as error:
            raise node.fail(f"the {label} edits ({type(error).__name__}: {error})") from error
    steps = node.items("steps")
    for step in steps:
        _step(step, plan, users)
        plan.refresh_from_db()
    taken = ", ".join(f"{step.text('step').replace('_', ' ')} {step.text('on')}" for step in steps)
    return f"{taken}" + (f" ({added} actions added before approval)" if added else "")


def approvals_demo_load(*, fixtures_dir: Path, app_edits: bool = True, stdout=None) -> list[str]:
    """Take each plan an approval file names along its path where that still applies; one line said for each.

    ``app_edits``: the other apps' edits too (False when their demo data was not loaded, as in ``demo_load``'s
    ``with_app_demos=False``)."""
    said = []
    for path in sorted(Path(fixtures_dir).glob("approval_*.json")):
        try:
            node = Node(json.loads(path.read_text(encoding="utf-8")), path.name)
        except (OSError, ValueError) as error:
            raise DemoDataError(f"{path.name}: cannot be read ({error})") from error
        spec = node.value
        plan = spec_plan(spec)
        name = f"{spec.get('division') or spec['directorate']} {spec['plan_year']}"
        users = _users(node)
        if plan is None:
            said.append(f"Approval of {name}: skipped, the plan is not loaded.")
        elif plan.status != node.text("from_status"):
            said.append(f"Approval of {name}: kept as it is ({plan.get_status_display().lower()}).")
        elif AuditEvent.objects.filter(plan=plan, actor__isnull=False).exists():
            said.append(f"Approval of {name}: kept as it is, people have worked on the plan since it was loaded.")
        elif users is None:
            said.append(f"Approval of {name}: not taken, its steps are taken by the demo logins (load with users).")
        else:
            said.append(f"Approval of {name}: {_take(node, plan, users, app_edits=app_edits)}.")
        if stdout is not None:
            stdout.write(said[-1])
    return said
