"""Section F (2013-14 divisional plans) and section L (2017-18 directorate plans): the indicator tables.

The layouts follow the printed plans. A directorate plan has one KPI table
(ref, priority ref, description, last year's forecast, floor, target) and one
activity table (upper and lower thresholds per quarter, expected total). A
divisional plan has a KPI table per reporting frequency (floor, last year's
outturn, comparative benchmark, quarterly targets or this and next year's
targets) and an activity table with last year's outturn and benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.models import Plan, PlanKind

from ..display import figure, stated, year_label
from ..models import QUARTERS, ActivityIndicator, Frequency, Kpi, PreviousBasis
from .common import activity_of, kpis_of, priority_numbers, priority_refs

DIVISIONAL_TABLES = (
    (
        Frequency.QUARTERLY,
        "Table for PERFORMANCE indicators measurable on a quarterly basis by financial year",
        "PERFORMANCE INDICATORS – QUARTERLY BY FINANCIAL YEAR",
    ),
    (
        Frequency.ANNUAL,
        "Table for PERFORMANCE indicators measurable annually by financial year",
        "PERFORMANCE INDICATOR - ANNUALLY BY FINANCIAL YEAR",
    ),
    (
        Frequency.MONTHLY,
        "Table for PERFORMANCE indicators measurable monthly by financial year",
        "PERFORMANCE INDICATOR - MONTHLY",
    ),
    (
        Frequency.ACADEMIC,
        "Table for PERFORMANCE indicators measurable annually by academic year",
        "PERFORMANCE INDICATOR - ANNUALLY BY ACADEMIC YEAR",
    ),
)


@dataclass
class KpiTableRow:
    kpi: Kpi
    reference: str
    priority_refs: str
    description: str
    previous: str
    previous_is_forecast: bool
    benchmark: str
    floor: str
    target: str
    quarter_targets: list[str]
    target_next: str


@dataclass
class KpiTable:
    frequency: str
    caption: str
    first_heading: str
    quarterly: bool
    rows: list[KpiTableRow]


@dataclass
class ActivityBand:
    name: str  # "Upper" or "Lower"
    quarters: list[str]
    total: str


@dataclass
class ActivityTableRow:
    indicator: ActivityIndicator
    reference: str
    description: str
    previous: str
    benchmark: str
    bands: list[ActivityBand]
    note_marker: str = ""
    note: str = ""


@dataclass
class PlanIndicators:
    plan: Plan
    layout: str  # "directorate" or "divisional"
    year: str
    next_year: str
    previous_year: str
    previous_heading: str
    kpi_tables: list[KpiTable]
    activity_rows: list[ActivityTableRow]
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    forecast_marker: str = ""

    @property
    def is_directorate(self) -> bool:
        return self.layout == "directorate"

    @property
    def kpi_count(self) -> int:
        return sum(len(table.rows) for table in self.kpi_tables)

    @property
    def is_empty(self) -> bool:
        return not self.kpi_count and not self.activity_rows


def _kpi_row(kpi: Kpi, numbers: dict[int, int]) -> KpiTableRow:
    target = stated(kpi, "target")
    quarter_targets = [stated(kpi, f"target_q{q}") for q in QUARTERS]
    return KpiTableRow(
        kpi=kpi,
        reference=kpi.reference,
        priority_refs=priority_refs(kpi=kpi, numbers=numbers),
        description=kpi.description,
        previous=stated(kpi, "previous"),
        previous_is_forecast=kpi.previous_basis == PreviousBasis.FORECAST,
        benchmark=stated(kpi, "benchmark"),
        floor=stated(kpi, "floor"),
        target=target,
        quarter_targets=quarter_targets,
        target_next=stated(kpi, "target_next"),
    )


def _activity_row(indicator: ActivityIndicator) -> ActivityTableRow:
    bands = []
    for edge, name in (("upper", "Upper"), ("lower", "Lower")):
        bands.append(
            ActivityBand(
                name=name,
                quarters=[figure(indicator, getattr(indicator, f"q{q}_{edge}")) for q in QUARTERS],
                total=figure(indicator, indicator.expected_total[0 if edge == "lower" else 1]),
            )
        )
    return ActivityTableRow(
        indicator=indicator,
        reference=indicator.reference,
        description=indicator.description,
        previous=stated(indicator, "previous"),
        benchmark=stated(indicator, "benchmark"),
        bands=bands if indicator.has_thresholds else [],
        note=indicator.tracking_note,
    )


def plan_indicators(*, plan: Plan) -> PlanIndicators:
    """The plan's KPI and activity tables, laid out like the printed plan (four queries)."""
    start = plan.plan_year.start_year
    kpis = list(kpis_of(plans=[plan]))
    numbers = priority_numbers(plans=[plan]) if kpis else {}
    rows = [_kpi_row(kpi, numbers) for kpi in kpis]
    is_directorate = plan.kind == PlanKind.DIRECTORATE
    slash = not is_directorate
    if is_directorate:
        tables = [KpiTable("", "Key Performance Indicators", "", False, rows)] if rows else []
    else:
        tables = [
            KpiTable(frequency, caption, heading, frequency == Frequency.QUARTERLY, table_rows)
            for frequency, caption, heading in DIVISIONAL_TABLES
            if (table_rows := [row for row in rows if row.kpi.frequency == frequency])
        ]
    activity_rows = [_activity_row(indicator) for indicator in activity_of(plans=[plan])]

    footnotes: list[tuple[str, str]] = []
    previous_year = year_label(start - 1, slash=slash)
    forecasts = [row.kpi for row in rows if row.previous_is_forecast]
    forecast_marker = ""
    if forecasts:
        forecast_marker = "a"
        as_at = sorted({kpi.previous_as_at for kpi in forecasts if kpi.previous_as_at})
        if as_at:
            months = " and ".join(date.strftime("%B %Y") for date in as_at)
            footnotes.append((forecast_marker, f"{previous_year} forecasts for KPIs based on {months} data"))
        else:
            footnotes.append((forecast_marker, f"{previous_year} figures are forecasts, not final outturns"))
    notes = sorted({row.note for row in activity_rows if row.note})
    for index, note in enumerate(notes):
        marker = "abcdefghijklmnopqrstuvwxyz"[len(footnotes)] if len(footnotes) < 26 else str(index + 1)
        footnotes.append((marker, note))
        for row in activity_rows:
            if row.note == note:
                row.note_marker = marker
    if forecasts and len(forecasts) == len(rows):
        previous_heading = f"{previous_year} Forecast"
    elif forecasts:
        previous_heading = f"{previous_year} Outturn or forecast"
    else:
        previous_heading = f"{previous_year} Outturn"
    return PlanIndicators(
        plan=plan,
        layout="directorate" if is_directorate else "divisional",
        year=year_label(start, slash=slash),
        next_year=year_label(start + 1, slash=slash),
        previous_year=previous_year,
        previous_heading=previous_heading,
        kpi_tables=tables,
        activity_rows=activity_rows,
        footnotes=footnotes,
        forecast_marker=forecast_marker,
    )


def kpi_get(*, plan: Plan, kpi_id: int) -> Kpi:
    """One of the plan's KPIs (its edit page); ``Kpi.DoesNotExist`` if the plan has no such KPI."""
    return Kpi.objects.get(pk=kpi_id, plan=plan)


def activity_indicator_get(*, plan: Plan, indicator_id: int) -> ActivityIndicator:
    """One of the plan's activity indicators; ``ActivityIndicator.DoesNotExist`` if it has no such indicator."""
    return ActivityIndicator.objects.get(pk=indicator_id, plan=plan)
