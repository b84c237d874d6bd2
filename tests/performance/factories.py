"""factory_boy factories for performance indicators and actuals."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from performance import models
from performance.services import period_get_or_create

from ..factories import DirectorateFactory, DirectoratePlanFactory, DivisionalPlanFactory, PlanYearFactory


class KpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Kpi

    plan = factory.SubFactory(DivisionalPlanFactory)
    reference = factory.Sequence(lambda n: f"KP{n:02d}")
    description = factory.Sequence(lambda n: f"Percentage of cases completed on time ({n})")
    unit = models.Unit.PERCENTAGE
    polarity = models.Polarity.HIGHER
    frequency = models.Frequency.QUARTERLY
    floor_status = models.ValueStatus.VALUE
    floor = Decimal("90")
    target_status = models.ValueStatus.VALUE
    target = Decimal("95")
    position = factory.Sequence(lambda n: n + 1)


class ActivityIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActivityIndicator

    plan = factory.SubFactory(DivisionalPlanFactory)
    reference = factory.Sequence(lambda n: f"AC{n:02d}")
    description = factory.Sequence(lambda n: f"Number of calls answered ({n})")
    unit = models.Unit.COUNT
    q1_lower, q1_upper = Decimal(160000), Decimal(180000)
    q2_lower, q2_upper = Decimal(165000), Decimal(185000)
    q3_lower, q3_upper = Decimal(135000), Decimal(155000)
    q4_lower, q4_upper = Decimal(150000), Decimal(170000)
    position = factory.Sequence(lambda n: n + 1)


def plan_2017(**kwargs):
    """A 2017-18 directorate plan (the year of seed 003)."""
    year = PlanYearFactory(start_year=2017)
    return DirectoratePlanFactory(directorate=DirectorateFactory(plan_year=year), **kwargs)


def divisional_plan_2017(**kwargs):
    year = PlanYearFactory(start_year=2017)
    return DivisionalPlanFactory(division__directorate__plan_year=year, **kwargs)


def record(indicator, code: str, value, *, commentary: str = "", user=None):
    """Store an actual directly (tests of reads); the services are tested on their own."""
    period = period_get_or_create(code=code)
    model, link = (
        (models.KpiActual, "kpi") if isinstance(indicator, models.Kpi) else (models.ActivityActual, "indicator")
    )
    return model.objects.create(
        **{link: indicator},
        period=period,
        value=Decimal(str(value)),
        commentary=commentary,
        entered_by=user,
        entered_at=timezone.make_aware(datetime.datetime(2017, 10, 5, 9, 0)),
    )
