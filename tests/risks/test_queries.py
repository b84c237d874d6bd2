"""Page, export and section E query counts do not grow with the number of risks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from risks.selectors import plan_section_e_risks

from ..factories import DivisionalPlanFactory, PersonFactory, UserFactory
from .factories import ControlFactory, DivisionRegisterFactory, RiskActionFactory, RiskFactory

pytestmark = pytest.mark.django_db


def _fill(register, count: int) -> None:
    owner = PersonFactory()
    for _ in range(count):
        risk = RiskFactory(register=register)
        risk.ownerships.create(person=owner, position=1)
        ControlFactory(risk=risk)
        RiskActionFactory(risk=risk)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["register_detail", "register_heatmap", "register_export_csv", "register_export_xlsx"])
def test_register_pages_use_a_fixed_number_of_queries(client, name):
    """3 risks or 30: the same number of queries."""
    small, large = DivisionRegisterFactory(), DivisionRegisterFactory()
    _fill(small, 3)
    _fill(large, 30)
    client.force_login(UserFactory(username="reader"))
    assert _queries(client, reverse(f"risks:{name}", args=[small.pk])) == _queries(
        client, reverse(f"risks:{name}", args=[large.pk])
    )


def test_risk_page_uses_a_fixed_number_of_queries(client):
    """A risk with one control or ten, one review or five: the same number of queries."""
    plain = RiskFactory()
    busy = RiskFactory()
    for _ in range(10):
        ControlFactory(risk=busy)
        RiskActionFactory(risk=busy)
    for _ in range(4):
        busy.reviews.create(reviewed_on="2013-06-01", current_likelihood=3, current_impact=3)
    client.force_login(UserFactory(username="reader"))
    assert _queries(client, reverse("risks:risk_detail", args=[plain.pk])) == _queries(
        client, reverse("risks:risk_detail", args=[busy.pk])
    )


def test_section_e_uses_a_fixed_number_of_queries():
    """Section E of a plan reads its register in the same few queries however many risks it has."""
    counts = []
    for size in (2, 20):
        register = DivisionRegisterFactory()
        _fill(register, size)
        plan = DivisionalPlanFactory(division=register.division)
        with CaptureQueriesContext(connection) as captured:
            risks = plan_section_e_risks(plan=plan)
            for risk in risks:
                list(risk.controls.all())
                list(risk.actions.all())
        assert len(risks) == size
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 8
