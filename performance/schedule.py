"""Which periods an indicator reports in."""

from __future__ import annotations

from . import periods
from .models import ActivityIndicator, Frequency, Kpi

FREQUENCY_KIND = {
    Frequency.MONTHLY: periods.Kind.MONTH,
    Frequency.QUARTERLY: periods.Kind.QUARTER,
    Frequency.ANNUAL: periods.Kind.FINANCIAL_YEAR,
    Frequency.ACADEMIC: periods.Kind.ACADEMIC_YEAR,
}
KIND_WORDS = {
    periods.Kind.MONTH: "monthly",
    periods.Kind.QUARTER: "quarterly",
    periods.Kind.FINANCIAL_YEAR: "once a financial year",
    periods.Kind.ACADEMIC_YEAR: "once an academic year",
}
EXAMPLE_CODE = {
    periods.Kind.MONTH: "{year}-M04",
    periods.Kind.QUARTER: "{year}-Q1",
    periods.Kind.FINANCIAL_YEAR: "{year}-FY",
    periods.Kind.ACADEMIC_YEAR: "{year}-AY",
}


def reporting_kind(indicator: Kpi | ActivityIndicator) -> periods.Kind:
    """Activity indicators are reported by quarter: their thresholds are quarterly."""
    if isinstance(indicator, ActivityIndicator):
        return periods.Kind.QUARTER
    return FREQUENCY_KIND[Frequency(indicator.frequency)]


def reporting_periods(indicator: Kpi | ActivityIndicator, start_year: int) -> tuple[periods.PeriodSpec, ...]:
    return periods.periods_of(start_year, reporting_kind(indicator))


def is_due(indicator: Kpi | ActivityIndicator, spec: periods.PeriodSpec, start_year: int) -> bool:
    return spec.kind == reporting_kind(indicator) and periods.belongs_to_year(spec, start_year)


def wrong_period_message(indicator: Kpi | ActivityIndicator, spec: periods.PeriodSpec, start_year: int) -> str:
    """Why ``spec`` is not one of the indicator's periods in the plan year, or "" if it is."""
    kind = reporting_kind(indicator)
    name = indicator.reference or "This indicator"
    year = f"{start_year}-{(start_year + 1) % 100:02d}"
    if spec.kind != kind:
        example = EXAMPLE_CODE[kind].format(year=start_year)
        return f"{name} is reported {KIND_WORDS[kind]}, so its period is written like {example}, not {spec.code}."
    if not periods.belongs_to_year(spec, start_year):
        return f"{spec.code} ({spec.label}) is not in {year}, the year of this plan."
    return ""
