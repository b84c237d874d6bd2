"""Start next year's draft plan from this one: ``plan_roll_forward``.

One transaction: the new plan, its carried priorities, actions and milestones, section D, and whatever
the other apps carry through their hooks (``plans.extensions.register_roll_forward_hook``: the unit's
risks, the plan's KPIs) land together or not at all. Last year's plan is only read: its rows, its
snapshots and its progress updates stay exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from .. import extensions
from ..audit import audit_record
from ..models import PROGRESS_STATUSES, Directorate, Division, Plan, PlanKind, PlanYear
from ..selectors import plan_get, plan_priorities
from ..services.rows import _touch_plan
from .carry import Carried, YearEnd, carry_priorities, progress_rows
from .errors import RollForwardError, RollForwardExists, SuccessorChoiceNeeded
from .successors import successor_match, successor_units, unit_label

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class RollForward:
    """The new draft and what went into it, for the confirmation message."""

    plan: Plan
    carried: Carried
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> list[str]:
        carried = self.carried
        return [
            f"{len(carried.priorities)} priorities, {len(carried.actions)} unfinished actions and "
            f"{len(carried.milestones)} milestones carried over; {carried.actions_left} finished actions "
            f"and {carried.priorities_left} finished priorities left behind.",
            *self.notes,
        ]


def existing_next_plan(*, plan: Plan, unit: Division | Directorate) -> Plan | None:
    """The plan ``unit`` already has (every unit has at most one a year), if any."""
    if plan.kind == PlanKind.DIVISIONAL:
        return Plan.objects.filter(kind=PlanKind.DIVISIONAL, division=unit).first()
    return Plan.objects.filter(kind=PlanKind.DIRECTORATE, directorate=unit).first()


def roll_forward_check(*, plan: Plan, plan_year: PlanYear, successor: str = "") -> Division | Directorate:
    """The unit next year's plan will belong to, or the reason there can be none (``RollForwardError``).

    ``successor`` (an id or a name) picks one when the unit continues as several; without it, several
    candidates raise ``SuccessorChoiceNeeded`` listing them.
    """
    if plan.status not in PROGRESS_STATUSES:
        raise RollForwardError(
            f"This plan is {plan.get_status_display().lower()}. Next year's plan is started from an approved plan."
        )
    forward = Plan.objects.filter(rolled_from=plan).select_related("directorate__plan_year", "division").first()
    if forward is not None:
        raise RollForwardExists(
            f"This plan has already been rolled forward: {forward.unit_name} {forward.plan_year}.", existing=forward
        )
    successors = successor_units(plan=plan, plan_year=plan_year)
    candidates = successors.units
    if not candidates:
        raise RollForwardError(
            f"{plan.unit_name} has no successor in the {plan_year} structure: no unit of {plan_year} continues it. "
            "Ask an administrator to record which one does."
        )
    if successor:
        unit = successor_match(candidates, successor)
        if unit is None:
            names = "; ".join(unit_label(unit) for unit in candidates)
            raise RollForwardError(f"“{successor}” does not continue {plan.unit_name} in {plan_year}. Choose: {names}.")
    elif not successors.settled:
        why = (
            f"{plan.unit_name} continues as {len(candidates)} units in {plan_year}"
            if successors.linked
            else f"{plan.unit_name} is not linked to a unit of {plan_year} (it may have merged with another)"
        )
        raise SuccessorChoiceNeeded(f"{why}: choose which one this plan is for.", candidates=candidates)
    else:
        unit = candidates[0]
    existing = existing_next_plan(plan=plan, unit=unit)
    if existing is not None:
        raise RollForwardExists(
            f"{unit.name} already has a {plan_year} plan ({existing.get_status_display().lower()}).", existing=existing
        )
    return unit


def _new_plan(plan: Plan, unit: Division | Directorate) -> Plan:
    """The draft, with its executive summary taken from next year's structure (who leads it now)."""
    directorate = unit.directorate if isinstance(unit, Division) else unit
    division = unit if isinstance(unit, Division) else None
    new = Plan(
        kind=plan.kind,
        directorate=directorate,
        division=division,
        rolled_from=plan,
        resources_unit=plan.resources_unit,
        summary_corporate_director=str(directorate.corporate_director or ""),
    )
    if division is not None:
        new.summary_portfolio = division.portfolio.title if division.portfolio else ""
        new.summary_heads_of_service = str(division.head or "")
    new.full_clean(exclude=["directorate", "division"])
    return new


@transaction.atomic
def plan_roll_forward(
    *, plan: Plan, plan_year: PlanYear, successor: str = "", actor: User | None = None
) -> RollForward:
    """Create ``plan_year``'s draft plan for the unit that continues ``plan``'s, carrying the unfinished work."""
    # Locks last year's plan row while we look: two officers pressing the button at once make one plan.
    # No ordering: the model's default one joins the nullable division, which PostgreSQL cannot lock.
    Plan.objects.select_for_update().filter(pk=plan.pk).order_by().values_list("pk", flat=True).first()
    plan = plan_get(plan_id=plan.pk)
    unit = roll_forward_check(plan=plan, plan_year=plan_year, successor=successor)
    new = _new_plan(plan, unit)
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        # Made by someone else since the check: the unit's one-plan-a-year constraint or the one-to-one link.
        existing = existing_next_plan(plan=plan, unit=unit) or Plan.objects.filter(rolled_from=plan).first()
        raise RollForwardExists(f"{unit.name} already has a {plan_year} plan.", existing=existing) from None

    priorities = plan_priorities(plan=plan)
    year_end = YearEnd.of(plan)
    carried = carry_priorities(priorities=priorities, target=new, year_end=year_end, actor=actor)
    if plan.kind == PlanKind.DIRECTORATE:
        progress_rows(priorities=priorities, target=new, year_end=year_end, actor=actor)
    notes = extensions.roll_forward_linked(source=plan, target=new, priorities=carried.priorities, actor=actor)
    _touch_plan(new)
    result = RollForward(plan=new, carried=carried, notes=notes)
    audit_record(
        actor=actor,
        action="roll_forward",
        plan=new,
        subject=f"Started from {plan.unit_name} {plan.plan_year}"[:300],
        after={"from_plan": plan.pk, "summary": result.summary},
    )
    return result
