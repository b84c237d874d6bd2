"""Which unit of a later year's structure carries on a plan's division or directorate.

The structure is dated by plan year (ADR 0001): each year's units point at last year's by ``continues``.
A renamed division has one successor; two merged divisions both have the same one; a split division
has several, and then the officer chooses. Chains are followed year by year, so a plan can be rolled
into a year two restructures later as long as every year between has its structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Directorate, Division, Plan, PlanKind, PlanYear
from .errors import RollForwardError

_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[-/]\s*(\d{2}|\d{4}))?\s*$")


def plan_year_for(text: str) -> PlanYear:
    """The plan year written as officers write it (``2018-19``, ``2018/19``, ``2018``)."""
    match = _LABEL.match(text or "")
    if not match:
        raise RollForwardError(f"Enter the plan year like 2018-19, not “{text}”.")
    start = int(match.group(1))
    end = match.group(2)
    if end is not None and int(end) % 100 != (start + 1) % 100:
        raise RollForwardError(
            f"“{text}” is not a financial year: it would be written {start}-{(start + 1) % 100:02d}."
        )
    try:
        return PlanYear.objects.get(start_year=start)
    except PlanYear.DoesNotExist:
        raise RollForwardError(
            f"There is no {start}-{(start + 1) % 100:02d} plan year yet: its structure has to be set up first."
        ) from None


def _continued_in(units: list, model, year: PlanYear) -> list:
    """Follow ``continued_by`` from ``units`` until the rows of ``year``, one plan year at a time."""
    frontier = units
    unit_year = units[0].plan_year.start_year if units else year.start_year
    relation = "directorate__plan_year" if model is Division else "plan_year"
    while frontier and unit_year < year.start_year:
        unit_year += 1
        frontier = list(
            model.objects.filter(continues__in=frontier, **{f"{relation}__start_year": unit_year})
            .select_related("directorate__plan_year" if model is Division else "plan_year")
            .order_by("name", "id")
            .distinct()
        )
    return frontier


@dataclass
class Successors:
    """The units that may carry on a plan's unit in a later year.

    ``linked`` when they were found through ``continues``. A merged unit's partners are not linked (a unit
    continues one predecessor), so for an unlinked unit the candidates are the units of its directorate's
    successor and the officer says which one took it over, unless one has the very same name.
    """

    units: list = field(default_factory=list)
    linked: bool = True

    @property
    def settled(self) -> bool:
        return self.linked and len(self.units) == 1


def _unlinked(unit, units: list) -> Successors:
    same = [candidate for candidate in units if candidate.name.casefold() == unit.name.casefold()]
    return Successors(same, linked=True) if len(same) == 1 else Successors(units, linked=False)


def successor_units(*, plan: Plan, plan_year: PlanYear) -> Successors:
    """The divisions (for a divisional plan) or directorates that continue the plan's unit in ``plan_year``."""
    if plan_year.start_year <= plan.plan_year.start_year:
        raise RollForwardError(
            f"A plan is rolled forward into a later year: {plan.plan_year} plans start {plan.plan_year.start_year + 1}"
            f"-{(plan.plan_year.start_year + 2) % 100:02d} or later."
        )
    directorates = _continued_in([plan.directorate], Directorate, plan_year)
    if plan.kind == PlanKind.DIVISIONAL:
        linked = _continued_in([plan.division], Division, plan_year)
        if linked:
            return Successors(linked)
        divisions = Division.objects.filter(directorate__in=directorates).select_related("directorate__plan_year")
        return _unlinked(plan.division, list(divisions.order_by("directorate__name", "name", "id")))
    if directorates:
        return Successors(directorates)
    return _unlinked(plan.directorate, list(Directorate.objects.filter(plan_year=plan_year).order_by("name", "id")))


def unit_label(unit: Division | Directorate) -> str:
    """How a successor is named on the choice page and in messages: the name and, for a division, its directorate."""
    if isinstance(unit, Division):
        return f"{unit.name} ({unit.directorate.name})"
    return unit.name


def successor_match(candidates: list, choice: str) -> Division | Directorate | None:
    """The candidate named by ``choice``: its id, or its name (any case)."""
    choice = (choice or "").strip()
    for unit in candidates:
        if choice == str(unit.pk) or choice.casefold() == unit.name.casefold():
            return unit
    return None
