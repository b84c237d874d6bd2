"""An officer writes part of a plan in Chromium and downloads it as a PDF."""

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from ..factories import DivisionalPlanFactory, DivisionFactory, officer_for
from ..support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_adds_priority_actions_milestone_reorders_and_downloads_pdf(live_server, page, page_checker):
    """Add a priority with two actions and a milestone, move an action up (numbers follow), save, get the PDF."""
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    officer_for(plan.division, "hr_officer")

    sign_in(page, live_server, "hr_officer", page_checker)
    page_checker.check(page, "plan list")
    page.get_by_role("link", name="Human Resources").click()
    page_checker.check(page, "plan overview")

    page.get_by_role("link", name="C. Priorities, actions, milestones, key or significant decisions").click()
    page_checker.check(page, "priorities section")
    page.get_by_role("button", name="Add another priority").click()
    page.get_by_label("Title").fill("Prevention")
    page.get_by_label("Description of priority").fill("HR contribution and support to preventative programmes")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    page_checker.check(page, "priorities saved")

    page.get_by_role("link", name="Edit priority 1: Prevention").click()
    page_checker.check(page, "priority edit")
    add_action = page.get_by_role("button", name="Add another action")
    add_action.click()
    rows = page.locator('[data-formset="actions"] [data-formset-row]')
    first = rows.nth(0)
    first.get_by_label("Action", exact=True).fill("Support retention of staff within Children's Specialist Services")
    first.get_by_label("Accountable officer").fill("Nigel Fairburn")
    first.get_by_label("Start date (month/year)").fill("April 2013")
    first.get_by_label("End date (month/year)").fill("March 2014")
    add_action.click()
    second = rows.nth(1)
    second.get_by_label("Action", exact=True).fill("Lead the HR work stream for the Troubled Families programme")
    second.get_by_label("Accountable officer").fill("Geraldine Vary")
    second.get_by_label("Start date (month/year)").fill("To be agreed")
    second.get_by_label("End date (month/year)").fill("2014")
    # Reorder with the JavaScript enhancement: the second action moves to the top.
    second.get_by_role("button", name="Move up").click()
    page.get_by_role("button", name="Add another milestone").click()
    milestone = page.locator('[data-formset="milestones"] [data-formset-row]').nth(0)
    milestone.get_by_label("Milestone").fill("Identify reasons for turnover in SCS and propose interventions")
    milestone.get_by_label("Action it belongs to").fill("2")
    milestone.get_by_label("Date (month/year)").fill("June 2013")
    page_checker.check(page, "priority edit filled in")
    page.get_by_role("button", name="Save priority").click()
    page.wait_for_load_state()
    page_checker.check(page, "priority saved")
    expect(page.get_by_text("Priority 1: Prevention saved.")).to_be_visible()

    page.goto(live_server.url + reverse("plans:plan_read", args=[plan.pk]))
    page_checker.check(page, "whole plan")
    actions = page.locator("table", has_text="Actions for priority 1").locator("tbody tr")
    expect(actions.nth(0)).to_have_text(re.compile(r"^1\tLead the HR work stream"), use_inner_text=True)
    expect(actions.nth(1)).to_have_text(re.compile(r"^2\tSupport retention"), use_inner_text=True)
    expect(page.get_by_text("Identify reasons for turnover in SCS and propose interventions (2)")).to_be_visible()

    page.goto(live_server.url + reverse("plans:plan_overview", args=[plan.pk]))
    page.get_by_role("button", name="Download as PDF").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Download the PDF").wait_for(timeout=120_000)
    page_checker.check(page, "PDF ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    # Table cells wrap, so compare with the line breaks folded into spaces.
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Lead the HR work stream for the Troubled Families programme" in text
    assert "DRAFT" in text
