"""Database constraints hold the invariants even when the services are bypassed."""

import pytest
from django.db import IntegrityError, transaction

from risks.models import Band, Register, RegisterLevel, Review, Risk, ScaleLevel

from ..factories import DivisionFactory
from .factories import DirectorateRegisterFactory, DivisionRegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db


def _violates(**changes) -> bool:
    risk = RiskFactory()
    try:
        with transaction.atomic():
            Risk.objects.filter(pk=risk.pk).update(**changes)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("value", [0, 6, 25, 32767])
@pytest.mark.parametrize("field", ["current_likelihood", "current_impact", "target_likelihood", "target_impact"])
def test_scale_values_outside_1_to_5_are_refused_by_the_database(field, value):
    """CHECK constraints forbid 0, 6 and anything else outside 1-5 in every rating column."""
    assert _violates(**{field: value})


def test_ratings_are_set_in_pairs_and_target_needs_current():
    """Likelihood without impact, or a target without a current rating, cannot be stored."""
    assert _violates(current_impact=None)
    assert _violates(target_likelihood=None)
    assert _violates(current_likelihood=None, current_impact=None)  # target still set
    assert not _violates(current_likelihood=None, current_impact=None, target_likelihood=None, target_impact=None)


def test_review_ratings_have_the_same_constraints():
    """A review's snapshot of the ratings obeys the same rules as the risk."""
    risk = RiskFactory()
    review = Review.objects.get(risk=risk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(current_likelihood=6)


def test_reference_is_unique_within_a_register_only():
    """BSS1 may exist once per register, and again in another register."""
    risk = RiskFactory(reference="BSS1")
    RiskFactory(reference="BSS1")  # another register
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskFactory(register=risk.register, reference="BSS1")


def test_register_unit_must_match_its_level():
    """A divisional register needs a division; a corporate one has no unit; one register per unit."""
    division = DivisionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Register.objects.create(
            level=RegisterLevel.DIVISION, directorate=division.directorate, plan_year=division.plan_year
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Register.objects.create(
            level=RegisterLevel.CORPORATE, directorate=division.directorate, plan_year=division.plan_year
        )
    DivisionRegisterFactory(division=division)
    with pytest.raises(IntegrityError), transaction.atomic():
        DivisionRegisterFactory(division=division)
    DirectorateRegisterFactory(directorate=division.directorate)
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectorateRegisterFactory(directorate=division.directorate)


def test_scale_levels_and_bands_are_constrained():
    """Scale points are 1-5 and unique per scale; band limits are in order and within 1-25."""
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleLevel.objects.create(kind="likelihood", value=6, label="Certain")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleLevel.objects.create(kind="likelihood", value=3, label="Maybe")
    with pytest.raises(IntegrityError), transaction.atomic():
        Band.objects.create(name="Odd", tone="low", lower=10, upper=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        Band.objects.create(name="Huge", tone="high", lower=20, upper=26)


def test_overlapping_band_is_refused_by_validation():
    """A band that overlaps another would make a rating's band ambiguous; full_clean refuses it."""
    from django.core.exceptions import ValidationError

    band = Band(name="Very high", tone="high", lower=20, upper=25)
    with pytest.raises(ValidationError, match="overlap the High band"):
        band.full_clean()
