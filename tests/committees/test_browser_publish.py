"""The clerk from building the packs to publishing them: a success message with the next step at each stage, and
after publishing a link to the public meeting page, which shows each item's page range on one line (issue 16)."""

import pytest
from playwright.sync_api import expect

from ..support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONE_LINE = "els => els.map(el => el.getClientRects().length)"


def test_clerk_builds_publishes_and_follows_the_link_to_the_public_page(
    live_server, page, page_checker, small_meeting, clerk
):
    sign_in(page, live_server, "clerk", page_checker)
    page.goto(f"{live_server.url}/committees/meetings/{small_meeting.pk}/")
    page_checker.check(page, "meeting")

    # The date of publication in GOV.UK day, month and year boxes; a date that is not real is refused first.
    dated = page.get_by_role("group", name="Date of publication printed on the agenda")
    dated.get_by_label("Day").fill("31")
    dated.get_by_label("Month").fill("11")
    dated.get_by_label("Year").fill("2012")
    page.get_by_role("button", name="Build the full and public packs").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="The date of publication must be a real date")).to_be_visible()
    expect(dated.get_by_label("Year")).to_have_value("2012")
    page_checker.check(page, "meeting with a date error")
    dated.get_by_label("Day").fill("28")
    dated.get_by_label("Month").fill("12")
    page.get_by_role("button", name="Build the full and public packs").click()
    page.wait_for_load_state()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("The full and public packs are being built. Next, check both packs")
    page.get_by_role("heading", name="The packs are ready").wait_for(timeout=120_000)
    page_checker.check(page, "packs ready")

    page.get_by_role("button", name="Publish these packs").click()
    page.wait_for_load_state()
    expect(banner).to_have_count(1)
    expect(banner.get_by_role("heading", name="Success")).to_be_visible()
    expect(banner).to_contain_text("Version 1 of the packs is published.")
    page_checker.check(page, "meeting, published")

    # The next step: the public page, as anyone sees it.
    banner.get_by_role("link", name="view the public meeting page").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda for Tuesday 8 January 2013")
    expect(page.get_by_role("link", name="Download the agenda pack")).to_be_visible()
    ranges = page.locator(".council-page-range")
    expect(ranges.first).to_be_visible()
    page_checker.check(page, "public agenda")
    page.set_viewport_size({"width": 320, "height": 800})
    assert set(ranges.evaluate_all(ONE_LINE)) == {1}, "a page range never breaks across lines, even at 320 px"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page_checker.check(page, "public agenda at 320 px")

    # The message was shown once: back on the meeting page there is none.
    page.goto(f"{live_server.url}/committees/meetings/{small_meeting.pk}/")
    expect(page.locator(".govuk-notification-banner--success")).to_have_count(0)
    expect(page.get_by_text("Version 1, dated 28 December 2012")).to_be_visible()
