"""Writes to plans. Every write is atomic and fully validated before it lands.

Views hand over cleaned input; a ``TableValidationError`` carries per-row field
errors back so the page can show them next to the right field, and because the
transaction is rolled back nothing is half-saved.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from .audit import audit_record
from .models import Action, KeyDecision, Milestone, Plan, Priority
from .months import parse_month, range_error
from .numbering import action_numbers, number_priorities


class PlanConflictError(Exception):
    """The plan changed since the form was loaded (optimistic locking)."""

    def __init__(self, plan: Plan):
        super().__init__("This plan was changed by someone else since you opened the page.")
        self.plan = plan


class ForeignRowError(Exception):
    """A submitted row id does not belong to the plan being edited (tampered form)."""


@dataclass
class RowInput:
    """One submitted table row: ``id`` is None for a new row."""

    id: int | None
    values: dict[str, Any]
    delete: bool = False


@dataclass
class TableValidationError(Exception):
    """Field errors per table and row index, e.g. ``{"actions": {2: {"end_text": [...]}}}``."""

    errors: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)
    non_field: list[str] = field(default_factory=list)

    def add(self, table: str, index: int, field_name: str, message: str) -> None:
        self.errors.setdefault(table, {}).setdefault(index, {}).setdefault(field_name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.errors or self.non_field)


def _check_lock(plan: Plan, lock_version: int | None) -> None:
    if lock_version is None:
        return
    current = Plan.objects.select_for_update().values_list("lock_version", flat=True).get(pk=plan.pk)
    if current != lock_version:
        plan.refresh_from_db()
        raise PlanConflictError(plan)


def _touch(plan: Plan, fields: Sequence[str] = ()) -> None:
    """Bump the version. Saving (not ``update()``) records a history entry: each save is a recoverable version."""
    # The row lock makes read-then-increment safe against a concurrent save.
    current = Plan.objects.select_for_update().values_list("lock_version", flat=True).get(pk=plan.pk)
    plan.lock_version = current + 1
    plan.save(update_fields=["lock_version", "updated_at", *fields])


def _text_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    """PostgreSQL cannot store NUL; refuse it with a message rather than a 500."""
    return {
        name: ["Remove the null character (\\x00) from this text."]
        for name, value in values.items()
        if isinstance(value, str) and "\x00" in value
    }


def _full_clean(instance: models.Model, exclude: Sequence[str] = ()) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        return dict(error.message_dict)
    return {}


AUDIT_SKIP = {"id", "position", "start_month", "end_month", "due_month"}


def _change(table: str, kind: str, row_id: int, before: dict, after: dict) -> dict:
    """What changed in one row, as JSON-able values (only the fields that differ)."""
    names = [n for n in (after or before) if n not in AUDIT_SKIP and before.get(n) != after.get(n)]
    return {
        "table": table,
        "change": kind,
        "id": row_id,
        "before": {n: _jsonable(before.get(n)) for n in names if n in before},
        "after": {n: _jsonable(after.get(n)) for n in names if n in after},
    }


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _audit_edit(*, actor, plan: Plan, subject: str, changes: list[dict], fields: dict | None = None) -> None:
    if not changes and not fields:
        return
    audit_record(
        actor=actor,
        action="edit",
        plan=plan,
        subject=subject,
        before={
            "fields": {k: _jsonable(v[0]) for k, v in (fields or {}).items()},
            "rows": [c["before"] for c in changes],
        },
        after={
            "fields": {k: _jsonable(v[1]) for k, v in (fields or {}).items()},
            "rows": [{"table": c["table"], "change": c["change"], "id": c["id"], **c["after"]} for c in changes],
        },
    )


def _sync_foreign_keys(instance: models.Model) -> None:
    """Copy the ids of related objects saved earlier in this write onto ``instance``."""
    for model_field in instance._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(instance):
            related = getattr(instance, model_field.name)
            if related is not None and related.pk is not None:
                setattr(instance, model_field.attname, related.pk)


def _field_values(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _month_errors(start_text: str, end_text: str) -> dict[str, list[str]]:
    message = range_error(start_text, end_text)
    return {"end_text": [message]} if message else {}


@transaction.atomic
def plan_update(*, plan: Plan, values: dict[str, Any], lock_version: int | None = None, actor=None) -> Plan:
    """Update a plan's own fields (executive summary, resources notes, FTE)."""
    _check_lock(plan, lock_version)
    errors = TableValidationError()
    for name, messages in _text_errors(values).items():
        for message in messages:
            errors.add("plan", 0, name, message)
    if errors:
        raise errors
    old = {name: getattr(plan, name) for name in values}
    for name, value in values.items():
        setattr(plan, name, value)
    for name, messages in _full_clean(plan).items():
        for message in messages:
            errors.add("plan", 0, name, message)
    if errors:
        raise errors
    _touch(plan, fields=list(values))
    changed = {name: (old[name], values[name]) for name in values if old[name] != values[name]}
    _audit_edit(actor=actor, plan=plan, subject="Plan details", changes=[], fields=changed)
    return plan


