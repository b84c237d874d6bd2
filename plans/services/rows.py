"""The machinery every plan write shares: submitted rows, validation errors, locking, auditing.

Views hand over cleaned input as ``RowInput`` lists; ``TableValidationError``
carries field and per-row errors back so the page can show them next to the right
field (checking rows is ``kcc_planning.validation``, shared with the other apps), and
because each service runs in one transaction nothing is half-saved.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from kcc_planning.locking import EditConflict as PlanConflictError
from kcc_planning.locking import lock_check
from kcc_planning.validation import ForeignRowError, RowInput, RowPrepare, WriteValidationError, rows_check

from ..audit import audit_record
from ..models import Plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User


__all__ = ["ForeignRowError", "PlanConflictError", "RowInput", "TableInput", "TableValidationError"]


class TableValidationError(WriteValidationError):
    """Errors on the plan's or priority's own fields (``fields``) and per row of its tables (``rows``)."""


@dataclass
class TableInput:
    """Rows for one of a plan's tables, as used by ``plan_section_save``."""

    relation: str
    rows: Sequence[RowInput]
    scope: dict[str, Any] = field(default_factory=dict)


def _check_lock(plan: Plan, lock_version: int | None) -> None:
    # The one locking mechanism every edit screen shares; ``_touch_plan`` bumps the version on save.
    lock_check(instance=plan, submitted=lock_version)


def _touch_plan(plan: Plan, fields: Sequence[str] = ()) -> None:
    """Bump the version. Saving (not ``update()``) records a history entry: each save is a recoverable version."""
    # The row lock makes read-then-increment safe against a concurrent save.
    current = Plan.objects.select_for_update().values_list("lock_version", flat=True).get(pk=plan.pk)
    plan.lock_version = current + 1
    plan.save(update_fields=["lock_version", "updated_at", *fields])


AUDIT_SKIP = {"id", "position", "start_month", "end_month", "due_month"}


def _row_change(table: str, kind: str, row_id: int, before: dict, after: dict) -> dict:
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


def _audit_edit(
    *, actor: "User | None", plan: Plan, subject: str, changes: list[dict], fields: dict | None = None
) -> None:
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


def _apply_rows(
    *,
    table: str,
    queryset: models.QuerySet,
    create_kwargs: dict[str, Any],
    rows: Sequence[RowInput],
    errors: TableValidationError,
    exclude: Sequence[str] = (),
    prepare: RowPrepare | None = None,
    changes: list[dict] | None = None,
) -> list[models.Model]:
    """Create, update, delete and order the rows of one table, in the order given.

    Returns the surviving instances in order. Nothing is saved if ``errors`` holds anything, from
    this table or an earlier one. Row ids that are not in ``queryset`` raise ``ForeignRowError``.
    """
    existing = {obj.pk: obj for obj in queryset}
    stored = {pk: _field_values(obj) for pk, obj in existing.items()}
    kept, doomed = rows_check(
        table=table,
        existing=existing,
        new_row=lambda: queryset.model(**create_kwargs),
        rows=rows,
        errors=errors,
        exclude=exclude,
        prepare=prepare,
    )
    if errors:
        return kept
    for instance in kept:
        _sync_foreign_keys(instance)
        # Unchanged rows are not re-saved, so the history shows only real edits.
        before, after = stored.get(instance.pk, {}), _field_values(instance)
        if instance.pk is None or after != before:
            kind = "added" if instance.pk is None else "changed"
            instance.save()
            if changes is not None:
                changes.append(_row_change(table, kind, instance.pk, before, after))
    # Deleting last means a kept row is already re-attached before anything it hung from goes.
    for instance in doomed:
        if changes is not None:
            changes.append(_row_change(table, "removed", instance.pk, _field_values(instance), {}))
        instance.delete()
    return kept
