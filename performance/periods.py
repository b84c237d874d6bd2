"""Reporting periods as data, written as short codes.

The year in a code is always the calendar year the period *starts* in:

- ``2017-M07``: the month of July 2017;
- ``2017-Q2``: the second quarter of financial year 2017-18 (1 July to 30 September 2017).
  Financial quarters run Q1 April-June, Q2 July-September, Q3 October-December,
  Q4 January-March, so ``2017-Q4`` is January to March 2018;
- ``2017-FY``: financial year 2017-18 (1 April 2017 to 31 March 2018);
- ``2017-AY``: academic year 2017-18 (1 September 2017 to 31 August 2018).

Parsing is pure (no database): ``performance.services.period_get_or_create``
stores the periods that actuals are recorded against.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from kcc_planning.periods import financial_year_of, month_end, quarter_dates, quarter_label, quarter_of, year_label

FORMAT_HELP = (
    "Write periods as 2017-M07 (July 2017), 2017-Q2 (July to September of 2017-18), "
    "2017-FY (financial year 2017-18) or 2017-AY (academic year 2017-18)."
)


class Kind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"


_CODE = re.compile(r"^(\d{4})-(?:M(\d{2})|Q([1-4])|(FY)|(AY))$")


class PeriodError(ValueError):
    """A period code that cannot be read, with a message fit for the user."""


@dataclass(frozen=True, order=True)
class PeriodSpec:
    """A period's dates and names, worked out from its code."""

    starts_on: datetime.date
    ends_on: datetime.date
    code: str
    kind: Kind

    @property
    def financial_year(self) -> int:
        """The start year of the financial year the period starts in."""
        return financial_year_of(self.starts_on)

    @property
    def label(self) -> str:
        """As officers write it: "July 2017", "Q2 2017-18", "2017-18", "Academic year 2017-18"."""
        if self.kind == Kind.MONTH:
            return self.starts_on.strftime("%B %Y")
        if self.kind == Kind.QUARTER:
            return quarter_label(self.financial_year, self.code[-1])
        if self.kind == Kind.FINANCIAL_YEAR:
            return year_label(self.financial_year)
        return f"Academic year {year_label(self.starts_on.year)}"

    @property
    def short_label(self) -> str:
        """For chart axes and narrow columns: "Jul 17", "Q2", "2017-18"."""
        if self.kind == Kind.MONTH:
            return self.starts_on.strftime("%b %y")
        if self.kind == Kind.QUARTER:
            return f"Q{self.code[-1]}"
        return year_label(self.starts_on.year)

    @property
    def quarter(self) -> int | None:
        """The financial quarter (1-4) of a quarter or month, None for a year."""
        if self.kind not in (Kind.MONTH, Kind.QUARTER):
            return None
        return quarter_of(self.starts_on)


def parse(code: str) -> PeriodSpec:
    """The period a code names; raises ``PeriodError`` with a clear message otherwise."""
    text = (code or "").strip().upper()
    if not text:
        raise PeriodError("Enter the period. " + FORMAT_HELP)
    match = _CODE.match(text)
    if not match:
        raise PeriodError(f"“{code.strip()[:40]}” is not a period. " + FORMAT_HELP)
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise PeriodError(f"{year} is outside the years this service covers (2000 to 2100).")
    month, quarter, fy, _ay = match.group(2, 3, 4, 5)
    if month is not None:
        number = int(month)
        if not 1 <= number <= 12:
            raise PeriodError(f"“{code.strip()}” has no month {number}: months run from M01 (January) to M12.")
        return PeriodSpec(datetime.date(year, number, 1), month_end(year, number), text, Kind.MONTH)
    if quarter is not None:
        return PeriodSpec(*quarter_dates(year, int(quarter)), text, Kind.QUARTER)
    if fy is not None:
        return PeriodSpec(datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31), text, Kind.FINANCIAL_YEAR)
    return PeriodSpec(datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31), text, Kind.ACADEMIC_YEAR)


def month(year: int, month_number: int) -> PeriodSpec:
    return parse(f"{year}-M{month_number:02d}")


def quarter(financial_year: int, number: int) -> PeriodSpec:
    return parse(f"{financial_year}-Q{number}")


def financial_year(start_year: int) -> PeriodSpec:
    return parse(f"{start_year}-FY")


def academic_year(start_year: int) -> PeriodSpec:
    return parse(f"{start_year}-AY")


@functools.cache
def months_of(start_year: int) -> tuple[PeriodSpec, ...]:
    """April to March of financial year ``start_year``."""
    return tuple(month(start_year + (m < 4), m) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3))


@functools.cache
def quarters_of(start_year: int) -> tuple[PeriodSpec, ...]:
    return tuple(quarter(start_year, n) for n in (1, 2, 3, 4))


def periods_of(start_year: int, kind: Kind) -> tuple[PeriodSpec, ...]:
    """The periods of ``kind`` that belong to the plan year starting in ``start_year`` (cached: specs are immutable)."""
    if kind == Kind.MONTH:
        return months_of(start_year)
    if kind == Kind.QUARTER:
        return quarters_of(start_year)
    if kind == Kind.FINANCIAL_YEAR:
        return (financial_year(start_year),)
    return (academic_year(start_year),)


def belongs_to_year(spec: PeriodSpec, start_year: int) -> bool:
    """Whether the period is one of the plan year's periods of its kind."""
    if spec.kind == Kind.ACADEMIC_YEAR:
        return spec.starts_on.year == start_year
    return spec.financial_year == start_year


def dashboard_choices(start_year: int) -> list[PeriodSpec]:
    """Periods a dashboard can be shown for: each quarter, then each month, then the whole year."""
    return [*quarters_of(start_year), *months_of(start_year), financial_year(start_year)]


def last_closed(kind: Kind, today: datetime.date) -> PeriodSpec:
    """The most recent period of ``kind`` that ended before ``today``."""
    if kind == Kind.MONTH:
        previous = today.replace(day=1) - datetime.timedelta(days=1)
        return month(previous.year, previous.month)
    if kind == Kind.QUARTER:
        fy, current = financial_year_of(today), quarter_of(today)
        return quarter(fy, current - 1) if current > 1 else quarter(fy - 1, 4)
    if kind == Kind.FINANCIAL_YEAR:
        return financial_year(financial_year_of(today) - 1)
    ay = today.year if today.month >= 9 else today.year - 1
    return academic_year(ay - 1)
