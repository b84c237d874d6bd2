"""Writing a priority with its actions, milestones and key decisions."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from kcc_planning.validation import full_clean_errors, text_errors

from ..models import Action, KeyDecision, Milestone, Plan, Priority
from ..months import parse_month, range_error
from ..numbering import action_numbers
from .rows import (
    RowInput,
    TableValidationError,
    _apply_rows,
    _audit_edit,
    _check_lock,
    _field_values,
    _row_change,
    _touch_plan,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _month_errors(start_text: str, end_text: str) -> dict[str, list[str]]:
    message = range_error(start_text, end_text)
    return {"end_text": [message]} if message else {}


def _prepare_dates(start: str, end: str):
    def prepare(instance, index: int) -> dict[str, list[str]]:
        setattr(instance, f"{start}_month", parse_month(getattr(instance, f"{start}_text")))
        setattr(instance, f"{end}_month", parse_month(getattr(instance, f"{end}_text")))
        return _month_errors(getattr(instance, f"{start}_text"), getattr(instance, f"{end}_text"))

    return prepare


def _prepare_due(instance: Milestone, index: int) -> dict[str, list[str]]:
    instance.due_month = parse_month(instance.due_text)
    return {}


@transaction.atomic
def priority_save(
    *,
    priority: Priority,
    title: str,
    description: str,
    actions: Sequence[RowInput],
    milestones: Sequence[RowInput],
    key_decisions: Sequence[RowInput],
    lock_version: int | None = None,
    actor: "User | None" = None,
) -> Priority:
    """Save a priority with its actions, milestones and key decisions in one go.

    Action rows carry ``sub_action`` (bool): a sub-action belongs to the nearest
    top-level action above it. Milestone rows carry ``action_ref`` as printed
    (e.g. ``2.3``), resolved against the plan's numbering after the actions are saved.
    """
    plan = priority.plan
    _check_lock(plan, lock_version)
    errors = TableValidationError()
    priority_before = _field_values(priority)
    priority.title, priority.description = title, description
    errors.add_all({**text_errors({"title": title, "description": description}), **full_clean_errors(priority)})

    # Work out the parent of each action from its place in the list.
    action_rows: list[RowInput] = []
    parents: dict[int, int] = {}  # row index → row index of its parent
    last_top: int | None = None
    for index, row in enumerate(actions):
        values = dict(row.values)
        sub = bool(values.pop("sub_action", False))
        action_rows.append(RowInput(id=row.id, values=values, delete=row.delete))
        if row.delete:
            continue
        if sub and last_top is None:
            errors.add_row("actions", index, "sub_action", "The first action of a priority cannot be a sub-action.")
        if sub and last_top is not None:
            parents[index] = last_top
        if not sub:
            last_top = index

    instances: dict[int, Action] = {}
    changes: list[dict] = []
    prepare_dates = _prepare_dates("start", "end")

    def prepare_action(instance: Action, index: int) -> dict[str, list[str]]:
        # Rows come in list order, so a parent is always prepared (and saved) before its sub-actions.
        instances[index] = instance
        instance.parent = instances[parents[index]] if index in parents else None
        return prepare_dates(instance, index)

    _apply_rows(
        table="actions",
        queryset=Action.objects.filter(priority=priority),
        create_kwargs={"priority": priority},
        rows=action_rows,
        errors=errors,
        exclude=["parent"],
        prepare=prepare_action,
        changes=changes,
    )
    if errors:
        raise errors
    priority_after = _field_values(priority)
    if priority_after != priority_before:
        priority.save()
        changes.insert(0, _row_change("priorities", "changed", priority.pk, priority_before, priority_after))

    # Milestones cite actions by the numbers they have now.
    from ..selectors import plan_priorities

    priorities = plan_priorities(plan=plan)  # already numbered
    by_number = {number: action_id for action_id, number in action_numbers(priorities).items()}
    milestone_rows = []
    for index, row in enumerate(milestones):
        values = dict(row.values)
        ref = str(values.pop("action_ref", "") or "").strip().strip("()")
        if ref and not row.delete:
            if ref not in by_number:
                errors.add_row("milestones", index, "action_ref", f"There is no action {ref} in this plan.")
            values["action_id"] = by_number.get(ref)
        elif not row.delete:
            values["action_id"] = None
        milestone_rows.append(RowInput(id=row.id, values=values, delete=row.delete))
    _apply_rows(
        table="milestones",
        queryset=Milestone.objects.filter(priority=priority),
        create_kwargs={"priority": priority},
        rows=milestone_rows,
        errors=errors,
        prepare=_prepare_due,
        changes=changes,
    )
    _apply_rows(
        table="key_decisions",
        queryset=KeyDecision.objects.filter(priority=priority),
        create_kwargs={"priority": priority},
        rows=key_decisions,
        errors=errors,
        changes=changes,
    )
    if errors:
        raise errors
    _touch_plan(plan)
    _audit_edit(actor=actor, plan=plan, subject=f"Priority: {priority.title}", changes=changes)
    return priority


@transaction.atomic
def priority_create(*, plan: Plan, title: str, description: str = "", actor: "User | None" = None) -> Priority:
    errors = TableValidationError()
    priority = Priority(plan=plan, title=title, description=description, position=plan.priorities.count() + 1)
    errors.add_all({**text_errors({"title": title, "description": description}), **full_clean_errors(priority)})
    if errors:
        raise errors
    priority.save()
    _touch_plan(plan)
    _audit_edit(
        actor=actor,
        plan=plan,
        subject="priorities",
        changes=[_row_change("priorities", "added", priority.pk, {}, _field_values(priority))],
    )
    return priority
