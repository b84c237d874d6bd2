import pytest

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.azurite import azurite, on_azure  # noqa: F401 - fixtures: private storage on Azurite


@pytest.fixture
def plan():
    """A small divisional plan to render: one priority with one action."""
    plan = DivisionalPlanFactory(division__name="Human Resources")
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Lead the work stream")
    return plan
