"""Writing a priority with its actions, milestones and key decisions."""

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from django.db import transaction

from kcc_planning.validation import full_clean_errors, text_errors

from ..models import Action, KeyDecision, Milestone, Plan, Priority
from ..months import parse_month, range_error
from ..numbering import action_numbers
from ..selectors import plan_priorities
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


def _numbering(plan: Plan) -> dict[str, int]:
    """Printed action number → action id, for the plan as it is stored now."""
    return {number: action_id for action_id, number in action_numbers(plan_priorities(plan=plan)).items()}


def _clean_ref(value) -> str:
    return str(value or "").strip().strip("()").strip()


class _ActionLinks:
    """Resolves a milestone's action to an Action row: by identity, never by a number that a move changes.

    ``seen`` is the plan's numbering before this save (what the page showed: the lock check makes
    sure), ``saved`` maps each submitted action's key (row id, or the key given to a new row) to its
    saved row, ``removed`` holds the keys of actions deleted by this save.
    """

    def __init__(self, plan: Plan, seen: dict[str, int], saved: dict[str, Action], removed: set[str]):
        self.plan, self.seen, self.saved, self.removed = plan, seen, saved, removed
        self.plan_ids = set(seen.values())

    @cached_property
    def after(self) -> dict[str, int]:
        """The plan's numbering with this save's actions in place (read only if a number needs it)."""
        return _numbering(self.plan)

    def resolve(self, ref: str, key: str, key_number: str) -> tuple[int | None, str | None]:
        """(action id, error message) for a milestone citing ``ref``."""
        if not ref:
            return None, None
        # The key stands only while the number shown with it is what the user left in the field.
        if not key or key_number != ref:
            key = str(self.seen[ref]) if ref in self.seen else ""
        if not key and ref in self.after:
            # A number the page never showed: an action added in this save, by its new number.
            return self.after[ref], None
        if key in self.removed:
            return None, f"Action {ref} is being removed. Cite another action, or clear the action number."
        if key in self.saved:
            return self.saved[key].pk, None
        if key.isdigit() and int(key) in self.plan_ids:
            return int(key), None  # an action of another priority of this plan
        return None, f"There is no action {ref} in this plan."


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

    Action rows carry ``sub_action`` (bool): a sub-action belongs to the nearest top-level action
    above it. A new action row may carry ``key`` (any text unique in this save) for milestones to cite.

    Milestone rows carry ``action_ref`` as printed (e.g. ``2.3``) and may carry ``action_key``: the
    row id (or new row's ``key``) of the action that number meant when the page was shown, with
    ``action_key_number`` the number shown with it. While ``action_ref`` is still that number the
    milestone keeps its action wherever the action moves. Otherwise ``action_ref`` is read as the
    number the plan had before this save; a number it did not have yet is an action added now.
    """
    plan = priority.plan
    _check_lock(plan, lock_version)
    seen = _numbering(plan)
    errors = TableValidationError()
    priority_before = _field_values(priority)
    priority.title, priority.description = title, description
    errors.add_all({**text_errors({"title": title, "description": description}), **full_clean_errors(priority)})

    # Work out the parent of each action from its place in the list.
    action_rows: list[RowInput] = []
    parents: dict[int, int] = {}  # row index → row index of its parent
    keys: dict[int, str] = {}  # row index → the key milestones cite it by
    removed: set[str] = set()
    last_top: int | None = None
    for index, row in enumerate(actions):
        values = dict(row.values)
        sub = bool(values.pop("sub_action", False))
        key = str(row.id) if row.id is not None else str(values.pop("key", "") or f"row-{index}")
        values.pop("key", None)
        action_rows.append(RowInput(id=row.id, values=values, delete=row.delete))
        if row.delete:
            removed.add(key)
            continue
        keys[index] = key
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

    links = _ActionLinks(plan, seen, {keys[i]: instances[i] for i in keys}, removed)
    milestone_rows = []
    for index, row in enumerate(milestones):
        values = dict(row.values)
        ref = _clean_ref(values.pop("action_ref", ""))
        key = str(values.pop("action_key", "") or "").strip()
        key_number = _clean_ref(values.pop("action_key_number", ""))
        if not row.delete:
            values["action_id"], message = links.resolve(ref, key, key_number)
            if message:
                errors.add_row("milestones", index, "action_ref", message)
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
