"""The path to approval: who may move a plan on, what must be complete first, what gets frozen.

State moves are django-fsm-2 transitions on ``Plan.status``; permissions come
from ``plans.rules``. This module adds what the council's process needs around
them: a recorded reason, completeness checks, decision numbers, snapshots,
the audit trail and emails to the people who must act next.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_fsm import can_proceed, has_transition_perm

from kcc_planning.validation import text_errors

from ..audit import audit_record
from ..completeness import plan_completeness_problems
from ..extensions import Problem
from ..models import Plan, PlanSnapshot, PlanTransition, SnapshotKind
from ..tasks import transition_email_queue
from ..versions import plan_document_data

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DECISION_NUMBER = re.compile(r"^\d{2}/\d{5}$")


@dataclass(frozen=True)
class Step:
    name: str
    verb: str  # shown on the button
    reason_label: str
    snapshot: SnapshotKind | None = None
    needs_complete_plan: bool = False
    needs_decision: bool = False


STEPS = {
    step.name: step
    for step in (
        Step("submit", "Submit for quality assurance", "Note to the policy team", needs_complete_plan=True),
        Step("return_to_draft", "Return to the officer with feedback", "Feedback letter"),
        Step("clear", "Clear for Cabinet Committee", "Quality assurance note"),
        Step(
            "send_to_committee",
            "Send to Cabinet Committee",
            "Committee and meeting",
            snapshot=SnapshotKind.COMMITTEE,
            needs_complete_plan=True,
        ),
        Step(
            "approve",
            "Approve",
            "Approval note",
            snapshot=SnapshotKind.APPROVED,
            needs_complete_plan=True,
            needs_decision=True,
        ),
        Step("publish", "Publish", "Publication note"),
        Step("report_mid_year", "Record the mid-year report", "Mid-year report summary"),
        Step("report_year_end", "Record the year-end report", "Year-end report summary"),
    )
}


class WorkflowError(Exception):
    """The step cannot be taken; ``errors`` maps a field (or "") to what must be put right.

    ``problems`` are the completeness problems among them (their texts are also in ``errors[""]``), each
    with the link to its fix, so a page can show each once, linked.
    """

    def __init__(self, errors: dict[str, list[str]], problems: list[Problem] | None = None):
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = errors
        self.problems = problems or []


def available_steps(*, plan: Plan, user: "User") -> list[Step]:
    """The steps this user may take on this plan now."""
    return [
        step
        for step in STEPS.values()
        if can_proceed(getattr(plan, step.name)) and has_transition_perm(getattr(plan, step.name), user)
    ]


def snapshot_checksum(document: dict) -> str:
    """The checksum a snapshot stores of its frozen document (``snapshot_verify`` compares against it)."""
    return hashlib.sha256(json.dumps(document, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def snapshot_verify(snapshot: PlanSnapshot) -> bool:
    """True if the frozen document is exactly as it was when taken."""
    return snapshot_checksum(snapshot.document) == snapshot.checksum


@transaction.atomic
def plan_transition(
    *,
    plan: Plan,
    user: "User",
    step_name: str,
    reason: str,
    decision_number: str = "",
    decided_on: datetime.date | None = None,
) -> PlanTransition:
    """Take one step along the path to approval, or raise ``WorkflowError`` / ``PermissionDenied``."""
    step = STEPS.get(step_name)
    if step is None:
        raise WorkflowError({"": ["That is not a step in the approval process."]})
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    method = getattr(plan, step.name)
    if not can_proceed(method):
        raise WorkflowError(
            {"": [f"A plan that is '{plan.get_status_display()}' cannot be moved on with '{step.verb}'."]}
        )
    if not has_transition_perm(method, user):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [f"Enter the {step.reason_label.lower()}."]
    else:
        errors.update(text_errors({"reason": reason}))
    if step.needs_decision:
        if not DECISION_NUMBER.match(decision_number or ""):
            errors["decision_number"] = ["Enter the decision number in the form 12/01971."]
        if decided_on is None:
            errors["decided_on"] = ["Enter the date of the decision."]
        elif decided_on > datetime.date.today():
            errors["decided_on"] = ["The date of the decision must be today or in the past."]
    problems = plan_completeness_problems(plan=plan) if step.needs_complete_plan else []
    if problems:
        errors.setdefault("", []).extend(problem.text for problem in problems)
    if errors:
        raise WorkflowError(errors, problems)

    from_status = plan.status
    method()
    changed = ["status", "updated_at"]
    if step.name == "approve" and plan.status_note:
        # The note names a stage ("Final draft for Cabinet Committee"); an approved plan is no longer a draft.
        plan.status_note = ""
        changed.append("status_note")
    plan.save(update_fields=changed)
    record = PlanTransition(
        plan=plan,
        name=step.name,
        from_status=from_status,
        to_status=plan.status,
        actor=user,
        reason=reason,
        decision_number=decision_number if step.needs_decision else "",
        decided_on=decided_on if step.needs_decision else None,
    )
    record.full_clean()
    record.save()
    if step.snapshot:
        document = plan_document_data(plan=plan)
        PlanSnapshot.objects.create(
            plan=plan,
            kind=step.snapshot,
            version=plan.lock_version,
            document=document,
            checksum=snapshot_checksum(document),
            taken_by=user,
        )
    audit_record(
        actor=user,
        action={"approve": "approval", "publish": "publication"}.get(step.name, "transition"),
        plan=plan,
        subject=step.verb,
        before={"status": from_status},
        after={
            "status": plan.status,
            "reason": reason,
            "decision_number": record.decision_number,
            "decided_on": decided_on.isoformat() if record.decided_on else None,
        },
    )
    transition_email_queue(transition_id=record.pk)
    return record


def latest_snapshot(*, plan: Plan, kind: SnapshotKind | None = None) -> PlanSnapshot | None:
    snapshots = plan.snapshots.order_by("-taken_at", "-id")
    if kind:
        snapshots = snapshots.filter(kind=kind)
    return snapshots.first()
