"""The performance dashboard of a plan for a chosen period.

For each KPI the dashboard shows the latest of its own periods that has ended
by the end of the chosen period (a monthly KPI on a Q2 dashboard shows
September; an annual KPI shows nothing until the year is over), rated
against the floor and the target for that period, with the direction of
travel and a trend of the year so far. Queries are fixed in number, whatever
the number of indicators and periods.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from plans.models import Plan

from .. import periods, schedule
from ..display import figure, previous_word, stated, year_label
from ..models import ActivityActual, ActivityIndicator, Kpi, KpiActual, YearTotal
from ..rating import RANGE_LABELS, Direction, Range, Rating, Trend, direction, in_range, rate
from ..svg import ChartPoint, description, trend_chart
from .common import activity_of, dashboard_plans, kpis_of, priority_numbers, priority_refs


@dataclass(frozen=True, slots=True)
class Reading:
    """An actual as the dashboard needs it: read as plain values, not model instances (thousands per page)."""

    value: Decimal
    commentary: str


class State:
    REPORTED = "reported"
    MISSING = "missing"
    NOT_DUE = "not_due"


@dataclass
class KpiLine:
    kpi: Kpi
    priority_refs: str
    floor: str
    target: str
    state: str
    period: periods.PeriodSpec | None
    actual: Reading | None
    actual_text: str
    rating: Rating
    direction: Direction
    chart: SafeString
    chart_text: str
    points: list[ChartPoint]

    @property
    def state_text(self) -> str:
        if self.state == State.NOT_DUE:
            first = self.period.label if self.period else ""
            return f"Not due yet (first figure: {first})" if first else "Not due yet"
        if self.state == State.MISSING:
            return f"Not reported for {self.period.label}"
        return ""


@dataclass
class ActivityLine:
    indicator: ActivityIndicator
    quarter: periods.PeriodSpec | None
    actual: Reading | None
    actual_text: str
    lower: str
    upper: str
    range: Range
    year_to_date: str
    quarters_reported: int
    total_lower: str
    total_upper: str
    total_range: Range | None
    chart: SafeString

    @property
    def range_label(self) -> str:
        return RANGE_LABELS[self.range]

    @property
    def total_range_label(self) -> str:
        return RANGE_LABELS[self.total_range] if self.total_range else ""


@dataclass
class DashboardGroup:
    plan: Plan
    kpis: list[KpiLine] = field(default_factory=list)
    activities: list[ActivityLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.plan.unit_name


@dataclass
class Dashboard:
    plan: Plan
    period: periods.PeriodSpec
    groups: list[DashboardGroup]
    counts: dict[str, int]
    choices: list[periods.PeriodSpec]

    @property
    def kpi_count(self) -> int:
        return sum(len(group.kpis) for group in self.groups)

    @property
    def activity_count(self) -> int:
        return sum(len(group.activities) for group in self.groups)


def default_period(*, plan: Plan, today) -> periods.PeriodSpec:
    """The latest quarter of the plan year that has ended by ``today`` (the first quarter before any has)."""
    quarters = periods.quarters_of(plan.plan_year.start_year)
    ended = [q for q in quarters if q.ends_on < today]
    return ended[-1] if ended else quarters[0]


def _series(rows) -> dict[int, dict[str, Reading]]:
    """(indicator id, period code, value, commentary) rows → {indicator id: {period code: Reading}}."""
    by_indicator: dict[int, dict[str, Reading]] = defaultdict(dict)
    for indicator_id, code, value, commentary in rows:
        by_indicator[indicator_id][code] = Reading(value, commentary)
    return by_indicator


def _kpi_line(kpi: Kpi, spec: periods.PeriodSpec, start: int, stored: dict, numbers: dict[int, int]) -> KpiLine:
    own = schedule.reporting_periods(kpi, start)
    so_far = [p for p in own if p.ends_on <= spec.ends_on]
    floor = kpi.floor
    floor_text = stated(kpi, "floor")
    points: list[ChartPoint] = []
    for p in so_far:
        actual = stored.get(p.code)
        if actual is None:
            points.append(ChartPoint(p.short_label, None))
            continue
        target_here = kpi.target_for_quarter(p.quarter if p.kind == periods.Kind.QUARTER else None)
        rating = rate(
            actual=actual.value, floor=floor, target=target_here.value, polarity=kpi.polarity, places=kpi.decimal_places
        )
        points.append(ChartPoint(p.short_label, actual.value, figure(kpi, actual.value), rating.label))
    if not so_far:
        state, period, actual = State.NOT_DUE, own[0] if own else None, None
    else:
        period = so_far[-1]
        actual = stored.get(period.code)
        state = State.REPORTED if actual is not None else State.MISSING
    quarter = period.quarter if period is not None and period.kind == periods.Kind.QUARTER else None
    target = kpi.target_for_quarter(quarter)
    target_text = stated(kpi, f"target_q{quarter}") if quarter and target is not kpi.stated("target") else ""
    target_text = target_text or stated(kpi, "target")
    value = actual.value if actual is not None else None
    rating = rate(actual=value, floor=floor, target=target.value, polarity=kpi.polarity, places=kpi.decimal_places)
    if state == State.REPORTED and len(so_far) > 1 and (before := stored.get(so_far[-2].code)) is not None:
        trend = direction(
            current=value,
            previous=before.value,
            polarity=kpi.polarity,
            places=kpi.decimal_places,
            compared_with=so_far[-2].label,
        )
    elif state == State.REPORTED and len(so_far) == 1 and kpi.previous is not None:
        trend = direction(
            current=value,
            previous=kpi.previous,
            polarity=kpi.polarity,
            places=kpi.decimal_places,
            compared_with=f"{year_label(start - 1)} {previous_word(kpi)}",
        )
    elif state == State.MISSING:
        # Not reported this period: say so, and which earlier figure there is, rather than "No earlier figure".
        earlier = [(stored[p.code].value, p.label) for p in so_far[:-1] if stored.get(p.code) is not None]
        if not earlier and kpi.previous is not None:
            earlier = [(kpi.previous, f"{year_label(start - 1)} {previous_word(kpi)}")]
        last_value, last_label = earlier[-1] if earlier else (None, "")
        trend = direction(
            current=None,
            previous=last_value,
            polarity=kpi.polarity,
            places=kpi.decimal_places,
            compared_with=last_label,
        )
    else:
        trend = Direction(Trend.NONE)
    chart_id = f"trend-kpi-{kpi.pk}"
    title = f"Trend of {kpi.reference or 'this indicator'}, {year_label(start)} so far"
    chart_text = description(points, target=target_text, floor=floor_text)
    chart = trend_chart(
        chart_id=chart_id,
        title=title,
        points=points,
        target=target.value,
        floor=floor,
        target_text=target_text,
        floor_text=floor_text,
    )
    return KpiLine(
        kpi=kpi,
        priority_refs=priority_refs(kpi=kpi, numbers=numbers),
        floor=floor_text,
        target=target_text,
        state=state,
        period=period,
        actual=actual,
        actual_text=figure(kpi, value) if value is not None else "",
        rating=rating,
        direction=trend,
        chart=chart,
        chart_text=chart_text,
        points=points,
    )


def _activity_line(indicator: ActivityIndicator, spec: periods.PeriodSpec, start: int, stored: dict) -> ActivityLine:
    quarters = [q for q in periods.quarters_of(start) if q.ends_on <= spec.ends_on]
    quarter = quarters[-1] if quarters else None
    actual = stored.get(quarter.code) if quarter else None
    lower, upper = indicator.band(quarter.quarter) if quarter else (None, None)
    reported = [stored[q.code].value for q in quarters if q.code in stored]
    if indicator.year_total == YearTotal.LATEST:
        latest = next((stored[q.code].value for q in reversed(quarters) if q.code in stored), None)
        year_to_date = latest
    else:
        year_to_date = sum(reported, start=Decimal(0)) if reported else None
    total_lower, total_upper = indicator.expected_total
    # The expected total is for the whole year: compare only once all four quarters are in.
    total_range = None
    if len(reported) == 4:
        total_range = in_range(actual=year_to_date, lower=total_lower, upper=total_upper)
    points = [
        ChartPoint(
            q.short_label,
            stored[q.code].value if q.code in stored else None,
            figure(indicator, stored[q.code].value) if q.code in stored else "",
        )
        for q in quarters
    ]
    chart = trend_chart(
        chart_id=f"trend-activity-{indicator.pk}",
        title=f"Trend of {indicator.reference or 'this activity indicator'}, {year_label(start)} so far",
        points=points,
    )
    return ActivityLine(
        indicator=indicator,
        quarter=quarter,
        actual=actual,
        actual_text=figure(indicator, actual.value) if actual else "",
        lower=figure(indicator, lower),
        upper=figure(indicator, upper),
        range=in_range(actual=actual.value if actual else None, lower=lower, upper=upper),
        year_to_date=figure(indicator, year_to_date) if year_to_date is not None else "",
        quarters_reported=len(reported),
        total_lower=figure(indicator, total_lower),
        total_upper=figure(indicator, total_upper),
        total_range=total_range,
        chart=chart,
    )


def dashboard_get(*, plan: Plan, period: periods.PeriodSpec) -> Dashboard:
    """The dashboard of ``plan`` (and, for a directorate plan, its divisions' plans) at the end of ``period``."""
    start = plan.plan_year.start_year
    plans = dashboard_plans(plan=plan)
    year_start = periods.financial_year(start).starts_on
    year_end = periods.financial_year(start).ends_on
    kpis = list(kpis_of(plans=plans))
    numbers = priority_numbers(plans=plans) if kpis else {}
    kpi_actuals = _series(
        KpiActual.objects.filter(
            kpi__plan__in=plans,
            period__starts_on__gte=year_start,
            period__starts_on__lte=year_end,
            period__ends_on__lte=period.ends_on,
        ).values_list("kpi_id", "period__code", "value", "commentary")
    )
    indicators = list(activity_of(plans=plans))
    activity_actuals = (
        _series(
            ActivityActual.objects.filter(
                indicator__plan__in=plans,
                period__kind=periods.Kind.QUARTER,
                period__starts_on__gte=year_start,
                period__ends_on__lte=period.ends_on,
            ).values_list("indicator_id", "period__code", "value", "commentary")
        )
        if indicators
        else {}
    )
    groups = {p.pk: DashboardGroup(p) for p in plans}
    counts: Counter = Counter()
    for kpi in kpis:
        line = _kpi_line(kpi, period, start, kpi_actuals.get(kpi.pk, {}), numbers)
        groups[kpi.plan_id].kpis.append(line)
        counts[line.rating.rag] += 1
    for indicator in indicators:
        groups[indicator.plan_id].activities.append(
            _activity_line(indicator, period, start, activity_actuals.get(indicator.pk, {}))
        )
    return Dashboard(
        plan=plan,
        period=period,
        groups=[g for g in groups.values() if g.kpis or g.activities or g.plan.pk == plan.pk],
        counts={str(k): v for k, v in counts.items()},
        choices=periods.dashboard_choices(start),
    )
