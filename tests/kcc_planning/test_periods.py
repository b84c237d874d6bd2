"""The financial-year arithmetic that progress periods (plans) and KPI periods (performance) both use."""

import datetime

import pytest

from kcc_planning.periods import financial_year_of, month_end, quarter_dates, quarter_label, quarter_of, year_label
from performance import periods as kpi_periods
from plans import periods as progress_periods


@pytest.mark.parametrize(
    ("number", "starts_on", "ends_on"),
    [
        (1, datetime.date(2017, 4, 1), datetime.date(2017, 6, 30)),
        (2, datetime.date(2017, 7, 1), datetime.date(2017, 9, 30)),
        (3, datetime.date(2017, 10, 1), datetime.date(2017, 12, 31)),
        (4, datetime.date(2018, 1, 1), datetime.date(2018, 3, 31)),  # Q4 is in the next calendar year
    ],
)
def test_quarters_run_april_to_march(number, starts_on, ends_on):
    assert quarter_dates(2017, number) == (starts_on, ends_on)
    assert quarter_of(starts_on) == quarter_of(ends_on) == number
    assert financial_year_of(starts_on) == financial_year_of(ends_on) == 2017


def test_years_and_months_are_written_as_officers_write_them():
    assert year_label(2017) == "2017-18"
    assert year_label(1999) == "1999-00"
    assert quarter_label(2017, 2) == "Q2 2017-18"
    assert month_end(2016, 2) == datetime.date(2016, 2, 29)


@pytest.mark.parametrize("code", ["2017-Q1", "2017-Q4", "2019-Q3", "2017-M07", "2018-M02"])
def test_progress_and_kpi_periods_agree_on_every_code(code):
    """The same code names the same dates and words in both apps."""
    progress, kpi = progress_periods.parse_code(code), kpi_periods.parse(code)
    assert (progress.starts_on, progress.ends_on) == (kpi.starts_on, kpi.ends_on)
    assert progress_periods.period_label(code) == kpi.label
