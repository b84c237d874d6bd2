"""In Chromium: moving actions keeps each milestone on its action, and a parent takes its sub-actions along."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans.models import Milestone

from ..factories import (
    ActionFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    MilestoneFactory,
    PriorityFactory,
    officer_for,
)
from ..support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_moving_actions_keeps_milestones_on_their_actions(live_server, page, page_checker):
    """Move action 1 (with 1.1) below action 2, save: the milestones still cite "Second" and the sub-action."""
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    officer_for(plan.division, "hr_officer")
    priority = PriorityFactory(plan=plan, title="Prevention")
    first = ActionFactory(priority=priority, title="First action", position=1)
    child = ActionFactory(priority=priority, title="Sub-action of the first", parent=first, position=2)
    second = ActionFactory(priority=priority, title="Second action", position=3)
    on_second = MilestoneFactory(priority=priority, title="Second action reviewed", action=second)
    on_child = MilestoneFactory(priority=priority, title="Sub-action reviewed", action=child)

    sign_in(page, live_server, "hr_officer")
    page.goto(live_server.url + reverse("plans:priority_edit", args=[plan.pk, priority.pk]))
    actions = page.locator('[data-formset="actions"] [data-formset-row]')
    milestones = page.locator('[data-formset="milestones"] [data-formset-row]')
    expect(milestones.nth(0).get_by_label("Action it belongs to")).to_have_value("2")
    expect(milestones.nth(1).get_by_label("Action it belongs to")).to_have_value("1.1")

    actions.nth(0).get_by_role("button", name="Move down").click()

    # The parent moved with its sub-action; numbers and the milestones' fields follow at once.
    expect(actions.nth(0).get_by_label("Action", exact=True)).to_have_value("Second action")
    expect(actions.nth(1).get_by_label("Action", exact=True)).to_have_value("First action")
    expect(actions.nth(2).get_by_label("Action", exact=True)).to_have_value("Sub-action of the first")
    expect(actions.nth(0).locator("[data-row-legend]")).to_have_text("Action 1")
    expect(actions.nth(2).locator("[data-row-legend]")).to_have_text("Action 2.1")
    expect(milestones.nth(0).get_by_label("Action it belongs to")).to_have_value("1")
    expect(milestones.nth(1).get_by_label("Action it belongs to")).to_have_value("2.1")
    page_checker.check(page, "priority edit after a move")

    page.get_by_role("button", name="Save priority").click()
    expect(page.get_by_text("Priority 1: Prevention saved.")).to_be_visible()

    page.goto(live_server.url + reverse("plans:plan_read", args=[plan.pk]))
    rows = page.locator("table", has_text="Actions for priority 1").locator("tbody tr")
    expect(rows.nth(0)).to_have_text(re.compile(r"^1\tSecond action"), use_inner_text=True)
    expect(rows.nth(1)).to_have_text(re.compile(r"^2\tFirst action"), use_inner_text=True)
    expect(rows.nth(2)).to_have_text(re.compile(r"^2\.1\tSub-action of the first"), use_inner_text=True)
    expect(page.get_by_text("Second action reviewed (1)")).to_be_visible()
    expect(page.get_by_text("Sub-action reviewed (2.1)")).to_be_visible()
    assert Milestone.objects.get(pk=on_second.pk).action_id == second.pk
    assert Milestone.objects.get(pk=on_child.pk).action_id == child.pk


def test_a_milestone_typed_against_a_new_action_follows_it(live_server, page):
    """Cite a just-added action by the number the page shows, then move it: the milestone goes with it."""
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    officer_for(plan.division, "hr_officer")
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Existing action", position=1)

    sign_in(page, live_server, "hr_officer")
    page.goto(live_server.url + reverse("plans:priority_edit", args=[plan.pk, priority.pk]))
    page.get_by_role("button", name="Add another action").click()
    actions = page.locator('[data-formset="actions"] [data-formset-row]')
    actions.nth(1).get_by_label("Action", exact=True).fill("New action")
    expect(actions.nth(1).locator("[data-row-legend]")).to_have_text("Action 2")
    page.get_by_role("button", name="Add another milestone").click()
    milestone = page.locator('[data-formset="milestones"] [data-formset-row]').nth(0)
    milestone.get_by_label("Milestone").fill("New action started")
    milestone.get_by_label("Action it belongs to").fill("2")
    actions.nth(1).get_by_role("button", name="Move up").click()
    expect(milestone.get_by_label("Action it belongs to")).to_have_value("1")

    page.get_by_role("button", name="Save priority").click()
    expect(page.get_by_text("Priority 1: Prevention saved.")).to_be_visible()
    assert Milestone.objects.get().action.title == "New action"
