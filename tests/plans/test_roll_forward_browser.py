"""The council-wide view and “Start next year's plan” in Chromium: axe-core, the Nu checker and 320 px reflow."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kcc_planning.roles import Role
from plans.models import Plan

from ..factories import DivisionalPlanFactory, officer_for
from ..support.browser import sign_in
from ..support.users import user_in
from .council_data import council
from .rollforward_data import approved, hr_plan, structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_320(page) -> None:
    """Reflow: at 320 px the page itself never scrolls sideways (wide tables scroll inside their own box)."""
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def test_policy_officer_filters_the_council_view_and_follows_an_exception(live_server, page, page_checker):
    data = council(directorates=2, divisions=1, actions=2)
    user_in(Role.POLICY_TEAM, "policy_officer")
    sign_in(page, live_server, "policy_officer", page_checker)
    page.goto(live_server.url + reverse("plans:council_view"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Council-wide view")
    page_checker.check(page, "council-wide view")
    _fits_320(page)
    page.get_by_label("Portfolio").select_option(label=data.portfolios[1].title)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Showing 1 plan that match the filters")).to_be_visible()
    page_checker.check(page, "council-wide view, filtered")
    page.get_by_role("link", name=re.compile(r"^Action 1: ")).click()
    expect(page).to_have_url(re.compile(rf"/plans/{data.plans[1].pk}/progress/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_officer_starts_next_years_plan_choosing_the_successor(live_server, page, page_checker):
    org = structure()
    hr = hr_plan(org.hr17)
    officer_for(org.hr17, "hr_officer")
    sign_in(page, live_server, "hr_officer", page_checker)
    page.goto(live_server.url + reverse("plans:plan_overview", args=[hr.plan.pk]))
    page.get_by_role("link", name="Start next year's plan from this one").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start next year's plan from this one")
    page_checker.check(page, "roll forward confirmation")
    _fits_320(page)
    page.get_by_role("button", name="Start the 2018-19 plan").click()
    expect(page.get_by_text("unfinished actions and 1 milestones carried over")).to_be_visible()
    page_checker.check(page, "the new draft's overview")
    new = Plan.objects.get(division=org.hr18)
    page.goto(live_server.url + reverse("plans:plan_read", args=[new.pk]))
    expect(page.get_by_text("Carried over").first).to_be_visible()

    merged = approved(DivisionalPlanFactory(division=org.proc17))
    officer_for(org.proc17, "procurement_officer")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "procurement_officer")
    page.goto(live_server.url + reverse("plans:plan_roll_forward", args=[merged.pk]))
    page.get_by_role("button", name="Start the 2018-19 plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the unit next year")
    page_checker.check(page, "roll forward without a choice")
    page.get_by_label("Finance and Procurement").check()
    page.get_by_role("button", name="Start the 2018-19 plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Finance and Procurement")
    page.goto(live_server.url + reverse("plans:plan_roll_forward", args=[merged.pk]))
    expect(page.get_by_role("link", name=re.compile("Go to the 2018-19 plan"))).to_be_visible()
    page_checker.check(page, "roll forward refused")