def _apply_rows(
    *,
    table: str,
    queryset: models.QuerySet,
    create_kwargs: dict[str, Any],
    rows: Sequence[RowInput],
    errors: TableValidationError,
    exclude: Sequence[str] = (),
    prepare=None,
    changes: list[dict] | None = None,
) -> list[models.Model]:
    """Create, update, delete and order the rows of one table, in the order given.

    Returns the surviving instances in order. Row ids that are not in
    ``queryset`` raise ``ForeignRowError``: the form was tampered with.
    """
    existing = {obj.pk: obj for obj in queryset}
    kept: list[tuple[models.Model, dict[str, Any]]] = []
    doomed: list[models.Model] = []
    for index, row in enumerate(rows):
        if row.id is not None and row.id not in existing:
            raise ForeignRowError(f"{table} row {row.id} is not part of this plan")
        if row.delete:
            if row.id is not None:
                doomed.append(existing[row.id])
            continue
        instance = existing[row.id] if row.id is not None else queryset.model(**create_kwargs)
        before = _field_values(instance)
        row_errors = _text_errors(row.values)
        for name, value in row.values.items():
            setattr(instance, name, value)
        if prepare is not None:
            row_errors.update(prepare(instance, index))
        instance.position = len(kept) + 1
        if not row_errors:
            row_errors = _full_clean(instance, exclude)
        for name, messages in row_errors.items():
            for message in messages:
                errors.add(table, index, name, message)
        kept.append((instance, before))
    if errors:
        return [instance for instance, _ in kept]
    for instance, before in kept:
        _sync_foreign_keys(instance)
        # Unchanged rows are not re-saved, so the history shows only real edits.
        after = _field_values(instance)
        if instance.pk is None or after != before:
            kind = "added" if instance.pk is None else "changed"
            instance.save()
            if changes is not None:
                changes.append(_change(table, kind, instance.pk, before if kind == "changed" else {}, after))
    # Deleting last means a kept row is already re-attached before anything it hung from goes.
    for instance in doomed:
        if changes is not None:
            changes.append(_change(table, "removed", instance.pk, _field_values(instance), {}))
        instance.delete()
    return [instance for instance, _ in kept]


@transaction.atomic
def plan_rows_save(
    *,
    plan: Plan,
    relation: str,
    rows: Sequence[RowInput],
    scope: dict[str, Any] | None = None,
    lock_version: int | None = None,
    actor=None,
) -> list[models.Model]:
    """Replace the rows of one of a plan's tables (narrative blocks, resources, services…).

    ``scope`` narrows the table and is set on new rows, e.g. ``{"section": "foreword"}``.
    """
    _check_lock(plan, lock_version)
    scope = scope or {}
    manager = getattr(plan, relation)
    errors = TableValidationError()
    changes: list[dict] = []
    saved = _apply_rows(
        table=relation,
        queryset=manager.filter(**scope),
        create_kwargs={"plan": plan, **scope},
        rows=rows,
        errors=errors,
        changes=changes,
    )
    if errors:
        raise errors
    _touch(plan)
    _audit_edit(actor=actor, plan=plan, subject=relation.replace("_", " "), changes=changes)
    return saved


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
    actor=None,
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
    for name, messages in {
        **_text_errors({"title": title, "description": description}),
        **_full_clean(priority),
    }.items():
        for message in messages:
            errors.add("priority", 0, name, message)

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
            errors.add("actions", index, "sub_action", "The first action of a priority cannot be a sub-action.")
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
        changes.insert(0, _change("priorities", "changed", priority.pk, priority_before, priority_after))

    # Milestones cite actions by the numbers they have now.
    from .selectors import plan_priorities

    priorities = plan_priorities(plan=plan)
    number_priorities(priorities)
    by_number = {number: action_id for action_id, number in action_numbers(priorities).items()}
    milestone_rows = []
    for index, row in enumerate(milestones):
        values = dict(row.values)
        ref = str(values.pop("action_ref", "") or "").strip().strip("()")
        if ref and not row.delete:
            if ref not in by_number:
                errors.add("milestones", index, "action_ref", f"There is no action {ref} in this plan.")
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
    _touch(plan)
    _audit_edit(actor=actor, plan=plan, subject=f"Priority: {priority.title}", changes=changes)
    return priority


@transaction.atomic
def priority_create(*, plan: Plan, title: str, description: str = "", actor=None) -> Priority:
    errors = TableValidationError()
    priority = Priority(plan=plan, title=title, description=description, position=plan.priorities.count() + 1)
    for name, messages in {
        **_text_errors({"title": title, "description": description}),
        **_full_clean(priority),
    }.items():
        for message in messages:
            errors.add("priority", 0, name, message)
    if errors:
        raise errors
    priority.save()
    _touch(plan)
    _audit_edit(
        actor=actor,
        plan=plan,
        subject="priorities",
        changes=[_change("priorities", "added", priority.pk, {}, _field_values(priority))],
    )
    return priority


@dataclass
class TableInput:
    """Rows for one of a plan's tables, as used by ``plan_section_save``."""

    relation: str
    rows: Sequence[RowInput]
    scope: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def plan_section_save(
    *,
    plan: Plan,
    values: dict[str, Any] | None = None,
    tables: Sequence[TableInput] = (),
    lock_version: int | None = None,
    actor=None,
    subject: str = "",
) -> Plan:
    """Save one section of a plan (its own fields and any tables) all or nothing."""
    _check_lock(plan, lock_version)
    errors = TableValidationError()
    changes: list[dict] = []
    old = {name: getattr(plan, name) for name in values or {}}
    if values:
        for name, messages in _text_errors(values).items():
            for message in messages:
                errors.add("plan", 0, name, message)
        for name, value in values.items():
            setattr(plan, name, value)
        if not errors:
            for name, messages in _full_clean(plan).items():
                for message in messages:
                    errors.add("plan", 0, name, message)
    for table in tables:
        manager = getattr(plan, table.relation)
        _apply_rows(
            table=table.relation,
            queryset=manager.filter(**table.scope),
            create_kwargs={"plan": plan, **table.scope},
            rows=table.rows,
            errors=errors,
            changes=changes,
        )
    if errors:
        raise errors
    _touch(plan, fields=list(values or {}))
    fields = {name: (old[name], values[name]) for name in values or {} if old[name] != values[name]}
    _audit_edit(actor=actor, plan=plan, subject=subject or "Plan section", changes=changes, fields=fields)
    return plan
