"""Reporting periods written as codes: 2017-M07, 2017-Q2, 2017-FY, 2017-AY."""

import datetime

import pytest

from performance import periods


@pytest.mark.parametrize(
    ("code", "starts", "ends", "label"),
    [
        ("2017-M07", datetime.date(2017, 7, 1), datetime.date(2017, 7, 31), "July 2017"),
        ("2018-M02", datetime.date(2018, 2, 1), datetime.date(2018, 2, 28), "February 2018"),
        ("2017-Q1", datetime.date(2017, 4, 1), datetime.date(2017, 6, 30), "Q1 2017-18"),
        ("2017-Q2", datetime.date(2017, 7, 1), datetime.date(2017, 9, 30), "Q2 2017-18"),
        ("2017-Q4", datetime.date(2018, 1, 1), datetime.date(2018, 3, 31), "Q4 2017-18"),
        ("2017-FY", datetime.date(2017, 4, 1), datetime.date(2018, 3, 31), "2017-18"),
        ("2017-AY", datetime.date(2017, 9, 1), datetime.date(2018, 8, 31), "Academic year 2017-18"),
        ("2017-q2", datetime.date(2017, 7, 1), datetime.date(2017, 9, 30), "Q2 2017-18"),
    ],
)
def test_codes_name_financial_quarters_months_and_years(code, starts, ends, label):
    """Quarters are financial (Q4 is January to March of the next calendar year)."""
    spec = periods.parse(code)
    assert (spec.starts_on, spec.ends_on, spec.label) == (starts, ends, label)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2017-Q5", "is not a period"),
        ("2017-M13", "no month 13"),
        ("Q2 2017", "is not a period"),
        ("", "Enter the period"),
        ("1999-FY", "outside the years"),
    ],
)
def test_bad_codes_are_refused_with_the_format_explained(code, message):
    """A code that names no period says so and shows the accepted formats."""
    with pytest.raises(periods.PeriodError, match=message):
        periods.parse(code)


def test_periods_of_a_plan_year():
    """A plan year has twelve months April to March, four quarters, one financial and one academic year."""
    months = periods.months_of(2017)
    assert [m.code for m in (months[0], months[-1])] == ["2017-M04", "2018-M03"]
    assert [q.code for q in periods.quarters_of(2017)] == ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4"]
    assert periods.belongs_to_year(periods.parse("2018-M03"), 2017)
    assert not periods.belongs_to_year(periods.parse("2018-M04"), 2017)
    assert periods.belongs_to_year(periods.parse("2017-AY"), 2017)


@pytest.mark.parametrize(
    ("today", "kind", "code"),
    [
        (datetime.date(2017, 10, 15), periods.Kind.MONTH, "2017-M09"),
        (datetime.date(2017, 10, 15), periods.Kind.QUARTER, "2017-Q2"),
        (datetime.date(2018, 4, 10), periods.Kind.QUARTER, "2017-Q4"),
        (datetime.date(2017, 6, 30), periods.Kind.QUARTER, "2016-Q4"),
        (datetime.date(2018, 4, 10), periods.Kind.FINANCIAL_YEAR, "2017-FY"),
        (datetime.date(2018, 9, 10), periods.Kind.ACADEMIC_YEAR, "2017-AY"),
    ],
)
def test_last_closed_period(today, kind, code):
    """The last closed period is the latest that ended before today."""
    assert periods.last_closed(kind, today).code == code
