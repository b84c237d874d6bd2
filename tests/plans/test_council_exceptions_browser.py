"""In the browser: a unit with more exceptions than the council-wide view lists says how many more there are and
links to its full list, and both pages pass axe and Nu and reflow at 320 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kcc_planning.roles import Role
from plans.models import ProgressStatus

from ..factories import DivisionFactory
from ..support.browser import sign_in
from ..support.users import user_in
from .council_data import TODAY, council, unit_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_long_exceptions_list_is_capped_with_a_link_to_all(live_server, page, page_checker, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    data = council(directorates=1, divisions=1, actions=1)
    busy = unit_plan(
        DivisionFactory(directorate=data.plans[0].directorate, name="Busy division"),
        actions=8,
        statuses=[ProgressStatus.OFF_TRACK] * 8,
    )
    user_in(Role.POLICY_TEAM, "policy_officer")
    sign_in(page, live_server, "policy_officer")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}{reverse('plans:council_view')}?year=2017")
    page_checker.check(page, "council-wide view, capped")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    section = page.locator(f"#exceptions-{busy.pk} ~ p").first
    expect(section).to_contain_text("Not listed: 3 more “Action off track”.")
    section.get_by_role("link", name="Show all 8 exceptions for Busy division").click()
    page_checker.check(page, "council-wide view, one unit in full")
    expect(page.get_by_role("link", name="Action 8:", exact=False)).to_be_visible()
