"""Defining KPIs and activity indicators: what is stored, and what is refused with an explanation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from performance.models import ActivityIndicator, Frequency, Kpi, Polarity, Unit, ValueStatus, YearTotal
from performance.services import activity_indicator_save, kpi_save

from ..factories import PriorityFactory
from .factories import ActivityIndicatorFactory, KpiFactory

V = ValueStatus.VALUE


def _kpi_values(**overrides):
    values = {
        "reference": "GL03",
        "description": "Data Protection Act Subject Access requests, completed within 40 calendar days",
        "unit": Unit.PERCENTAGE,
        "polarity": Polarity.HIGHER,
        "frequency": Frequency.QUARTERLY,
        "floor_status": V,
        "floor": Decimal(85),
        "target_status": V,
        "target": Decimal(90),
        "previous_status": V,
        "previous": Decimal(80),
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_kpi_is_saved_with_its_priorities(plan):
    """A KPI belongs to a plan and refers to that plan's priorities."""
    first, ninth = PriorityFactory(plan=plan), PriorityFactory(plan=plan)
    kpi = kpi_save(plan=plan, values=_kpi_values(), priorities=[first, ninth])
    kpi.refresh_from_db()
    assert (kpi.floor, kpi.target, kpi.previous) == (85, 90, 80)
    assert set(kpi.priorities.all()) == {first, ninth}


@pytest.mark.django_db
def test_floor_better_than_target_is_refused_with_an_explanation(plan):
    """Seed 001's Data Protection KPI printed floor 100%, target 85%: refused, nothing saved, reason given."""
    with pytest.raises(ValidationError) as caught:
        kpi_save(plan=plan, values=_kpi_values(floor=Decimal(100), target=Decimal(85)))
    message = caught.value.message_dict["floor"][0]
    assert "The floor (100%) is higher than the target (85%)" in message
    assert "“Lower is better”" in message
    assert not Kpi.objects.exists()


@pytest.mark.django_db
def test_lower_is_better_allows_a_floor_above_the_target(plan):
    """PI01: floor 15%, target 5%, lower is better, is consistent; the same figures as 'higher' are not."""
    kpi = kpi_save(plan=plan, values=_kpi_values(reference="PI01", polarity=Polarity.LOWER, floor=15, target=5))
    assert kpi.pk
    with pytest.raises(ValidationError):
        kpi_save(plan=plan, values=_kpi_values(reference="PI02", polarity=Polarity.HIGHER, floor=15, target=5))


@pytest.mark.django_db
def test_quarter_targets_are_checked_against_the_floor_too(plan):
    """A quarterly target below the floor (higher is better) is refused."""
    with pytest.raises(ValidationError, match="quarter 2 target"):
        kpi_save(plan=plan, values=_kpi_values(target_q2_status=V, target_q2=Decimal(80)))


@pytest.mark.django_db
def test_database_refuses_a_floor_better_than_the_target_even_without_the_service(plan):
    """The CheckConstraint holds if a row is written some other way."""
    kpi = KpiFactory(plan=plan)
    kpi.floor, kpi.target = Decimal(99), Decimal(90)
    with pytest.raises(IntegrityError), transaction.atomic():
        kpi.save()


@pytest.mark.django_db
def test_database_refuses_a_figure_with_a_non_figure_status(plan):
    """A NEW or TBC cell cannot carry a number: no fake figures."""
    kpi = KpiFactory(plan=plan)
    kpi.previous_status, kpi.previous = ValueStatus.NEW, Decimal(50)
    with pytest.raises(IntegrityError), transaction.atomic():
        kpi.save()


@pytest.mark.django_db
def test_quarterly_targets_only_for_quarterly_indicators(plan):
    """Per-quarter targets need a quarterly frequency."""
    with pytest.raises(ValidationError) as caught:
        kpi_save(
            plan=plan,
            values=_kpi_values(frequency=Frequency.ANNUAL, target_q4_status=V, target_q4=Decimal(100)),
        )
    assert "Quarterly targets only apply" in caught.value.message_dict["target_q1"][0]


@pytest.mark.django_db
def test_achieve_values_are_yes_or_no(plan):
    """An Achieve standard is 1 (achieve) or 0; any other figure is refused."""
    with pytest.raises(ValidationError, match="Achieve or Not achieved"):
        kpi_save(plan=plan, values=_kpi_values(unit=Unit.ACHIEVE, floor=Decimal(1), target=Decimal(2)))


@pytest.mark.django_db
def test_rating_scale_needs_levels(plan):
    """A rating scale without at least two levels is refused."""
    with pytest.raises(ValidationError, match="at least two levels"):
        kpi_save(plan=plan, values=_kpi_values(unit=Unit.SCALE, scale_labels=[], floor=Decimal(1), target=Decimal(1)))


@pytest.mark.django_db
def test_reference_is_unique_across_kpis_and_activity_indicators(plan):
    """An import row's reference must name exactly one indicator of the plan."""
    ActivityIndicatorFactory(plan=plan, reference="CS08")
    with pytest.raises(ValidationError, match="already has the reference CS08"):
        kpi_save(plan=plan, values=_kpi_values(reference="CS08"))


@pytest.mark.django_db
def test_priorities_of_another_plan_are_refused(plan):
    """A KPI can only measure its own plan's priorities."""
    other = PriorityFactory()
    with pytest.raises(ValidationError, match="priorities of this plan"):
        kpi_save(plan=plan, values=_kpi_values(), priorities=[other])
    assert not Kpi.objects.exists()


@pytest.mark.django_db
def test_activity_thresholds_must_not_cross(plan):
    """A lower threshold above the upper one is refused, naming the quarter."""
    values = {
        "reference": "CS08",
        "description": "Number of calls answered by Contact Point",
        "unit": Unit.COUNT,
        "q1_lower": Decimal(180000),
        "q1_upper": Decimal(160000),
    }
    with pytest.raises(ValidationError, match="quarter 1 is above its upper"):
        activity_indicator_save(plan=plan, values=values)
    assert not ActivityIndicator.objects.exists()


@pytest.mark.django_db
def test_expected_total_is_worked_out_from_the_quarters(plan):
    """CS12 prints an upper total of 5,100 for four quarters of 1,300: the app works out 5,200."""
    cs12 = ActivityIndicatorFactory(
        plan=plan,
        q1_upper=1300,
        q2_upper=1300,
        q3_upper=1300,
        q4_upper=1300,
        q1_lower=1100,
        q2_lower=1100,
        q3_lower=1100,
        q4_lower=1100,
    )
    assert cs12.expected_total == (4400, 5200)
    hr16 = ActivityIndicatorFactory(plan=plan, year_total=YearTotal.LATEST, q4_lower=18500, q4_upper=20000)
    assert hr16.expected_total == (18500, 20000)
    one_quarter = ActivityIndicatorFactory(plan=plan, q2_upper=None)
    assert one_quarter.expected_total[1] is None


@pytest.mark.django_db
def test_every_change_to_a_kpi_is_kept():
    """Changing a KPI's target keeps the earlier version in its history (what was agreed, and when)."""
    from performance.models import Kpi
    from performance.models.choices import ValueStatus

    from ..factories import DirectoratePlanFactory

    kpi = Kpi.objects.create(
        plan=DirectoratePlanFactory(),
        reference="CS01",
        description="Callers rating advisors good",
        floor_status=ValueStatus.VALUE,
        floor=90,
        target_status=ValueStatus.VALUE,
        target=95,
    )
    kpi.target = 96
    kpi.save()
    assert [h.target for h in kpi.history.order_by("history_date")] == [95, 96]
