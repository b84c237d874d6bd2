"""Anyone can read approved, published plans: as approved, never drafts or later working edits."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kcc_planning.roles import Role
from plans.services import RowInput, priority_save
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.users import user_in


def _published_plan():
    admin = user_in(Role.ADMINISTRATOR, "publisher")
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan)
    action = ActionFactory(priority=priority, title="Approved wording", accountable_officer="Paul Royel")
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path")
    plan_transition(
        plan=plan,
        user=admin,
        step_name="approve",
        reason="Approved",
        decision_number="12/01971",
        decided_on=datetime.date(2013, 3, 27),
    )
    plan_transition(plan=plan, user=admin, step_name="publish", reason="Published online")
    return plan, priority, action


@pytest.mark.django_db
def test_published_plan_is_readable_without_signing_in_as_approved(client):
    """An anonymous visitor reads the approved version; a later edit does not show until approved again."""
    plan, priority, action = _published_plan()
    priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        milestones=[],
        key_decisions=[],
        actions=[
            RowInput(
                id=action.pk,
                values={
                    "title": "Unapproved working edit",
                    "sub_action": False,
                    "accountable_officer": "Paul Royel",
                    "start_text": "April 2013",
                    "end_text": "March 2014",
                },
            )
        ],
    )
    listing = client.get(reverse("public:plan_list"))
    assert reverse("public:plan_detail", args=[plan.pk]) in listing.content.decode()
    page = client.get(reverse("public:plan_detail", args=[plan.pk])).content.decode()
    assert "Approved wording" in page
    assert "Unapproved working edit" not in page
    assert reverse("plans:section_edit", args=[plan.pk, "priorities"]) not in page


@pytest.mark.django_db
def test_draft_plans_are_not_public(client):
    """A plan that is not published is 404 to the public, whatever its id."""
    plan = DivisionalPlanFactory()
    assert client.get(reverse("public:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("public:plan_detail", args=[987654])).status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_plan_pages_are_accessible(live_server, page, page_checker):
    """The public list and plan pages pass axe-core and the Nu checker for an anonymous visitor."""
    plan, _, _ = _published_plan()
    page.goto(live_server.url + reverse("public:plan_list"))
    page_checker.check(page, "public plan list")
    page.get_by_role("link", name=plan.unit_name).click()
    page.wait_for_load_state()
    expect(page.get_by_text("Approved wording")).to_be_visible()
    page_checker.check(page, "public plan")
