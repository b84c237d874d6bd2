"""RAG, direction of travel and activity ranges, for both polarities and every unit."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance.models import Polarity
from performance.rating import Rag, Range, Trend, direction, floor_target_error, in_range, rate

D = Decimal


@pytest.mark.parametrize(
    ("actual", "rag"), [("4", Rag.GREEN), ("5", Rag.GREEN), ("10", Rag.AMBER), ("15", Rag.AMBER), ("16", Rag.RED)]
)
def test_pi01_lower_is_better(actual, rag):
    """PI01, % of rent outstanding at 60 days (floor 15%, target 5%): 4% Green, 10% Amber, 16% Red."""
    assert rate(actual=D(actual), floor=D(15), target=D(5), polarity=Polarity.LOWER).rag == rag


@pytest.mark.parametrize(
    ("actual", "rag"),
    [
        ("8000000", Rag.GREEN),
        ("9100000", Rag.GREEN),
        ("7200000", Rag.AMBER),
        ("6500000", Rag.AMBER),
        ("6499999", Rag.RED),
    ],
)
def test_sc13_money_floor_and_target(actual, rag):
    """SC13, procurement savings (floor £6.5m, target £8.0m): money rated in pounds, higher is better."""
    assert rate(actual=D(actual), floor=D(6_500_000), target=D(8_000_000), polarity=Polarity.HIGHER).rag == rag


@pytest.mark.parametrize(
    ("unit_case", "floor", "target", "polarity", "green", "amber", "red"),
    [
        ("percentage CS05", "70", "80", Polarity.HIGHER, "80", "75", "69"),
        ("count", "1000", "1200", Polarity.HIGHER, "1300", "1000", "999"),
        ("days, lower is better", "35", "28", Polarity.LOWER, "28", "30", "36"),
        ("hours, lower is better", "8", "4", Polarity.LOWER, "3", "8", "9"),
        ("money, lower is better (costs)", "500000", "400000", Polarity.LOWER, "399999", "450000", "500001"),
        ("rating scale (Neutral floor, Positive target)", "2", "3", Polarity.HIGHER, "3", "2", "1"),
    ],
)
def test_every_unit_rates_against_floor_and_target(unit_case, floor, target, polarity, green, amber, red):
    """Green at or better than target, Amber between floor and target (floor inclusive), Red worse than floor."""
    for actual, rag in ((green, Rag.GREEN), (amber, Rag.AMBER), (red, Rag.RED)):
        assert rate(actual=D(actual), floor=D(floor), target=D(target), polarity=polarity).rag == rag, unit_case


def test_achieve_is_green_when_achieved_and_red_when_not():
    """A yes/no 'Achieve' standard (floor and target Achieve = 1): achieved Green, not achieved Red."""
    assert rate(actual=D(1), floor=D(1), target=D(1), polarity=Polarity.HIGHER).rag == Rag.GREEN
    assert rate(actual=D(0), floor=D(1), target=D(1), polarity=Polarity.HIGHER).rag == Rag.RED


def test_actual_is_rated_as_shown():
    """94.6% shown as 95% (no decimal places) meets a 95% target; with one place it does not."""
    assert rate(actual=D("94.6"), floor=D(90), target=D(95), polarity=Polarity.HIGHER, places=0).rag == Rag.GREEN
    assert rate(actual=D("94.6"), floor=D(90), target=D(95), polarity=Polarity.HIGHER, places=1).rag == Rag.AMBER


def test_no_target_or_no_actual_is_not_rated_and_no_floor_makes_a_shortfall_red():
    """Missing standards are explicit: no target → Not rated; no floor → short of target is Red."""
    assert rate(actual=None, floor=D(1), target=D(2), polarity=Polarity.HIGHER).rag == Rag.NOT_RATED
    assert rate(actual=D(5), floor=D(1), target=None, polarity=Polarity.HIGHER).rag == Rag.NOT_RATED
    assert rate(actual=D(99), floor=None, target=D(100), polarity=Polarity.HIGHER).rag == Rag.RED
    assert rate(actual=D(100), floor=None, target=D(100), polarity=Polarity.HIGHER).rag == Rag.GREEN


@given(
    a=st.decimals(min_value=-1000, max_value=1000, places=2),
    b=st.decimals(min_value=-1000, max_value=1000, places=2),
    floor=st.decimals(min_value=-1000, max_value=1000, places=2),
    gap=st.decimals(min_value=0, max_value=500, places=2),
    higher=st.booleans(),
)
def test_a_better_actual_never_gets_a_worse_rating(a, b, floor, gap, higher):
    """Property: for any consistent floor and target, rating never falls as the actual improves."""
    polarity = Polarity.HIGHER if higher else Polarity.LOWER
    target = floor + gap if higher else floor - gap
    order = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
    worse, better = sorted((a, b)) if higher else sorted((a, b), reverse=True)
    rated = [
        order[rate(actual=x, floor=floor, target=target, polarity=polarity, places=2).rag] for x in (worse, better)
    ]
    assert rated[0] <= rated[1]


def test_floor_better_than_target_is_explained_for_each_polarity():
    """A floor 'better' than the target is refused with an explanation that names the polarity."""
    higher = floor_target_error(floor=D(100), target=D(85), polarity=Polarity.HIGHER)
    assert "higher than the target" in higher
    assert "Lower is better" in higher
    lower = floor_target_error(floor=D(5), target=D(15), polarity=Polarity.LOWER)
    assert "lower than the target" in lower
    assert "Higher is better" in lower
    assert floor_target_error(floor=D(15), target=D(5), polarity=Polarity.LOWER) == ""
    assert floor_target_error(floor=D(28), target=D(28), polarity=Polarity.LOWER) == ""


def test_direction_of_travel_respects_polarity():
    """Improved means better for the polarity: a fall in rent outstanding (PI01) is an improvement."""
    assert direction(current=D(10), previous=D(12), polarity=Polarity.LOWER).trend == Trend.IMPROVED
    assert direction(current=D(10), previous=D(12), polarity=Polarity.HIGHER).trend == Trend.WORSENED
    assert direction(current=D("95.2"), previous=D("94.8"), polarity=Polarity.HIGHER, places=0).trend == Trend.SAME
    assert direction(current=D(1), previous=None, polarity=Polarity.HIGHER).trend == Trend.NONE


def test_activity_actuals_are_within_above_or_below_the_range():
    """CS08 Q1 expects 160,000 to 180,000 calls; both thresholds count as within."""
    lower, upper = D(160_000), D(180_000)
    assert in_range(actual=D(160_000), lower=lower, upper=upper) == Range.WITHIN
    assert in_range(actual=D(180_000), lower=lower, upper=upper) == Range.WITHIN
    assert in_range(actual=D(180_001), lower=lower, upper=upper) == Range.ABOVE
    assert in_range(actual=D(159_999), lower=lower, upper=upper) == Range.BELOW
    assert in_range(actual=D(5), lower=None, upper=None) == Range.NO_RANGE
    assert in_range(actual=None, lower=lower, upper=upper) == Range.NO_ACTUAL


def test_a_missing_figure_with_an_earlier_one_is_not_reported_not_no_earlier_figure():
    """No figure this period but one before: "Not reported this period", naming the last figure, never
    "No earlier figure"; the printed text carries what a direction compares with, as the page does."""
    missing = direction(current=None, previous=D(95), polarity=Polarity.HIGHER, compared_with="Q1 2017-18")
    assert (missing.trend, missing.label, missing.arrow) == (Trend.NOT_REPORTED, "Not reported this period", "")
    assert missing.text == "Not reported this period (last figure: Q1 2017-18)"
    assert direction(current=None, previous=None, polarity=Polarity.HIGHER).label == "No earlier figure"
    worse = direction(current=D(90), previous=D(95), polarity=Polarity.HIGHER, compared_with="Q1 2017-18")
    assert (worse.note, worse.text) == ("on Q1 2017-18", "Worsened (on Q1 2017-18)")
    assert direction(current=D(90), previous=None, polarity=Polarity.HIGHER).text == "No earlier figure"
