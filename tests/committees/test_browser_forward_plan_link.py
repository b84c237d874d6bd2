"""A plan's key decision put in the Forward Plan, in Chromium: a clerk links it from the plan's read view and an
officer then sees the answer on the priority's edit page (axe-core and the Nu HTML checker on every page, and
no sideways scrolling at 320 px)."""

import datetime

import pytest
from playwright.sync_api import expect

from committees.services.decisions import forward_plan_entry_create
from kcc_planning.roles import Role
from plans.models import KeyDecision

from ..factories import (
    ActionFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PortfolioFactory,
    PriorityFactory,
    officer_for,
)
from ..support.browser import sign_in
from ..support.users import user_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, label: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{label} scrolls sideways at 320 px: {widths}"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_clerk_links_a_key_decision_and_the_officer_sees_the_answer(live_server, page, page_checker):
    portfolio = PortfolioFactory(title="Business Strategy, Performance & Health Reform")
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources", portfolio=portfolio))
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, accountable_officer="Karen Ray")
    KeyDecision.objects.create(priority=priority, description="Adopt the revised HR operating model", position=1)
    forward_plan_entry_create(
        values={
            "decision_number": "13/00101",
            "subject": "Revised HR operating model",
            "decision_maker": "cabinet_member",
            "decision_maker_title": "Cabinet Member for Business Strategy",
            "expected_date": datetime.date(2013, 7, 1),
        }
    )
    officer_for(plan.division, "hr_browser_officer")
    user_in(Role.DEMOCRATIC_SERVICES, "fp_clerk")
    sign_in(page, live_server, "fp_clerk", page_checker)

    page.goto(f"{live_server.url}/plans/{plan.pk}/read/")
    page_checker.check(page, "plan read view, not in the Forward Plan")
    _no_sideways_scroll(page, "plan read view")
    page.get_by_role("link", name="Add to the Forward Plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a Forward Plan entry")
    expect(page.get_by_label("Subject")).to_have_value("Adopt the revised HR operating model")
    page_checker.check(page, "add a key decision to the Forward Plan")
    _no_sideways_scroll(page, "add a key decision")
    page.go_back()
    page.get_by_role("link", name="Link to an existing entry").click()
    page_checker.check(page, "link a key decision")
    _no_sideways_scroll(page, "link a key decision")
    page.get_by_label("13/00101 Revised HR operating model").check()
    page.get_by_role("button", name="Link to this entry").click()
    expect(page.get_by_text("linked to Forward Plan entry 13/00101")).to_be_visible()
    expect(page.get_by_role("link", name="13/00101")).to_be_visible()
    page_checker.check(page, "plan read view, linked")

    page.context.clear_cookies()
    sign_in(page, live_server, "hr_browser_officer")
    page.goto(f"{live_server.url}/plans/{plan.pk}/priorities/{priority.pk}/")
    expect(page.locator("#forward-plan-heading")).to_be_visible()
    expect(page.get_by_text("Yes – 13/00101")).to_be_visible()
    page_checker.check(page, "priority edit page with its Forward Plan answer")
    _no_sideways_scroll(page, "priority edit page")
