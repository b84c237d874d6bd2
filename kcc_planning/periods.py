"""The council's financial year in dates alone: quarters, month ends and how a year or quarter is written.

A financial year runs 1 April to 31 March and is named by the calendar year it starts in (``2017`` is 2017-18);
its quarters are Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March. Progress periods
(``plans.periods``) and KPI periods (``performance.periods``) both count this way; the arithmetic lives here, in
the lowest layer, because ``plans`` may not import ``performance``, and two copies could drift apart.
"""

from __future__ import annotations

import calendar
import datetime


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def year_label(start_year: int) -> str:
    """``2017`` → "2017-18"."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def financial_year_of(day: datetime.date) -> int:
    """The start year of the financial year ``day`` falls in (January 2018 is in 2017-18)."""
    return day.year if day.month >= 4 else day.year - 1


def quarter_of(day: datetime.date) -> int:
    """The financial quarter (1-4) ``day`` falls in."""
    return (day.month - 4) % 12 // 3 + 1


def quarter_dates(financial_year: int, number: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of quarter ``number`` (1-4) of financial year ``financial_year``."""
    first_month = 4 + 3 * (number - 1)  # Q4 starts in month 13: January of the next year.
    year = financial_year + (first_month > 12)
    first_month = (first_month - 1) % 12 + 1
    return datetime.date(year, first_month, 1), month_end(year, first_month + 2)


def quarter_label(financial_year: int, number: int | str) -> str:
    """As officers write it: "Q2 2017-18"."""
    return f"Q{number} {year_label(financial_year)}"
