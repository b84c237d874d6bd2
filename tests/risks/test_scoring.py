"""Ratings, bands and labels are derived from the stored numbers and the scales in the database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risks.models import Band
from risks.scoring import ACHIEVABLE_RATINGS, Movement, Scales, movement, rating_score

pytestmark = pytest.mark.django_db

LIKELIHOOD = {1: "Very Unlikely", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Very Likely"}
IMPACT = {1: "Minor", 2: "Moderate", 3: "Significant", 4: "Serious", 5: "Major"}


def expected_band(rating: int) -> str:
    """The council's key, written out independently of the code under test: Low 1-6, Medium 8-15, High 16-25."""
    if rating <= 6:
        return "Low"
    if rating <= 15:
        return "Medium"
    return "High"


@pytest.fixture(scope="module")
def scales(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return Scales.load()


@given(likelihood=st.integers(min_value=1, max_value=5), impact=st.integers(min_value=1, max_value=5))
def test_every_pair_gives_the_right_rating_band_and_labels(scales, likelihood, impact):
    """For every likelihood × impact in 1-5 the rating is the product, the band follows the key, labels the scale."""
    rating = scales.rate(likelihood, impact)
    assert rating.score == likelihood * impact == rating_score(likelihood, impact)
    assert rating.band.name == expected_band(likelihood * impact)
    assert rating.band.lower <= rating.score <= rating.band.upper
    assert rating.likelihood_label == f"{LIKELIHOOD[likelihood]} ({likelihood})"
    assert rating.impact_label == f"{IMPACT[impact]} ({impact})"


def test_all_25_pairs_are_banded_and_seven_is_impossible(scales):
    """The default bands leave no achievable rating unbanded; 7, 11, 13, 14 cannot be made from 1-5."""
    assert scales.uncovered_ratings() == []
    assert {7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24}.isdisjoint(ACHIEVABLE_RATINGS)
    assert len(ACHIEVABLE_RATINGS) == 14


def test_no_rating_while_the_assessment_is_in_progress(scales):
    """Without both numbers there is no rating, so nothing can be banded by a half-assessment."""
    assert scales.rate(None, None) is None
    assert scales.rate(3, None) is None


def test_printed_key_matches_the_seed(scales):
    """The register's key reads Low = 1-6, Medium = 8-15, High = 16-25."""
    assert [(band.name, limits) for band, limits in scales.band_key] == [
        ("Low", "1-6"),
        ("Medium", "8-15"),
        ("High", "16-25"),
    ]


def test_labels_and_bands_are_data(db):
    """Renaming a label or moving a band limit in the database changes what every rating shows."""
    Band.objects.filter(name="Medium").update(upper=11)
    Band.objects.filter(name="High").update(lower=12)
    from risks.models import ScaleLevel

    ScaleLevel.objects.filter(kind="impact", value=4).update(label="Severe")
    scales = Scales.load()
    rating = scales.rate(3, 4)
    assert (rating.score, rating.band.name, rating.impact_label) == (12, "High", "Severe (4)")


@pytest.mark.parametrize(
    ("previous", "current", "has_previous", "kind", "text"),
    [
        (9, 12, True, Movement.UP, "Rating increased since the last review (was 9)"),
        (12, 9, True, Movement.DOWN, "Rating reduced since the last review (was 12)"),
        (9, 9, True, Movement.SAME, "No change since the last review"),
        (None, 9, False, Movement.NEW, "New risk: no earlier review"),
        (None, 9, True, Movement.ASSESSED, "First rated at the last review"),
        (9, None, True, Movement.IN_PROGRESS, "Risk assessment in progress"),
    ],
)
def test_movement_has_an_arrow_and_words(previous, current, has_previous, kind, text):
    """Movement since the last review is ↑ ↓ → with a text alternative, never the arrow alone."""
    result = movement(previous, current, has_previous=has_previous)
    assert result.kind == kind
    assert result.text == text
    assert result.arrow == {Movement.UP: "↑", Movement.DOWN: "↓", Movement.SAME: "→"}.get(kind, "")
