"""Democratic services build an agenda and both packs in Chromium; a member gets the full pack, the public only
the public one (axe-core and the Nu HTML checker on every page)."""

import io
import re
import threading
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect
from pypdf import PdfReader

from committees import services
from committees.services import packs as pack_services

from ..support.browser import sign_in
from ..support.pdf import pdf_text
from ..support.users import user_in
from .factories import CANARY, CommitteeMemberFactory, MeetingFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def background_builds(monkeypatch):
    """Builds run in a thread a moment after the request, as a worker would, so the page shows its progress."""
    threads = []

    def run(build_id):
        try:
            services.pack_build_run(build_id=build_id)
        finally:
            connection.close()

    def enqueue(build_id):
        thread = threading.Timer(1.5, run, args=[build_id])
        threads.append(thread)
        thread.start()

    monkeypatch.setattr(pack_services, "_enqueue", enqueue)
    yield
    for thread in threads:
        thread.join(timeout=120)


def _add_item(page, page_checker, section: str, title: str, **extra) -> None:
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Section").select_option(section)
    page.get_by_label("Title", exact=True).fill(title)
    if "decision" in extra:
        page.get_by_label("Decision number").fill(extra["decision"])
    if extra.get("exempt"):
        page.get_by_label("Exempt item (the press and public are excluded)").check()
        if "paragraph" in extra:
            page.get_by_label("Paragraph of Part 1 of Schedule 12A").fill(str(extra["paragraph"]))
        if "public_title" in extra:
            page.get_by_label("Public title").fill(extra["public_title"])
    page.get_by_role("button", name="Save item").click()
    page.wait_for_load_state()


def test_clerk_builds_and_publishes_member_and_public_get_their_packs(
    live_server, page, page_checker, background_builds
):
    """The whole path: agenda, papers, reorder without JavaScript, build with progress, publish, download."""
    meeting = MeetingFactory()
    CommitteeMemberFactory(committee=meeting.committee, name="Mr E E C Hotson", role="chairman")
    from kcc_planning.roles import Role

    user_in(Role.DEMOCRATIC_SERVICES, "clerk")
    user_in(Role.COMMITTEE_MEMBER, "member")

    sign_in(page, live_server, "clerk", page_checker)
    page.get_by_role("link", name="Meetings").click()
    page_checker.check(page, "meeting list")
    page.get_by_role("link", name="Policy and Resources Cabinet Committee").click()
    page_checker.check(page, "meeting, empty agenda")

    # An exempt item without its paragraph is refused next to the field.
    page.get_by_role("link", name="Add an agenda item").click()
    page_checker.check(page, "add an item")
    page.get_by_label("Section").select_option("E")
    page.get_by_label("Title", exact=True).fill(f"Broadband contract {CANARY}")
    page.get_by_label("Exempt item (the press and public are excluded)").check()
    page.get_by_role("button", name="Save item").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    expect(
        summary.get_by_role("link", name="Enter the paragraph of Schedule 12A that makes this item exempt")
    ).to_be_visible()
    page_checker.check(page, "add an item with errors")
    page.get_by_label("Paragraph of Part 1 of Schedule 12A").fill("3")
    page.get_by_label("Public title").fill("Kent and Medway Broadband Delivery UK (BDUK) Project")
    page.get_by_role("button", name="Save item").click()
    page.wait_for_load_state()

    _add_item(page, page_checker, "B", "Annual Business Plans", decision="12/01971")
    _add_item(page, page_checker, "D", "Kent and Medway Broadband Delivery UK (BDUK) Project - Update")
    _add_item(page, page_checker, "D", "Budget Consultation 2013/14")
    page_checker.check(page, "meeting with items")

    # No-JavaScript reorder: the budget item moves above the broadband update and becomes D1.
    page.get_by_role("button", name="Move up item D2").click()
    page.wait_for_load_state()
    budget = meeting.items.get(title="Budget Consultation 2013/14")
    expect(page.locator(f"#item-{budget.pk}").locator(".council-agenda__number")).to_have_text("D1")

    # A cover report for B1, written here.
    page.get_by_role("link", name="Write a cover report for item B1").click()
    page_checker.check(page, "cover report form")
    page.get_by_label("Subject").fill("Business Planning 2013/14 – Substantive Draft Plans")
    page.get_by_label("From/By").fill(
        "Roger Gough, Cabinet Member for Business Strategy, Performance and Health Reform"
    )
    page.get_by_label("Summary").fill("Directors and Heads of Service have developed substantive draft business plans.")
    page.get_by_label("Recommendation(s)").fill("CONSIDER and COMMENT on the substantive draft business plans.")
    page.get_by_label("Body").fill("# Background\n\nA pre-requisite to delivering key priorities is a business plan.")
    page.get_by_role("button", name="Save report").click()
    page.wait_for_load_state()
    page_checker.check(page, "paper page")
    page.get_by_role("link", name="Back to the agenda").click()

    # An uploaded PDF for D1, and a secret one for the exempt item.
    page.get_by_role("link", name="Upload a PDF for item D1").click()
    page_checker.check(page, "upload form")
    page.get_by_label("Title of the paper").fill("Budget Consultation 2013/14")
    page.get_by_label("PDF file").set_input_files(
        files=[{"name": "budget.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("BUDGET page", "two")}]
    )
    page.get_by_role("button", name="Upload paper").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Upload a PDF for item E1").click()
    page.get_by_label("Title of the paper").fill("Tender evaluation")
    page.get_by_label("PDF file").set_input_files(
        files=[{"name": "tender.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(f"TENDER {CANARY}")}]
    )
    page.get_by_role("button", name="Upload paper").click()
    page.wait_for_load_state()

    # Build both packs: the page shows progress, then offers the files.
    dated = page.get_by_role("group", name="Date of publication printed on the agenda")
    dated.get_by_label("Day").fill("28")
    dated.get_by_label("Month").fill("12")
    dated.get_by_label("Year").fill("2012")
    page.get_by_role("button", name="Build the full and public packs").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Building the packs")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    page_checker.check(page, "build in progress")
    page.get_by_role("heading", name="The packs are ready").wait_for(timeout=120_000)
    page_checker.check(page, "packs ready")
    page.get_by_role("button", name="Publish these packs").click()
    page.wait_for_load_state()
    page_checker.check(page, "meeting, published")
    expect(page.get_by_text(re.compile(r"^Version 1, dated"))).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    # A member downloads the full pack, with the exempt item.
    sign_in(page, live_server, "member")
    page.goto(f"{live_server.url}/plans/meetings/{meeting.pk}/")
    page_checker.check(page, "meeting as a member")
    with page.expect_download() as download:
        page.get_by_role("link", name="download the full pack").click()
    full = Path(download.value.path()).read_bytes()
    assert CANARY in pdf_text(full)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    # An anonymous visitor finds the meeting and gets only the public pack.
    page.goto(f"{live_server.url}/public/meetings/")
    page_checker.check(page, "public meetings")
    page.get_by_role("link", name="Policy and Resources Cabinet Committee, 8 January 2013").click()
    page_checker.check(page, "public agenda")
    assert CANARY not in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the agenda pack").click()
    public = Path(download.value.path()).read_bytes()
    text = pdf_text(public)
    assert CANARY not in text
    assert "Document is Restricted" in text
    assert len(PdfReader(io.BytesIO(public)).pages) == len(PdfReader(io.BytesIO(full)).pages)
    response = page.goto(f"{live_server.url}/plans/meetings/{meeting.pk}/")
    assert "/accounts/login/" in page.url
    assert response.ok
