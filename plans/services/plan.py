"""Writing a plan's own fields and its row tables (narrative, resources, services…)."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from kcc_planning.validation import full_clean_errors, text_errors

from ..models import Plan
from .rows import (
    RowInput,
    TableInput,
    TableValidationError,
    _apply_rows,
    _audit_edit,
    _check_lock,
    _touch_plan,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def plan_update(
    *, plan: Plan, values: dict[str, Any], lock_version: int | None = None, actor: "User | None" = None
) -> Plan:
    """Update a plan's own fields (executive summary, resources notes, FTE)."""
    _check_lock(plan, lock_version)
    errors = TableValidationError()
    errors.add_all(text_errors(values))
    if errors:
        raise errors
    old = {name: getattr(plan, name) for name in values}
    for name, value in values.items():
        setattr(plan, name, value)
    errors.add_all(full_clean_errors(plan))
    if errors:
        raise errors
    _touch_plan(plan, fields=list(values))
    changed = {name: (old[name], values[name]) for name in values if old[name] != values[name]}
    _audit_edit(actor=actor, plan=plan, subject="Plan details", changes=[], fields=changed)
    return plan


@transaction.atomic
def plan_rows_save(
    *,
    plan: Plan,
    relation: str,
    rows: Sequence[RowInput],
    scope: dict[str, Any] | None = None,
    lock_version: int | None = None,
    actor: "User | None" = None,
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
    _touch_plan(plan)
    _audit_edit(actor=actor, plan=plan, subject=relation.replace("_", " "), changes=changes)
    return saved


@transaction.atomic
def plan_section_save(
    *,
    plan: Plan,
    values: dict[str, Any] | None = None,
    tables: Sequence[TableInput] = (),
    lock_version: int | None = None,
    actor: "User | None" = None,
    subject: str = "",
) -> Plan:
    """Save one section of a plan (its own fields and any tables) all or nothing."""
    _check_lock(plan, lock_version)
    errors = TableValidationError()
    changes: list[dict] = []
    old = {name: getattr(plan, name) for name in values or {}}
    if values:
        errors.add_all(text_errors(values))
        for name, value in values.items():
            setattr(plan, name, value)
        if not errors:
            errors.add_all(full_clean_errors(plan))
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
    _touch_plan(plan, fields=list(values or {}))
    fields = {name: (old[name], values[name]) for name in values or {} if old[name] != values[name]}
    _audit_edit(actor=actor, plan=plan, subject=subject or "Plan section", changes=changes, fields=fields)
    return plan
