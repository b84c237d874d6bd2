"""The clerk issues a supplement in the browser, and the public sees it under the pack: axe-core and the Nu checker
on each new page, and the public page reflows at 320 px."""

import pytest
from playwright.sync_api import expect

from committees import services

from ..support.browser import sign_in
from .factories import CANARY, AgendaItemFactory, CoverReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_issues_and_publishes_a_supplement(live_server, page, page_checker, small_meeting, clerk):
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    services.pack_publish(build=build, published_by=clerk)
    late = AgendaItemFactory(meeting=small_meeting, section="D", title="Broadband update (late item)")
    CoverReportFactory(item=late, title="Broadband update")

    sign_in(page, live_server, "clerk", page_checker)
    page.goto(f"{live_server.url}/committees/meetings/{small_meeting.pk}/")
    page.get_by_role("link", name="Issue a supplement").click()
    page.wait_for_load_state()
    expect(page.get_by_label("D1 Broadband update (late item)")).to_be_checked()
    page_checker.check(page, "supplement form")

    page.get_by_label("D1 Broadband update (late item)").uncheck()
    page.get_by_role("button", name="Build the supplement").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Select at least one item for the supplement")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the chair's reason for taking the items as urgent")).to_be_visible()
    page_checker.check(page, "supplement form with errors")

    page.get_by_label("D1 Broadband update (late item)").check()
    page.get_by_label("E1").check()
    page.get_by_label("The chair's reason for urgency").fill("The offer expires before the next meeting.")
    page.get_by_role("button", name="Build the supplement").click()
    page.wait_for_load_state()
    page.get_by_role("heading", name="The packs are ready").wait_for(timeout=120_000)
    page_checker.check(page, "supplement ready")
    page.get_by_role("button", name="Publish these packs").click()
    page.wait_for_load_state()
    page_checker.check(page, "meeting with a supplement")

    page.goto(f"{live_server.url}/public/meetings/{small_meeting.pk}/")
    expect(page.get_by_role("heading", name="Supplement 1 to the agenda")).to_be_visible()
    expect(page.get_by_role("link", name="Download supplement 1")).to_be_visible()
    assert CANARY not in page.content()
    page_checker.check(page, "public agenda with a supplement")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page_checker.check(page, "public agenda with a supplement at 320 px")
