"""Putting a plan's key decision in the Forward Plan (issue 13): democratic services add a pre-filled entry or
link an existing one from the plan's pages, and the plan then answers "Already in the Forward Plan?" by the link.
"""

import datetime

import pytest
from django.urls import reverse

from committees import demo_decisions
from committees.models import Appendix, AppendixKind, ForwardPlanEntry
from committees.services.decisions import forward_plan_entry_create, forward_plan_entry_link
from kcc_planning.roles import Role
from plans.models import KeyDecision
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, DivisionFactory, PortfolioFactory, PriorityFactory
from ..support.users import user_in

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def key_decision():
    portfolio = PortfolioFactory(title="Business Strategy, Performance & Health Reform")
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources", portfolio=portfolio))
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, accountable_officer="Karen Ray")
    return KeyDecision.objects.create(priority=priority, description="Adopt the revised HR operating model", position=1)


JUNE_2013 = D(2013, 6, 1)


def _entry(number: str, *, expected: D = JUNE_2013, **values) -> ForwardPlanEntry:
    return forward_plan_entry_create(
        values={
            "decision_number": number,
            "subject": f"Entry {number}",
            "decision_maker": "cabinet_member",
            "decision_maker_title": "Cabinet Member",
            "expected_date": expected,
            **values,
        }
    )


def _date(name: str, day: D) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _read_page(client, key_decision) -> str:
    return client.get(reverse("plans:plan_read", args=[key_decision.priority.plan_id])).content.decode()


def test_clerk_sees_no_with_the_two_ways_to_put_it_in_the_forward_plan(client, clerk, key_decision):
    """On the read view a clerk sees "No" with "Add to the Forward Plan" and "Link to an existing entry"."""
    client.force_login(clerk)
    page = _read_page(client, key_decision)
    assert reverse("committees:key_decision_add", args=[key_decision.pk]) in page
    assert reverse("committees:key_decision_link", args=[key_decision.pk]) in page
    assert "Add to the Forward Plan" in page
    assert "Link to an existing entry" in page


def test_add_page_is_prefilled_from_the_decision_and_the_plan(client, clerk, key_decision):
    """Subject from the decision, Cabinet Member of the division's portfolio as decision maker."""
    client.force_login(clerk)
    page = client.get(reverse("committees:key_decision_add", args=[key_decision.pk])).content.decode()
    assert "Adopt the revised HR operating model" in page
    assert "Cabinet Member for Business Strategy, Performance &amp; Health Reform" in page
    assert 'value="cabinet_member" checked' in page or 'value="cabinet_member" selected' in page


def test_adding_creates_a_linked_entry_and_the_plan_answers_yes(client, clerk, key_decision):
    """Saving the pre-filled form creates the entry linked to the decision; the plan then reads "Yes – 13/00101"."""
    client.force_login(clerk)
    response = client.post(
        reverse("committees:key_decision_add", args=[key_decision.pk]),
        {
            "decision_number": "13/00101",
            "subject": "Adopt the revised HR operating model",
            "decision_maker": "cabinet_member",
            "decision_maker_title": "Cabinet Member for Business Strategy",
            "key_decision": str(key_decision.pk),
            **_date("expected_date", D(2013, 7, 1)),
        },
    )
    assert response.status_code == 302, response.content.decode()
    entry = ForwardPlanEntry.objects.get(decision_number="13/00101")
    assert entry.key_decision_id == key_decision.pk
    page = _read_page(client, key_decision)
    assert "Yes – " in page
    assert reverse("committees:entry_edit", args=[entry.pk]) in page
    # Once it is in, neither action is offered again.
    assert reverse("committees:key_decision_add", args=[key_decision.pk]) not in page


def test_link_page_offers_only_unlinked_entries_of_the_plans_year(client, clerk, key_decision):
    """Entries of 2013-14 not yet linked are offered; linked, withdrawn and other years' entries are not."""
    free = _entry("13/00201")
    other = KeyDecision.objects.create(priority=key_decision.priority, description="Another", position=2)
    _entry("13/00202", key_decision=other)
    _entry("13/00203", withdrawn=True)
    _entry("14/00204", expected=D(2014, 6, 1))
    client.force_login(clerk)
    url = reverse("committees:key_decision_link", args=[key_decision.pk])
    page = client.get(url).content.decode()
    assert "13/00201" in page
    assert "13/00202" not in page
    assert "13/00203" not in page
    assert "14/00204" not in page

    response = client.post(url, {"entry": str(free.pk)})
    assert response.status_code == 302
    free.refresh_from_db()
    assert free.key_decision_id == key_decision.pk
    assert free.lock_version == 2  # an entry form opened before the link is now stale


def test_linking_refuses_an_entry_announcing_another_decision(key_decision):
    """A second key decision cannot take an entry that already announces one."""
    other = KeyDecision.objects.create(priority=key_decision.priority, description="Another", position=2)
    taken = _entry("13/00301", key_decision=other)
    with pytest.raises(Exception, match="already announces another key decision"):
        forward_plan_entry_link(entry=taken, key_decision=key_decision)


def test_officers_may_not_add_or_link(client, officer, key_decision):
    """Only the people who keep the Forward Plan may add or link entries."""
    client.force_login(officer)
    for name in ("committees:key_decision_add", "committees:key_decision_link"):
        assert client.get(reverse(name, args=[key_decision.pk])).status_code == 403


def test_an_already_linked_decision_goes_back_to_the_plan(client, clerk, key_decision):
    """Adding again after a link is not possible: the page sends the clerk back to the plan's priorities."""
    _entry("13/00401", key_decision=key_decision)
    client.force_login(clerk)
    response = client.get(reverse("committees:key_decision_add", args=[key_decision.pk]))
    assert response.status_code == 302
    assert (
        response["Location"] == f"{reverse('plans:plan_read', args=[key_decision.priority.plan_id])}#section-priorities"
    )


def test_demo_names_the_plan_its_annual_approval_entry_announces(small_meeting, key_decision):
    """12/01971 (B1 Annual Business Plans) announces the approval of the plan sent with B1; loading twice keeps it,
    and an entry a clerk has edited is never given a plan behind their back."""
    plan = key_decision.priority.plan
    admin = user_in(Role.ADMINISTRATOR, "demo_admin")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Demo")
    report = small_meeting.items.get(decision_number="12/01971").papers.first()
    Appendix.objects.create(
        paper=report, title="Business plan", kind=AppendixKind.PLAN_SNAPSHOT, snapshot=plan.snapshots.get()
    )
    demo_decisions.load(meeting=small_meeting)
    entry = ForwardPlanEntry.objects.get(decision_number="12/01971")
    assert entry.plan_id == plan.pk
    assert ForwardPlanEntry.objects.get(decision_number="12/02003").plan_id is None

    ForwardPlanEntry.objects.filter(pk=entry.pk).update(plan=None, lock_version=2)
    demo_decisions.load(meeting=small_meeting)
    assert ForwardPlanEntry.objects.get(pk=entry.pk).plan_id is None
