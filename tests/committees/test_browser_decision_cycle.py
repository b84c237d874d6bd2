"""The decision cycle in Chromium: democratic services publish the Forward Plan, minute a meeting and record a
decision; a visitor reads the decision notice, the minutes and the Forward Plan (axe-core and the Nu HTML checker
on every page, and no sideways scrolling at 320 px on the public ones)."""

import datetime

import pytest
from playwright.sync_api import expect

from kcc_planning.roles import Role

from ..support.browser import sign_in
from ..support.users import user_in
from .factories import CANARY, AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _no_sideways_scroll(page, label: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{label} scrolls sideways at 320 px: {widths}"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_clerk_runs_the_cycle_and_a_visitor_reads_it(live_server, page, page_checker, small_meeting):
    november = MeetingFactory(committee=small_meeting.committee, date=datetime.date(2012, 11, 22))
    AgendaItemFactory(meeting=november, section="C", title="Business Strategy and Support Mid-Year Monitoring")
    user_in(Role.DEMOCRATIC_SERVICES, "clerk")
    sign_in(page, live_server, "clerk", page_checker)

    # The Forward Plan: an entry, refused without its date, then published.
    page.goto(f"{live_server.url}/committees/forward-plan/")
    page_checker.check(page, "forward plan, empty")
    page.get_by_role("link", name="Add an entry").click()
    page_checker.check(page, "add a forward plan entry")
    page.get_by_label("Decision number").fill("12/01971")
    page.get_by_label("Subject").fill("Annual Business Plans 2013/14")
    page.get_by_label("Decision maker", exact=True).select_option("cabinet")
    page.get_by_label("Decision maker title").fill("Cabinet")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page_checker.check(page, "forward plan entry with errors")
    _date(page, "Date the decision is expected", datetime.date(2013, 3, 25))
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_text("Forward Plan entry 12/01971 saved")).to_be_visible()
    _date(page, "Date of publication", datetime.date(2012, 11, 1))
    page.get_by_role("button", name="Publish the Forward Plan").click()
    expect(page.get_by_text("Forward Plan 1 published")).to_be_visible()
    page_checker.check(page, "forward plan, published")

    # Minutes of 22 November: apologies and a substitute, a declaration, a minute, published unconfirmed.
    page.goto(f"{live_server.url}/committees/meetings/{november.pk}/minutes/")
    page_checker.check(page, "minutes, not started")
    page.get_by_role("button", name="Start the minutes").click()
    page_checker.check(page, "minutes, started")
    page.get_by_role("button", name="Mark apologies for Mrs T Dean").click()
    page.get_by_label("Name").fill("Mr I S Chittenden")
    page.get_by_label("Substitute for (a member of the committee)").select_option(label="Mrs T Dean")
    page.get_by_role("button", name="Add to the attendance").click()
    expect(page.get_by_text("Mr I S Chittenden added to the attendance.")).to_be_visible()
    page.get_by_label("Member", exact=True).fill("Mr L B Ridings, MBE")
    page.get_by_label("Nature of the interest").fill("A Governor of the school")
    page.get_by_role("button", name="Record the declaration").click()
    page.get_by_label("Title", exact=True).fill("Business Strategy and Support Mid-Year Business Plan Monitoring")
    page.get_by_label("Minute (numbered paragraphs)").fill(
        "Mr Gough introduced the mid-year monitoring.\n\nMembers asked about slippage."
    )
    page.get_by_label("RESOLVED that …").fill("the report and the comments made by Members be noted.")
    page.get_by_role("button", name="Add the minute").click()
    expect(page.get_by_text("Minute 1 added.")).to_be_visible()
    _date(page, "Date of publication", datetime.date(2012, 11, 30))
    page.get_by_role("button", name="Publish as unconfirmed").click()
    expect(page.get_by_text("Minutes published as unconfirmed")).to_be_visible()
    page_checker.check(page, "minutes, published")

    # A decision on the entry, taken 28 clear days after publication, and its notice published.
    page.goto(f"{live_server.url}/committees/forward-plan/")
    page.get_by_role("link", name="Record the decision 12/01971").click()
    page_checker.check(page, "record a decision")
    page.get_by_label("Decision maker name").fill("Cabinet (Leader: Mr P B Carter)")
    page.get_by_label("Decision", exact=True).fill("To approve the business plans for 2013/14.")
    page.get_by_label("Reasons").fill("An annual key decision.")
    _date(page, "Date of decision", datetime.date(2013, 3, 25))
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Decision 12/01971 recorded.")).to_be_visible()
    page_checker.check(page, "decision, recorded")
    _date(page, "Date the decision notice is published", datetime.date(2013, 3, 26))
    page.get_by_role("button", name="Publish the decision notice").click()
    expect(page.get_by_text("Decision notice 12/01971 published")).to_be_visible()
    page_checker.check(page, "decision, published")
    page.goto(f"{live_server.url}/committees/decisions/")
    page_checker.check(page, "decision list")
    page.goto(f"{live_server.url}/committees/meetings/{small_meeting.pk}/notices/")
    page_checker.check(page, "notices of a private meeting")

    # A visitor, not signed in.
    page.context.clear_cookies()
    for path, heading, label in (
        ("/public/decisions/", "Decisions", "public decision list"),
        ("/public/forward-plan/", "Forward Plan of key decisions", "public forward plan"),
        (
            f"/public/meetings/{november.pk}/minutes/",
            "Minutes of the meeting held on 22 November 2012",
            "public minutes",
        ),
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        page_checker.check(page, label)
        _no_sideways_scroll(page, label)
        assert CANARY not in page.content()
    page.goto(f"{live_server.url}/public/decisions/")
    page.get_by_role("link", name="12/01971 Annual Business Plans 2013/14").click()
    expect(page.get_by_text("To approve the business plans for 2013/14.")).to_be_visible()
    page_checker.check(page, "public decision notice")
    _no_sideways_scroll(page, "public decision notice")
