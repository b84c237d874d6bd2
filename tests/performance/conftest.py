import pytest

from ..factories import UserFactory, lead_for
from .factories import plan_2017


@pytest.fixture
def plan(db):
    """A 2017-18 directorate plan (the year of seed 003's section L)."""
    return plan_2017()


@pytest.fixture
def lead(plan):
    """A directorate lead: may record the directorate plan's actuals."""
    return lead_for(plan.directorate, "scs_lead")


@pytest.fixture
def reader(db):
    """Signed in, but neither an officer nor a lead of any plan."""
    return UserFactory(username="reader")
