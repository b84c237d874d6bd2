"""The dates the law sets around an executive decision.

The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012:

- reg 9: a key decision is not taken until the Forward Plan has given notice of it for 28 clear days;
- reg 10 (general exception) and reg 11 (special urgency) are the only ways round that, and both are recorded;
- reg 5: a meeting held partly in private is announced 28 clear days before it and again 5 clear days before it.

"Clear days" leave out the day of the notice and the day of the decision or meeting. The 28-day periods are
counted in calendar days, as the regulations set them; the 5-day notice is counted in working days, as the
council counts its five clear days for papers (``clear_days``: Local Government Act 1972, s.100B, and the
courts' reading that a day the offices are shut is not a day the public can inspect anything).

Call-in is the council's own rule (its constitution), so its window is a setting: a decision published on a
day can be called in until the end of the fifth clear working day after it, and takes effect on the working
day after that unless a call-in was received.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .clear_days import clear_days_between, is_working_day, latest_publication_date

FORWARD_PLAN_CLEAR_DAYS = 28
PRIVATE_NOTICE_CLEAR_DAYS = 28
PRIVATE_FINAL_NOTICE_CLEAR_DAYS = 5
DEFAULT_CALL_IN_WORKING_DAYS = 5


def _long(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def calendar_clear_days_between(first: datetime.date, last: datetime.date) -> int:
    """Whole days strictly between ``first`` and ``last`` (0 when they are the same day or adjacent)."""
    return max((last - first).days - 1, 0)


def earliest_key_decision_date(first_published: datetime.date) -> datetime.date:
    """The first day a key decision may be taken after its Forward Plan entry was first published (reg 9)."""
    return first_published + datetime.timedelta(days=FORWARD_PLAN_CLEAR_DAYS + 1)


def latest_forward_plan_date(decision: datetime.date) -> datetime.date:
    """The last day the Forward Plan can first give notice of a key decision taken on ``decision``."""
    return decision - datetime.timedelta(days=FORWARD_PLAN_CLEAR_DAYS + 1)


def nth_working_day_after(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts)."""
    found = 0
    while found < count:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day


@dataclass(frozen=True)
class CallInPeriod:
    """When a published decision can be called in until, and when it takes effect if nobody does."""

    published: datetime.date
    last_day: datetime.date
    effective: datetime.date


def call_in_period(published: datetime.date, *, working_days: int = DEFAULT_CALL_IN_WORKING_DAYS) -> CallInPeriod:
    """The call-in window of a decision published on ``published``.

    Published on Friday 21 December 2012 with a five-day window, the clear working days are 24, 27, 28, 31
    December and 2 January (Christmas Day, Boxing Day and New Year's Day are bank holidays), so the window closes
    at the end of Wednesday 2 January 2013 and the decision takes effect on Thursday 3 January.
    """
    if working_days < 1:
        raise ValueError("A call-in window is at least one working day.")
    last_day = nth_working_day_after(published, working_days)
    return CallInPeriod(published=published, last_day=last_day, effective=nth_working_day_after(last_day, 1))


@dataclass(frozen=True)
class NoticeCheck:
    """What the notices of a private meeting miss: each is a sentence a clerk can act on."""

    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.warnings


def private_meeting_notice_check(
    *,
    meeting: datetime.date,
    first_notice: datetime.date | None,
    final_notice: datetime.date | None,
    today: datetime.date,
) -> NoticeCheck:
    """The reg 5 notices of a meeting with exempt items: 28 clear days, then again 5 clear days before it.

    A notice not yet given is only a warning once its last day has passed (or is today), so the meeting
    page warns when a date is missed, not while the clerk still has time.
    """
    warnings = []
    first_due = meeting - datetime.timedelta(days=PRIVATE_NOTICE_CLEAR_DAYS + 1)
    if first_notice is None:
        if today >= first_due:
            warnings.append(
                f"The 28 clear days' notice of a private meeting was due by {_long(first_due)} and has not been "
                "given (regulation 5)"
            )
    elif calendar_clear_days_between(first_notice, meeting) < PRIVATE_NOTICE_CLEAR_DAYS:
        warnings.append(
            f"The notice of a private meeting given on {_long(first_notice)} leaves "
            f"{calendar_clear_days_between(first_notice, meeting)} clear days; 28 are needed (it was due by "
            f"{_long(first_due)})"
        )
    # The same count as the papers' five clear days: the last working day that still leaves them.
    final_due = latest_publication_date(meeting, PRIVATE_FINAL_NOTICE_CLEAR_DAYS)
    if final_notice is None:
        if today >= final_due:
            warnings.append(
                f"The 5 clear days' notice of a private meeting was due by {_long(final_due)} and has not been "
                "given (regulation 5)"
            )
    elif clear_days_between(final_notice, meeting) < PRIVATE_FINAL_NOTICE_CLEAR_DAYS:
        warnings.append(
            f"The second notice given on {_long(final_notice)} leaves {clear_days_between(final_notice, meeting)} "
            f"clear working days; 5 are needed (it was due by {_long(final_due)})"
        )
    return NoticeCheck(warnings=warnings)
