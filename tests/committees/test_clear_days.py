"""Five clear days: publication day, meeting day, weekends and England and Wales bank holidays do not count."""

import datetime

import pytest

from committees.clear_days import clear_days_between, is_late, is_working_day, latest_publication_date

MEETING = datetime.date(2013, 1, 8)  # Tuesday 8 January 2013, seed 001


def test_bank_holidays_of_2012_13_are_known():
    """Christmas, Boxing Day 2012 and New Year's Day 2013 are bank holidays in England and Wales."""
    for day in (datetime.date(2012, 12, 25), datetime.date(2012, 12, 26), datetime.date(2013, 1, 1)):
        assert not is_working_day(day)
    assert is_working_day(datetime.date(2013, 1, 2))


def test_seed_publication_gave_exactly_five_clear_days():
    """Published Friday 28 December 2012: 31 Dec, 2, 3, 4 and 7 Jan are the five clear days."""
    assert clear_days_between(datetime.date(2012, 12, 28), MEETING) == 5
    assert not is_late(datetime.date(2012, 12, 28), MEETING)


@pytest.mark.parametrize(
    ("published", "clear"),
    [
        (datetime.date(2012, 12, 31), 4),  # New Year's Day does not count
        (datetime.date(2013, 1, 2), 3),
        (datetime.date(2013, 1, 4), 1),  # the weekend does not count
        (datetime.date(2013, 1, 7), 0),
    ],
)
def test_later_publication_is_late(published, clear):
    """Each later publication date loses clear days and is flagged as late."""
    assert clear_days_between(published, MEETING) == clear
    assert is_late(published, MEETING)


def test_latest_publication_date_is_a_working_day():
    """The last day that still leaves five clear days before 8 January 2013 is Friday 28 December 2012 (as the
    seed's front sheet is dated), not Sunday 30 December: papers are not published at a weekend."""
    latest = latest_publication_date(MEETING)
    assert latest == datetime.date(2012, 12, 28)
    assert is_working_day(latest)
    assert clear_days_between(latest, MEETING) == 5


@pytest.mark.parametrize(
    ("meeting", "publish_by"),
    [
        (datetime.date(2017, 2, 23), datetime.date(2017, 2, 15)),  # Thursday: the Wednesday a week before
        (datetime.date(2014, 4, 23), datetime.date(2014, 4, 11)),  # Good Friday and Easter Monday do not count
        (datetime.date(2013, 1, 14), datetime.date(2013, 1, 4)),  # Monday: the Friday before last
    ],
)
def test_publish_by_is_the_last_working_day_giving_five_clear_days(meeting, publish_by):
    """Publish-by is a working day with exactly five clear days, and the next working day would give four."""
    assert latest_publication_date(meeting) == publish_by
    assert is_working_day(publish_by)
    assert clear_days_between(publish_by, meeting) == 5
    following = publish_by + datetime.timedelta(days=1)
    while not is_working_day(following):
        following += datetime.timedelta(days=1)
    assert clear_days_between(following, meeting) == 4
