import pytest

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory


@pytest.fixture
def plan():
    """A small divisional plan to render: one priority with one action."""
    plan = DivisionalPlanFactory(division__name="Human Resources")
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Lead the work stream")
    return plan
