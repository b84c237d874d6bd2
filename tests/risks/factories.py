"""Factories for risk registers (the organisation comes from tests.factories)."""

import datetime

import factory

from risks import models

from ..factories import DirectorateFactory, DivisionFactory, PlanYearFactory


class DivisionRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Register

    level = models.RegisterLevel.DIVISION
    division = factory.SubFactory(DivisionFactory)
    directorate = factory.LazyAttribute(lambda r: r.division.directorate)
    plan_year = factory.LazyAttribute(lambda r: r.directorate.plan_year)


class DirectorateRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Register

    level = models.RegisterLevel.DIRECTORATE
    directorate = factory.SubFactory(DirectorateFactory)
    division = None
    plan_year = factory.LazyAttribute(lambda r: r.directorate.plan_year)


class CorporateRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Register

    level = models.RegisterLevel.CORPORATE
    plan_year = factory.SubFactory(PlanYearFactory)
    directorate = None
    division = None


class RiskFactory(factory.django.DjangoModelFactory):
    """A rated risk (3 × 3 now, 2 × 2 target) with one review recording that rating."""

    class Meta:
        model = models.Risk
        skip_postgeneration_save = True

    register = factory.SubFactory(DivisionRegisterFactory)
    reference = factory.Sequence(lambda n: f"R{n + 1}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Risk {n + 1}")
    source_cause = "A cause."
    risk_events = "An event."
    consequences = "A consequence."
    current_likelihood = 3
    current_impact = 3
    target_likelihood = 2
    target_impact = 2

    @factory.post_generation
    def reviewed(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            models.Review.objects.create(
                risk=obj,
                reviewed_on=datetime.date(2013, 4, 1),
                current_likelihood=obj.current_likelihood,
                current_impact=obj.current_impact,
                target_likelihood=obj.target_likelihood,
                target_impact=obj.target_impact,
                note="First assessment.",
            )


class ControlFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Control

    risk = factory.SubFactory(RiskFactory)
    title = factory.Sequence(lambda n: f"Control {n + 1}")
    owner = "Head of Internal Audit"
    position = factory.Sequence(lambda n: n + 1)


class RiskActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RiskAction

    risk = factory.SubFactory(RiskFactory)
    title = factory.Sequence(lambda n: f"Action {n + 1}")
    owner = "Head of Business Intelligence"
    due_text = "March 2014"
    due_on = datetime.date(2014, 3, 31)
    position = factory.Sequence(lambda n: n + 1)
