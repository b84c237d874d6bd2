"""In the browser, the mid-year cycle of issue 12: an officer records Q2 progress with one slipped milestone, the
policy officer opens the council-wide view and follows an exception to it, democratic services add the mid-year
monitoring report to an agenda item and build the pack, which prints the officer's words. axe and Nu on every page."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from committees.models import Appendix, AppendixKind
from kcc_planning.roles import Role

from ..committees.factories import AgendaItemFactory, CoverReportFactory, MeetingFactory
from ..factories import officer_for
from ..support.browser import sign_in
from ..support.monitoring import monitored_plan
from ..support.pdf import pdf_text
from ..support.users import user_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Sign-off moves to the July meeting of the Governance and Audit Committee."


def test_mid_year_progress_reaches_the_council_view_and_the_agenda_pack(live_server, page, page_checker):
    monitored = monitored_plan()
    plan = monitored.plan
    officer_for(plan.division, "division_officer")
    user_in(Role.POLICY_TEAM, "policy_officer")
    user_in(Role.DEMOCRATIC_SERVICES, "clerk")
    report = CoverReportFactory(
        item=AgendaItemFactory(
            meeting=MeetingFactory(date=datetime.date(2017, 11, 15)),
            section="C",
            title=f"{plan.unit_name} Mid-Year Business Plan Monitoring",
        ),
        title=f"{plan.unit_name} Mid-Year Business Plan Monitoring",
    )
    signed, overdue = monitored.milestones[3], monitored.milestones[1]

    # The officer records Q2 for milestone D: at risk, its date slipped to June 2018, with the reason.
    sign_in(page, live_server, "division_officer", page_checker)
    page.goto(f"{live_server.url}{reverse('plans:plan_overview', args=[plan.pk])}")
    page.get_by_role("link", name="Progress through the year").click()
    page_checker.check(page, "progress periods")
    page.get_by_role("link", name="Q2 2017-18").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress for Q2 2017-18")
    page_checker.check(page, "progress for Q2")
    row = page.locator(f"#row-m{signed.pk}")
    row.get_by_label("Status").select_option(label="At risk")
    row.get_by_label("Commentary (optional)").fill("The statement is drafted; the committee date has moved.")
    row.locator("summary", has_text="The date has slipped").click()
    slipped = row.get_by_role("group", name="Revised date")
    slipped.get_by_label("Day").fill("30")
    slipped.get_by_label("Month").fill("6")
    slipped.get_by_label("Year").fill("2018")
    row.get_by_label("Reason for the revised date").fill(REASON)
    row.get_by_role("button", name=re.compile("^Save this row")).click()
    page.wait_for_load_state()
    expect(page.locator(f"#row-m{signed.pk}")).to_contain_text("Revised date: 30 June 2018")
    page_checker.check(page, "progress saved")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    # The policy officer sees the overdue milestone among the exceptions and follows it to its row.
    sign_in(page, live_server, "policy_officer")
    page.goto(f"{live_server.url}{reverse('plans:council_view')}?year=2017")
    page_checker.check(page, "council-wide view")
    exceptions = page.locator(f"#exceptions-{plan.pk}").locator("xpath=following-sibling::*[1]")
    exceptions.get_by_role("link", name=re.compile(f"^Milestone B: {overdue.title}")).click()
    page.wait_for_load_state()
    expect(page.locator(f"#row-m{overdue.pk}")).to_contain_text("Overdue")
    page_checker.check(page, "exception followed to its row")
    page.goto(f"{live_server.url}{reverse('plans:monitoring_report', args=[plan.pk])}?period=2017-Q2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mid-Year business plan monitoring")
    expect(page.get_by_text(REASON)).to_be_visible()
    page_checker.check(page, "monitoring report")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    # Democratic services add the mid-year report to item C1's paper and build the pack.
    sign_in(page, live_server, "clerk")
    meeting_id = report.item.meeting_id
    page.goto(f"{live_server.url}{reverse('committees:paper_detail', args=[meeting_id, report.pk])}")
    page.get_by_label("Title of the appendix").fill("Mid-year business plan monitoring 2017-18")
    page.get_by_label("Document to print").select_option(
        label=f"Monitoring report: {plan.unit_name} 2017-18, Q2 2017-18"
    )
    page.get_by_role("button", name="Add appendix").click()
    page.wait_for_load_state()
    expect(page.get_by_text("figures are frozen when the pack is first built")).to_be_visible()
    page_checker.check(page, "paper with the monitoring appendix")
    page.goto(f"{live_server.url}{reverse('committees:meeting_detail', args=[meeting_id])}")
    dated = page.get_by_role("group", name="Date of publication printed on the agenda")
    dated.get_by_label("Day").fill("6")
    dated.get_by_label("Month").fill("11")
    dated.get_by_label("Year").fill("2017")
    page.get_by_role("button", name="Build the full and public packs").click()
    page.get_by_role("heading", name="The packs are ready").wait_for(timeout=240_000)
    page_checker.check(page, "packs ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the full pack").click()
    text = " ".join(pdf_text(Path(download.value.path()).read_bytes()).split())
    assert f"{plan.unit_name}: Mid-Year Business Plan Monitoring Q2 2017-18" in text
    assert REASON in text
    appendix = Appendix.objects.get(kind=AppendixKind.MONITORING_REPORT)
    assert appendix.frozen_at is not None
