"""Carrying a plan's indicators into next year's plan, when the plan is rolled forward (issue 12).

Registered from ``PerformanceConfig.ready()`` as a ``plans.extensions`` roll-forward hook. Each KPI keeps
its reference, description, unit, polarity and frequency; last year's outturn becomes its previous figure,
and its floor and target are "To be set" (quarterly and next year's targets are cleared), so the plan
cannot pass its completeness check until they are set. Activity indicators keep their words and units,
take last year's total as the previous figure and lose their thresholds. Each links to last year's row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from plans.models import Plan, Priority
from plans.rollforward.carry import checked as check_rows

from .models import (
    ActivityActual,
    ActivityIndicator,
    Kpi,
    KpiActual,
    PeriodKind,
    PreviousBasis,
    ValueStatus,
    YearTotal,
)
from .selectors.common import activity_of, kpis_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_LINKS = ["plan", "owner", "carried_from"]
_checked = partial(check_rows, links=_LINKS)
_SHARED = ("reference", "description", "decimal_places", "owner_id", "position", "unit")
_KPI_OWN = ("business_as_usual", "scale_labels", "polarity", "frequency")


def _latest_actuals(model, link: str, plan: Plan) -> dict[int, list]:
    """Each indicator's actuals, oldest first; of periods ending the same day, the longest (the year) last."""
    by_indicator: dict[int, list] = defaultdict(list)
    rows = model.objects.filter(**{f"{link}__plan": plan}).select_related("period")
    for actual in rows.order_by("period__ends_on", "-period__starts_on"):
        by_indicator[getattr(actual, f"{link}_id")].append(actual)
    return by_indicator


def kpi_outturn(actuals: list[KpiActual], year_ends_on: datetime.date) -> tuple[str, Decimal | None, str, object]:
    """(status, value, basis, as-at month) of last year's figure: the year's own actual, else the latest one.

    A figure for a period that ends before the year does is a forecast "based on data for" its last month.
    """
    if not actuals:
        return ValueStatus.NOT_YET_AVAILABLE, None, PreviousBasis.OUTTURN, None
    last = actuals[-1]
    if last.period.ends_on >= year_ends_on:
        return ValueStatus.VALUE, last.value, PreviousBasis.OUTTURN, None
    return ValueStatus.VALUE, last.value, PreviousBasis.FORECAST, last.period.ends_on.replace(day=1)


def activity_outturn(indicator: ActivityIndicator, actuals: list[ActivityActual], year_ends_on) -> Decimal | None:
    """Last year's total (the quarters summed, or the latest quarter for a running count) once the year is in."""
    for kind in (PeriodKind.QUARTER, PeriodKind.MONTH):
        rows = [actual for actual in actuals if actual.period.kind == kind]
        if rows and rows[-1].period.ends_on >= year_ends_on:
            if indicator.year_total == YearTotal.LATEST:
                return rows[-1].value
            return sum((row.value for row in rows), start=Decimal(0))
    return None


def _carried_kpi(old: Kpi, target: Plan, actuals: list[KpiActual], year_ends_on) -> Kpi:
    status, value, basis, as_at = kpi_outturn(actuals, year_ends_on)
    new = Kpi(plan=target, carried_from=old, previous_status=status, previous=value, previous_basis=basis)
    new.previous_as_at = as_at
    for name in (*_SHARED, *_KPI_OWN, "benchmark_status", "benchmark"):
        setattr(new, name, getattr(old, name))
    # Quarterly and next year's targets are left blank (the model's default): they are set with the year's.
    new.floor_status = new.target_status = ValueStatus.TO_BE_SET
    return new


def _carried_activity(old: ActivityIndicator, target: Plan, actuals: list, year_ends_on) -> ActivityIndicator:
    total = activity_outturn(old, actuals, year_ends_on)
    new = ActivityIndicator(
        plan=target,
        carried_from=old,
        year_total=old.year_total,
        tracking_note=old.tracking_note,
        previous_status=ValueStatus.VALUE if total is not None else ValueStatus.NOT_YET_AVAILABLE,
        previous=total,
        benchmark_status=old.benchmark_status,
        benchmark=old.benchmark,
    )
    for name in _SHARED:
        setattr(new, name, getattr(old, name))
    return new


def indicators_roll_forward(
    *, source: Plan, target: Plan, priorities: dict[int, Priority], actor: User | None = None
) -> list[str]:
    """Copy ``source``'s KPIs and activity indicators into ``target``; sentences for the officer."""
    year_ends_on = source.plan_year.ends_on
    kpis = list(kpis_of(plans=[source]))
    activity = list(activity_of(plans=[source]))
    if not kpis and not activity:
        return []
    kpi_actuals = _latest_actuals(KpiActual, "kpi", source)
    activity_actuals = _latest_actuals(ActivityActual, "indicator", source)
    new_kpis = _checked([_carried_kpi(k, target, kpi_actuals[k.pk], year_ends_on) for k in kpis])
    bulk_create_with_history(new_kpis, Kpi, default_user=actor)
    measured = Kpi.priorities.through
    measured.objects.bulk_create(
        [
            measured(kpi=new, priority=priorities[priority.pk])
            for old, new in zip(kpis, new_kpis, strict=True)
            for priority in old.priorities.all()
            if priority.pk in priorities
        ]
    )
    new_activity = _checked([_carried_activity(a, target, activity_actuals[a.pk], year_ends_on) for a in activity])
    bulk_create_with_history(new_activity, ActivityIndicator, default_user=actor)
    return [
        f"{len(new_kpis)} KPIs carried with last year's outturn as the previous figure and floor and target "
        f"to be set; {len(new_activity)} activity indicators carried with their thresholds cleared."
    ]
