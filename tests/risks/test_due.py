"""Planned completion dates are kept as written; a date is read from them only where they name one."""

import datetime

import pytest

from risks.due import due_error, parse_due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2013", datetime.date(2013, 3, 31)),
        ("By March 2014", datetime.date(2014, 3, 31)),
        ("June 2013 (review)", datetime.date(2013, 6, 30)),
        ("February 2013", datetime.date(2013, 2, 28)),
        ("31/12/2013", datetime.date(2013, 12, 31)),
        ("2014-01-15", datetime.date(2014, 1, 15)),
        ("Ongoing (June 2013 review)", None),
        ("February 2013 onwards", None),
        ("TBC", None),
        ("", None),
        ("３１/12/2013", None),
    ],
)
def test_parse_due(text, expected):
    """Month-only dates mean the end of that month; ongoing, onwards and TBC are never due."""
    assert parse_due(text) == expected


def test_impossible_day_is_an_error_not_free_text():
    """31/02/2014 looks like a date but is not one: the form says so rather than keeping it as a note."""
    assert due_error("31/02/2014") == "Enter a real date, for example 31/03/2014, or a month such as March 2014."
    assert due_error("Ongoing") is None
    assert due_error("31/03/2014") is None
