"""The machinery every plan write shares: submitted rows, validation errors, locking, auditing.

Views hand over cleaned input as ``RowInput`` lists; ``TableValidationError``
carries per-row field errors back so the page can show them next to the right
field, and because each service runs in one transaction nothing is half-saved.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from ..audit import audit_record
from ..models import Plan


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


@dataclass
class TableInput:
    """Rows for one of a plan's tables, as used by ``plan_section_save``."""

    relation: str
    rows: Sequence[RowInput]
    scope: dict[str, Any] = field(default_factory=dict)


def check_lock(plan: Plan, lock_version: int | None) -> None:
    if lock_version is None:
        return
    current = Plan.objects.select_for_update().values_list("lock_version", flat=True).get(pk=plan.pk)
    if current != lock_version:
        plan.refresh_from_db()
        raise PlanConflictError(plan)


def touch_plan(plan: Plan, fields: Sequence[str] = ()) -> None:
    """Bump the version. Saving (not ``update()``) records a history entry: each save is a recoverable version."""
    # The row lock makes read-then-increment safe against a concurrent save.
    current = Plan.objects.select_for_update().values_list("lock_version", flat=True).get(pk=plan.pk)
    plan.lock_version = current + 1
    plan.save(update_fields=["lock_version", "updated_at", *fields])


def nul_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    """PostgreSQL cannot store NUL; refuse it with a message rather than a 500."""
    return {
        name: ["Remove the null character (\\x00) from this text."]
        for name, value in values.items()
        if isinstance(value, str) and "\x00" in value
    }


def clean_errors(instance: models.Model, exclude: Sequence[str] = ()) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        return dict(error.message_dict)
    return {}


AUDIT_SKIP = {"id", "position", "start_month", "end_month", "due_month"}


def row_change(table: str, kind: str, row_id: int, before: dict, after: dict) -> dict:
    """What changed in one row, as JSON-able values (only the fields that differ)."""
    names = [n for n in (after or before) if n not in AUDIT_SKIP and before.get(n) != after.get(n)]
    return {
        "table": table,
        "change": kind,
        "id": row_id,
        "before": {n: jsonable(before.get(n)) for n in names if n in before},
        "after": {n: jsonable(after.get(n)) for n in names if n in after},
    }


def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_edit(*, actor, plan: Plan, subject: str, changes: list[dict], fields: dict | None = None) -> None:
    if not changes and not fields:
        return
    audit_record(
        actor=actor,
        action="edit",
        plan=plan,
        subject=subject,
        before={
            "fields": {k: jsonable(v[0]) for k, v in (fields or {}).items()},
            "rows": [c["before"] for c in changes],
        },
        after={
            "fields": {k: jsonable(v[1]) for k, v in (fields or {}).items()},
            "rows": [{"table": c["table"], "change": c["change"], "id": c["id"], **c["after"]} for c in changes],
        },
    )


def sync_foreign_keys(instance: models.Model) -> None:
    """Copy the ids of related objects saved earlier in this write onto ``instance``."""
    for model_field in instance._meta.concrete_fields:
        if model_field.is_relation and model_field.is_cached(instance):
            related = getattr(instance, model_field.name)
            if related is not None and related.pk is not None:
                setattr(instance, model_field.attname, related.pk)


def field_values(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def apply_rows(
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
        before = field_values(instance)
        row_errors = nul_errors(row.values)
        for name, value in row.values.items():
            setattr(instance, name, value)
        if prepare is not None:
            row_errors.update(prepare(instance, index))
        instance.position = len(kept) + 1
        if not row_errors:
            row_errors = clean_errors(instance, exclude)
        for name, messages in row_errors.items():
            for message in messages:
                errors.add(table, index, name, message)
        kept.append((instance, before))
    if errors:
        return [instance for instance, _ in kept]
    for instance, before in kept:
        sync_foreign_keys(instance)
        # Unchanged rows are not re-saved, so the history shows only real edits.
        after = field_values(instance)
        if instance.pk is None or after != before:
            kind = "added" if instance.pk is None else "changed"
            instance.save()
            if changes is not None:
                changes.append(row_change(table, kind, instance.pk, before if kind == "changed" else {}, after))
    # Deleting last means a kept row is already re-attached before anything it hung from goes.
    for instance in doomed:
        if changes is not None:
            changes.append(row_change(table, "removed", instance.pk, field_values(instance), {}))
        instance.delete()
    return [instance for instance, _ in kept]
