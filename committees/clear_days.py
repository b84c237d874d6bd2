"""Clear days before a meeting (Local Government Act 1972, s.100B; KPI GL01: five clear days).

A clear day excludes the day the papers are published and the day of the
meeting, and only working days count: not Saturdays, Sundays or the bank
holidays of England and Wales.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
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
    """The last working day on which papers can be published and still leave ``required`` clear days.

    For Tuesday 8 January 2013 the fifth clear day back is Monday 31 December (New Year's Day does not
    count), so the papers go out on Friday 28 December 2012, as seed 001's front sheet says: democratic
    services do not publish on a Sunday, so the advice and the default are never a weekend or bank holiday.
    """
    day = meeting
    found = 0
    while found < required:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            found += 1
    day -= datetime.timedelta(days=1)
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


@dataclass(frozen=True)
class PublicationCheck:
    """What is wrong with a date of publication: ``errors`` refuse it, ``warnings`` are said (a late one confirmed)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    clear_days: int | None = None

    @property
    def late(self) -> bool:
        return self.clear_days is not None and self.clear_days < REQUIRED_CLEAR_DAYS


def publication_date_check(
    *, published_on: datetime.date, meeting: datetime.date, today: datetime.date
) -> PublicationCheck:
    """The one rule for the date printed on an agenda, used by the build form, the service and ``build_pack``.

    A date after the meeting is refused: papers cannot be published for a meeting that has been held.
    Fewer than five clear days is only a warning the clerk confirms, not a refusal, because the law lets a
    late item be taken when the chairman agrees it is urgent (Local Government Act 1972, s.100B(4)(b)) and
    the council must then still be able to publish the pack. A date more than a year ago is almost always a
    slip of the year, so it is a warning too (rebuilding the 2013 demo pack with its real date is legitimate).
    """
    if published_on > meeting:
        return PublicationCheck(
            errors=[
                f"The date of publication must be on or before the day of the meeting "
                f"({meeting:%A} {meeting.day} {meeting:%B %Y})"
            ]
        )
    warnings = []
    clear = clear_days_between(published_on, meeting)
    if clear < REQUIRED_CLEAR_DAYS:
        latest = latest_publication_date(meeting)
        warnings.append(
            f"Published on {published_on.day} {published_on:%B %Y}, the papers have only {clear} clear "
            f"day{'' if clear == 1 else 's'} before the meeting; {REQUIRED_CLEAR_DAYS} are needed "
            f"(publish by {latest:%A} {latest.day} {latest:%B %Y}) unless the chairman agrees the items are urgent"
        )
    if published_on < today - datetime.timedelta(days=365):
        warnings.append(f"{published_on.day} {published_on:%B %Y} is more than a year ago: check the year")
    return PublicationCheck(warnings=warnings, clear_days=clear)


def is_late(published: datetime.date, meeting: datetime.date, required: int = REQUIRED_CLEAR_DAYS) -> bool:
    return clear_days_between(published, meeting) < required
