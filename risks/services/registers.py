"""Writes to registers: start one for a unit and year."""

from __future__ import annotations

from django.db import transaction

from kcc_planning.validation import full_clean_errors, text_errors
from plans.models import Directorate, Division, PlanYear

from ..models import Register, RegisterLevel
from .errors import RiskValidationError


@transaction.atomic
def register_create(
    *,
    level: str,
    plan_year: PlanYear | None = None,
    directorate: Directorate | None = None,
    division: Division | None = None,
    title: str = "",
    as_at: str = "",
    status_note: str = "",
    note: str = "",
) -> Register:
    """Start a register. The unit decides the plan year, so a register cannot sit in another year's structure."""
    if division is not None:
        directorate = division.directorate
    if directorate is not None:
        plan_year = directorate.plan_year
    register = Register(
        level=level,
        plan_year=plan_year,
        directorate=directorate if level != RegisterLevel.CORPORATE else None,
        division=division if level == RegisterLevel.DIVISION else None,
        title=title,
        as_at=as_at,
        status_note=status_note,
        note=note,
    )
    errors = RiskValidationError()
    texts = {"title": title, "as_at": as_at, "status_note": status_note, "note": note}
    if _exists(register):
        errors.add("__all__", f"There is already a register for {register.unit_name} in {plan_year}.")
        raise errors
    errors.add_all(text_errors(texts) or full_clean_errors(register))
    if errors:
        raise errors
    register.save()
    return register


def _exists(register: Register) -> bool:
    registers = Register.objects.filter(level=register.level)
    if register.level == RegisterLevel.DIVISION:
        return registers.filter(division=register.division).exists()
    if register.level == RegisterLevel.DIRECTORATE:
        return registers.filter(directorate=register.directorate).exists()
    return registers.filter(plan_year=register.plan_year).exists()
