"""Clear days before a meeting (Local Government Act 1972, s.100B; KPI GL01: five clear days).

A clear day excludes the day the papers are published and the day of the
meeting, and only working days count: not Saturdays, Sundays or the bank
holidays of England and Wales.
"""

from __future__ import annotations

import datetime
from functools import cache

import holidays

REQUIRED_CLEAR_DAYS = 5


@cache
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    # England's list is the one for England and Wales (Wales has no extra bank holidays).
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def clear_days_between(published: datetime.date, meeting: datetime.date) -> int:
    """Working days strictly between the day of publication and the day of the meeting."""
    count = 0
    day = published + datetime.timedelta(days=1)
    while day < meeting:
        if is_working_day(day):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def latest_publication_date(meeting: datetime.date, required: int = REQUIRED_CLEAR_DAYS) -> datetime.date:
    """The last day papers can be published and still leave ``required`` clear days."""
    day = meeting
    found = 0
    while found < required:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            found += 1
    # Publication is the day before the earliest clear day (any day: publishing on a Friday or at a weekend is fine).
    return day - datetime.timedelta(days=1)


def is_late(published: datetime.date, meeting: datetime.date, required: int = REQUIRED_CLEAR_DAYS) -> bool:
    return clear_days_between(published, meeting) < required
