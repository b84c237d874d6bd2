"""Figures typed as officers write them, and shown as the council prints them."""

from decimal import Decimal

import pytest

from performance.models import Unit, ValueStatus
from performance.values import BadValue, format_stated, format_value, parse_stated, parse_value, plain


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("95%", Unit.PERCENTAGE, Decimal("95")),
        ("99.9", Unit.PERCENTAGE, Decimal("99.9")),
        (" 4 % ", Unit.PERCENTAGE, Decimal("4")),
        ("£6.5m", Unit.MONEY, Decimal("6500000")),
        ("8.0m", Unit.MONEY, Decimal("8000000")),
        ("£6,500,000", Unit.MONEY, Decimal("6500000")),
        ("£400k", Unit.MONEY, Decimal("400000")),
        ("-£1,000", Unit.MONEY, Decimal("-1000")),
        ("180,000", Unit.COUNT, Decimal("180000")),
        ("28 days", Unit.DAYS, Decimal("28")),
        ("1 day", Unit.DAYS, Decimal("1")),
        ("4 hours", Unit.HOURS, Decimal("4")),
        ("4 hrs", Unit.HOURS, Decimal("4")),
        ("Achieved", Unit.ACHIEVE, Decimal("1")),
        ("yes", Unit.ACHIEVE, Decimal("1")),
        ("Not achieved", Unit.ACHIEVE, Decimal("0")),
        ("no", Unit.ACHIEVE, Decimal("0")),
    ],
)
def test_parse_value_accepts_figures_as_officers_write_them(text, unit, expected):
    """Units, thousands separators, £ and m/k suffixes and yes/no words are all understood."""
    assert parse_value(text, unit=unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("12.5x", Unit.PERCENTAGE, "is not a number"),
        ("", Unit.PERCENTAGE, "Enter a value"),
        ("1e5", Unit.COUNT, "is not a number"),
        ("1.5", Unit.COUNT, "not a whole number"),
        ("-3", Unit.COUNT, "negative"),
        ("-2 days", Unit.DAYS, "negative"),
        ("lots", Unit.MONEY, "not an amount of money"),
        ("maybe", Unit.ACHIEVE, "not a yes/no answer"),
        ("95.12345", Unit.PERCENTAGE, "too many decimal places"),
        ("1234567890123", Unit.COUNT, "too large"),
    ],
)
def test_parse_value_refuses_bad_figures_with_a_clear_message(text, unit, message):
    """Anything that is not a figure in the unit is refused with a message that says why."""
    with pytest.raises(BadValue, match=message):
        parse_value(text, unit=unit)


def test_rating_scale_values_are_level_positions():
    """A worded level is stored as its position on the scale, 1 being the worst."""
    levels = ["Negative feedback", "Neutral feedback", "Positive feedback"]
    assert parse_value("neutral feedback", unit=Unit.SCALE, scale_labels=levels) == 2
    assert parse_value("3", unit=Unit.SCALE, scale_labels=levels) == 3
    with pytest.raises(BadValue, match="not one of the levels"):
        parse_value("Glowing", unit=Unit.SCALE, scale_labels=levels)
    assert format_value(Decimal(2), unit=Unit.SCALE, scale_labels=levels) == "Neutral feedback"


@pytest.mark.parametrize(
    ("value", "unit", "places", "as_result", "shown"),
    [
        (Decimal("95"), Unit.PERCENTAGE, 0, False, "95%"),
        (Decimal("99"), Unit.PERCENTAGE, 1, False, "99.0%"),
        (Decimal("99.85"), Unit.PERCENTAGE, 1, False, "99.9%"),
        (Decimal("6500000"), Unit.MONEY, 0, False, "£6.5m"),
        (Decimal("8000000"), Unit.MONEY, 0, False, "£8.0m"),
        (Decimal("400000"), Unit.MONEY, 0, False, "£400,000"),
        (Decimal("180000"), Unit.COUNT, 0, False, "180,000"),
        (Decimal("28"), Unit.DAYS, 0, False, "28 days"),
        (Decimal("1"), Unit.HOURS, 0, False, "1 hour"),
        (Decimal("1"), Unit.ACHIEVE, 0, False, "Achieve"),
        (Decimal("1"), Unit.ACHIEVE, 0, True, "Achieved"),
        (Decimal("0"), Unit.ACHIEVE, 0, True, "Not achieved"),
    ],
)
def test_format_value_prints_figures_like_the_seeds(value, unit, places, as_result, shown):
    """Percentages, money in millions, counts, days and Achieve are printed as in the plans."""
    assert format_value(value, unit=unit, places=places, as_result=as_result) == shown


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("NEW", ValueStatus.NEW),
        ("TBC", ValueStatus.TBC),
        ("Not yet available", ValueStatus.NOT_YET_AVAILABLE),
        ("None available", ValueStatus.NONE_AVAILABLE),
        ("N/A", ValueStatus.NOT_APPLICABLE),
        ("??%", ValueStatus.UNKNOWN),
        ("?", ValueStatus.UNKNOWN),
        ("", ValueStatus.BLANK),
    ],
)
def test_stated_words_become_statuses_not_numbers(text, status):
    """NEW, TBC, Not yet available… are kept as statuses with no made-up figure."""
    assert parse_stated(text, unit=Unit.PERCENTAGE) == (status, None)
    assert format_stated(status, None, unit=Unit.PERCENTAGE) == ("" if status == ValueStatus.BLANK else status.label)


def test_stated_figure_keeps_its_value():
    """A figure in a stated cell is parsed in the unit."""
    assert parse_stated("£6.5m", unit=Unit.MONEY) == (ValueStatus.VALUE, Decimal("6500000"))


def test_plain_has_no_exponent():
    """Exports write 6500000, not 6.5E+6."""
    assert plain(Decimal("6.5E+6")) == "6500000"
    assert plain(Decimal("99.900")) == "99.9"
    assert plain(None) == ""
