"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth import get_user_model

from plans import models

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    password = factory.django.Password(PASSWORD)


class PlanYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PlanYear
        django_get_or_create = ("start_year",)

    start_year = 2013


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Faker("name", locale="en_GB")
    job_title = "Officer"
    email = factory.Sequence(lambda n: f"person{n}@example.gov.uk")


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Portfolio

    plan_year = factory.SubFactory(PlanYearFactory)
    title = factory.Sequence(lambda n: f"Portfolio {n}")
    cabinet_member = factory.SubFactory(PersonFactory, job_title="Cabinet Member")


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Directorate

    plan_year = factory.SubFactory(PlanYearFactory)
    name = factory.Sequence(lambda n: f"Directorate {n}")
    short_name = factory.Sequence(lambda n: f"D{n}")


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Division

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Division {n}")


class DivisionalPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Plan

    kind = models.PlanKind.DIVISIONAL
    division = factory.SubFactory(DivisionFactory)
    directorate = factory.LazyAttribute(lambda p: p.division.directorate)


class DirectoratePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Plan

    kind = models.PlanKind.DIRECTORATE
    directorate = factory.SubFactory(DirectorateFactory)
    division = None
    resources_unit = models.MoneyUnit.THOUSANDS


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Priority

    plan = factory.SubFactory(DivisionalPlanFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")
    description = "Deliver the priority."
    position = factory.Sequence(lambda n: n + 1)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Action

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    accountable_officer = "Paul Royel"
    start_text = "April 2013"
    end_text = "March 2014"
    position = factory.Sequence(lambda n: n + 1)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Milestone

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_text = "June 2013"
    position = factory.Sequence(lambda n: n + 1)


def officer_for(division: models.Division, username: str = "officer"):
    """A user who is an officer of ``division`` (may edit its plan)."""
    user = UserFactory(username=username)
    person = PersonFactory(user=user, name=user.get_full_name())
    division.officers.add(person)
    return user


def lead_for(directorate: models.Directorate, username: str = "lead"):
    """A user who leads ``directorate`` (edits its plan, reads its divisions' plans)."""
    user = UserFactory(username=username)
    person = PersonFactory(user=user, name=user.get_full_name())
    directorate.leads.add(person)
    return user
