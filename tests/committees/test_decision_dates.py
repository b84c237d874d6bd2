"""The dates the 2012 Regulations and the council's call-in rule set around a decision."""

import datetime

import pytest

from committees.decision_dates import (
    calendar_clear_days_between,
    call_in_period,
    earliest_key_decision_date,
    latest_forward_plan_date,
    nth_working_day_after,
    private_meeting_notice_check,
)

D = datetime.date


def test_clear_days_leave_out_both_ends():
    """Notice on the 1st and a decision on the 30th leave 28 clear days between them."""
    assert calendar_clear_days_between(D(2012, 12, 1), D(2012, 12, 30)) == 28
    assert calendar_clear_days_between(D(2012, 12, 1), D(2012, 12, 2)) == 0
    assert calendar_clear_days_between(D(2012, 12, 1), D(2012, 12, 1)) == 0


def test_key_decision_waits_28_clear_days_after_first_publication():
    """Published on 1 December, the earliest decision day is 30 December, and the two functions agree."""
    assert earliest_key_decision_date(D(2012, 12, 1)) == D(2012, 12, 30)
    assert latest_forward_plan_date(D(2012, 12, 30)) == D(2012, 12, 1)
    # Weekends and bank holidays count: the 28 days are calendar days.
    assert earliest_key_decision_date(D(2012, 11, 30)) == D(2012, 12, 29)


def test_call_in_window_skips_weekends_and_christmas_bank_holidays():
    """Published Friday 21 December 2012: five clear working days end on 2 January; in effect on 3 January."""
    period = call_in_period(D(2012, 12, 21))
    assert period.last_day == D(2013, 1, 2)
    assert period.effective == D(2013, 1, 3)


def test_call_in_window_over_a_plain_weekend():
    """Published on a Wednesday, the fifth clear working day is the next Wednesday; in effect on Thursday."""
    period = call_in_period(D(2013, 1, 9))
    assert period.last_day == D(2013, 1, 16)
    assert period.effective == D(2013, 1, 17)


def test_call_in_window_over_easter():
    """Published Thursday 28 March 2013: Good Friday and Easter Monday do not count."""
    period = call_in_period(D(2013, 3, 28))
    assert period.last_day == D(2013, 4, 8)
    assert period.effective == D(2013, 4, 9)


def test_call_in_window_is_configurable_and_at_least_one_day():
    """A three-day window closes sooner; a window of no days is refused."""
    assert call_in_period(D(2013, 1, 9), working_days=3).last_day == D(2013, 1, 14)
    with pytest.raises(ValueError, match="at least one working day"):
        call_in_period(D(2013, 1, 9), working_days=0)


def test_decision_taking_effect_after_a_window_ending_on_friday_waits_for_monday():
    """A window ending on Friday 11 January 2013 means the decision takes effect on Monday 14 January."""
    period = call_in_period(D(2013, 1, 4))
    assert period.last_day == D(2013, 1, 11)
    assert period.effective == D(2013, 1, 14)
    assert nth_working_day_after(D(2013, 1, 11), 1) == D(2013, 1, 14)


def test_private_meeting_notices_given_in_time_raise_nothing():
    """For 8 January 2013: notice on 10 December (28 clear days) and on 28 December (5 clear working days)."""
    check = private_meeting_notice_check(
        meeting=D(2013, 1, 8), first_notice=D(2012, 12, 10), final_notice=D(2012, 12, 28), today=D(2013, 1, 8)
    )
    assert check.ok


def test_private_meeting_first_notice_a_day_late_is_warned():
    """A first notice on 11 December leaves 27 clear days before 8 January: the clerk is told the due date."""
    check = private_meeting_notice_check(
        meeting=D(2013, 1, 8), first_notice=D(2012, 12, 11), final_notice=D(2012, 12, 28), today=D(2013, 1, 8)
    )
    assert check.warnings == [
        "The notice of a private meeting given on Tuesday 11 December 2012 leaves 27 clear days; 28 are needed "
        "(it was due by Monday 10 December 2012)"
    ]


def test_private_meeting_final_notice_counts_working_days():
    """A second notice on Monday 31 December leaves 4 clear working days (New Year's Day does not count)."""
    check = private_meeting_notice_check(
        meeting=D(2013, 1, 8), first_notice=D(2012, 12, 1), final_notice=D(2012, 12, 31), today=D(2013, 1, 8)
    )
    assert len(check.warnings) == 1
    assert "leaves 4 clear working days; 5 are needed (it was due by Friday 28 December 2012)" in check.warnings[0]


def test_missing_notice_is_warned_only_once_its_day_has_come():
    """Before the due date nothing is said; on it, the missing notice is named."""
    early = private_meeting_notice_check(
        meeting=D(2013, 1, 8), first_notice=None, final_notice=None, today=D(2012, 12, 1)
    )
    assert early.ok
    due = private_meeting_notice_check(
        meeting=D(2013, 1, 8), first_notice=None, final_notice=None, today=D(2012, 12, 10)
    )
    assert due.warnings == [
        "The 28 clear days' notice of a private meeting was due by Monday 10 December 2012 and has not been given "
        "(regulation 5)"
    ]
