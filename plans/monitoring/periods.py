"""Which reporting periods a monitoring report may be asked for, with errors fit for the user."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import PROGRESS_STATUSES, PeriodKind, Plan, ProgressUpdate, ReportingPeriod
from ..periods import parse_code, period_label, plan_period_kind
from ..progress.selectors import plan_period_get, plan_periods


class MonitoringError(ValueError):
    """A report that cannot be produced (bad period, plan not approved), with a message fit for the user."""


def report_period(*, plan: Plan, code: str) -> ReportingPeriod:
    """The plan's reporting period ``code`` (stored, or as it will be); ``MonitoringError`` if there is none.

    A report is only for an approved plan (drafts take no progress), and only for one of the plan's own
    periods: its quarters, or its months where the division reports monthly (its mid-year is ``M09``).
    """
    if plan.status not in PROGRESS_STATUSES:
        raise MonitoringError(
            f"The {plan.unit_name} plan is {plan.get_status_display().lower()}: monitoring reports are for "
            "approved plans only."
        )
    dates = parse_code(code)
    if dates is None:
        raise MonitoringError(
            f"'{code}' is not a reporting period. Write a quarter as 2017-Q2 (July to September of 2017-18) or a "
            "month as 2017-M07 (July 2017)."
        )
    try:
        return plan_period_get(plan=plan, code=dates.code)
    except ReportingPeriod.DoesNotExist:
        year = plan.plan_year
        first, last = datetime.date(year.start_year, 4, 1), datetime.date(year.start_year + 1, 3, 31)
        if not (first <= dates.starts_on and dates.ends_on <= last):
            raise MonitoringError(f"{dates.label} is not in {year.label}, the year of this plan.") from None
        every = "month" if plan_period_kind(plan) == PeriodKind.MONTH else "quarter"
        raise MonitoringError(
            f"{dates.label} is not a reporting period of this plan: {plan.unit_name} reports progress every {every}."
        ) from None


def report_periods(*, plan: Plan) -> list[ReportingPeriod]:
    """The periods a report may be asked for, oldest first (one query)."""
    return plan_periods(plan=plan)


def default_period(*, plan: Plan, today: datetime.date | None = None) -> ReportingPeriod:
    """The latest ended period that has progress recorded; else the latest that has ended by ``today`` (the first
    before any has). A report on a period nobody has written about yet shows only "not updated": once officers
    have reported the mid-year, that is the report people come for, even after the year has ended."""
    today = today or timezone.localdate()
    periods = plan_periods(plan=plan)
    ended = [period for period in periods if period.ends_on < today]
    if not ended:
        return periods[0]
    reported = set(
        ProgressUpdate.objects.filter(period__in=[period.pk for period in ended if period.pk])
        .values_list("period_id", flat=True)
        .distinct()
    )
    with_progress = [period for period in ended if period.pk in reported]
    return with_progress[-1] if with_progress else ended[-1]


def period_choices(*, plan: Plan) -> list[tuple[str, str]]:
    return [(period.code, period_label(period.code)) for period in report_periods(plan=plan)]
