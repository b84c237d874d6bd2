"""Reporting periods of a plan's year, worked out from dates alone (no database).

Codes are the ones performance uses for actuals (``performance.periods``, which ``plans`` may not
import), so a plan's Q2 progress and its Q2 KPIs share a name: ``2017-Q2`` is July to September of
2017-18, ``2017-M07`` is July 2017; the year is always the calendar year the period starts in. Both count
quarters with ``kcc_planning.periods``.

A period opens on its first day (officers may record progress as the quarter goes) and closes
``CLOSE_AFTER_DAYS`` after its last day: that is when progress is due and reminders go out.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from kcc_planning.periods import financial_year_of, month_end, quarter_dates, quarter_label

from .models import Division, PeriodKind, Plan, ProgressFrequency, ReportingPeriod

CLOSE_AFTER_DAYS = 14

_CODE = re.compile(r"^(\d{4})-(?:Q([1-4])|M(0[1-9]|1[0-2]))$")


@dataclass(frozen=True)
class PeriodDates:
    """A period's code and dates, before (or without) being stored."""

    code: str
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    opens_on: datetime.date
    closes_on: datetime.date

    @property
    def label(self) -> str:
        return period_label(self.code)


def parse_code(code: str) -> PeriodDates | None:
    """The period a code names (``2017-Q2``, ``2017-M07``), or None if it names none."""
    match = _CODE.match((code or "").strip().upper())
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2):
        (starts_on, ends_on), kind = quarter_dates(year, int(match.group(2))), PeriodKind.QUARTER
    else:
        month = int(match.group(3))
        starts_on, ends_on, kind = datetime.date(year, month, 1), month_end(year, month), PeriodKind.MONTH
    code = match.group(0)
    return PeriodDates(code, kind, starts_on, ends_on, starts_on, ends_on + datetime.timedelta(days=CLOSE_AFTER_DAYS))


def period_label(code: str) -> str:
    """As officers write it: "Q2 2017-18", "July 2017"; the code itself if it names no period."""
    dates = parse_code(code)
    if dates is None:
        return code
    if dates.kind == PeriodKind.QUARTER:
        return quarter_label(financial_year_of(dates.starts_on), code[-1])
    return dates.starts_on.strftime("%B %Y")


def plan_year_periods(*, start_year: int, kind: str) -> list[PeriodDates]:
    """The four quarters, or twelve months, of the plan year that starts in April of ``start_year``."""
    if kind == PeriodKind.QUARTER:
        codes = [f"{start_year}-Q{number}" for number in range(1, 5)]
    else:
        codes = [f"{start_year + (month < 4)}-M{month:02d}" for month in (*range(4, 13), 1, 2, 3)]
    return [parse_code(code) for code in codes]


def plan_period_kind(plan: Plan) -> str:
    """Monthly where the plan's division chose it; otherwise (and for directorate plans) quarterly."""
    division: Division | None = plan.division if plan.division_id else None
    if division is not None and division.progress_frequency == ProgressFrequency.MONTHLY:
        return PeriodKind.MONTH
    return PeriodKind.QUARTER


def unsaved_period(*, plan: Plan, dates: PeriodDates) -> ReportingPeriod:
    """A period as it will be stored for ``plan`` (``pk`` None until someone reports on it)."""
    return ReportingPeriod(
        plan=plan,
        code=dates.code,
        kind=dates.kind,
        starts_on=dates.starts_on,
        ends_on=dates.ends_on,
        opens_on=dates.opens_on,
        closes_on=dates.closes_on,
    )


def is_open(period: ReportingPeriod, today: datetime.date) -> bool:
    """Progress may be recorded from the day the period opens; late updates after it closes are still taken."""
    return today >= period.opens_on


def milestone_due_date(milestone, revised_date: datetime.date | None = None) -> datetime.date | None:
    """The last day a milestone may be met: its revised date if it slipped, else the end of the month it names."""
    if revised_date is not None:
        return revised_date
    if milestone.due_month is None:
        return None
    return month_end(milestone.due_month.year, milestone.due_month.month)
