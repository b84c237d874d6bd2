"""Reads for recording actuals: which indicators are due in a period, and what is already there."""

from __future__ import annotations

from dataclasses import dataclass

from plans.models import Plan

from .. import periods, schedule
from ..display import figure, stated
from ..models import ActivityActual, ActivityIndicator, ActualImport, Kpi, KpiActual
from .common import activity_of, kpis_of


@dataclass
class DueIndicator:
    indicator: Kpi | ActivityIndicator
    actual: KpiActual | ActivityActual | None
    standard: str  # "Floor 90%, target 95%" or "Expected 160,000 to 180,000"

    @property
    def is_kpi(self) -> bool:
        return isinstance(self.indicator, Kpi)

    @property
    def field_prefix(self) -> str:
        return f"{'kpi' if self.is_kpi else 'activity'}-{self.indicator.pk}"


def _kpi_standard(kpi: Kpi, spec: periods.PeriodSpec) -> str:
    quarter = spec.quarter if spec.kind == periods.Kind.QUARTER else None
    own = stated(kpi, f"target_q{quarter}") if quarter else ""
    parts = []
    if floor := stated(kpi, "floor"):
        parts.append(f"floor {floor}")
    if target := own or stated(kpi, "target"):
        parts.append(f"target {target}")
    return ("; ".join(parts)).capitalize() if parts else "No floor or target set"


def _activity_standard(indicator: ActivityIndicator, spec: periods.PeriodSpec) -> str:
    lower, upper = indicator.band(spec.quarter)
    if lower is None and upper is None:
        return indicator.tracking_note or "No expected range set"
    if lower is not None and upper is not None:
        return f"Expected {figure(indicator, lower)} to {figure(indicator, upper)}"
    if lower is not None:
        return f"Expected at least {figure(indicator, lower)}"
    return f"Expected at most {figure(indicator, upper)}"


def due_indicators(*, plan: Plan, spec: periods.PeriodSpec) -> list[DueIndicator]:
    """Every KPI (and, for a quarter, activity indicator) of ``plan`` due in ``spec``, with any stored actual."""
    start = plan.plan_year.start_year
    kpis = [kpi for kpi in kpis_of(plans=[plan]) if schedule.is_due(kpi, spec, start)]
    stored_kpi = (
        {
            a.kpi_id: a
            for a in KpiActual.objects.filter(kpi__in=kpis, period__code=spec.code).select_related("entered_by")
        }
        if kpis
        else {}
    )
    due = [DueIndicator(kpi, stored_kpi.get(kpi.pk), _kpi_standard(kpi, spec)) for kpi in kpis]
    if spec.kind == periods.Kind.QUARTER and periods.belongs_to_year(spec, start):
        indicators = list(activity_of(plans=[plan]))
        stored_activity = (
            {
                a.indicator_id: a
                for a in ActivityActual.objects.filter(indicator__in=indicators, period__code=spec.code).select_related(
                    "entered_by"
                )
            }
            if indicators
            else {}
        )
        due += [DueIndicator(ind, stored_activity.get(ind.pk), _activity_standard(ind, spec)) for ind in indicators]
    return due


@dataclass
class PeriodProgress:
    spec: periods.PeriodSpec
    due: int
    entered: int
    closed: bool


def entry_periods(*, plan: Plan, today) -> list[PeriodProgress]:
    """The plan year's reporting periods that have something due, with how many actuals are in (four queries)."""
    start = plan.plan_year.start_year
    kpis = list(kpis_of(plans=[plan]))
    activity_count = activity_of(plans=[plan]).count()
    due_by_code: dict[str, int] = {}
    specs: dict[str, periods.PeriodSpec] = {}
    for kpi in kpis:
        for spec in schedule.reporting_periods(kpi, start):
            due_by_code[spec.code] = due_by_code.get(spec.code, 0) + 1
            specs[spec.code] = spec
    if activity_count:
        for spec in periods.quarters_of(start):
            due_by_code[spec.code] = due_by_code.get(spec.code, 0) + activity_count
            specs[spec.code] = spec
    entered: dict[str, int] = {}
    for code in KpiActual.objects.filter(kpi__plan=plan, period__code__in=specs).values_list("period__code", flat=True):
        entered[code] = entered.get(code, 0) + 1
    for code in ActivityActual.objects.filter(indicator__plan=plan, period__code__in=specs).values_list(
        "period__code", flat=True
    ):
        entered[code] = entered.get(code, 0) + 1
    ordered = sorted(specs.values(), key=lambda s: (s.ends_on, s.starts_on))
    return [
        PeriodProgress(spec, due_by_code[spec.code], entered.get(spec.code, 0), spec.ends_on < today)
        for spec in ordered
    ]


def recent_imports(*, plan: Plan, limit: int = 5) -> list[ActualImport]:
    return list(plan.actual_imports.select_related("uploaded_by").defer("rows")[:limit])


def actual_import_get(*, plan: Plan, import_id: int) -> ActualImport:
    """An import held for the plan (to confirm or cancel); ``ActualImport.DoesNotExist`` if it is not the plan's."""
    return ActualImport.objects.get(pk=import_id, plan=plan)
