"""Recording Q2 progress in Chromium: a slipped milestone needs its reason, one row saved alone keeps the others'
typing, overdue shown in words; axe-core and the Nu checker clean on every page, no sideways scroll at 320 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans.models import ProgressUpdate

from ..support.browser import sign_in
from .progress_data import approved_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page, label: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{label} scrolls sideways at 320 px: {widths}"
    page.set_viewport_size({"width": 1280, "height": 800})


def test_officer_records_q2_progress_with_a_slipped_milestone(live_server, page, page_checker):
    data = approved_plan()
    action, sub_action = data.actions
    milestone = data.milestones[0]
    sign_in(page, live_server, "hr_officer")

    page.goto(live_server.url + reverse("plans:plan_overview", args=[data.plan.pk]))
    page.get_by_role("link", name="Progress through the year").click()
    page_checker.check(page, "progress periods")
    no_sideways_scroll(page, "progress periods")
    page.get_by_role("link", name="Q2 2017-18").click()
    page_checker.check(page, "Q2 progress page")
    no_sideways_scroll(page, "Q2 progress page")

    row = page.locator(f"#row-a{action.pk}")
    row.get_by_label("Status").select_option(label="On track")
    row.get_by_label("Commentary (optional)").fill("Draft strategy discussed with the Corporate Management Team.")
    slipped = page.locator(f"#row-m{milestone.pk}")
    slipped.get_by_label("Status").select_option(label="At risk")
    slipped.get_by_text("The date has slipped", exact=True).click()
    revised = slipped.get_by_role("group", name="Revised date")
    revised.get_by_label("Day").fill("31")
    revised.get_by_label("Month").fill("12")
    revised.get_by_label("Year").fill("2017")
    page.get_by_role("button", name="Save all progress").first.click()
    page.wait_for_load_state()

    # No reason: the error summary links to the reason box, and everything typed is still there.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the reason the date has changed (milestone A)")
    page_checker.check(page, "Q2 progress with an error")
    summary.get_by_role("link", name="Enter the reason the date has changed (milestone A)").click()
    reason = slipped.get_by_label("Reason for the revised date")
    expect(reason).to_be_focused()
    expect(row.get_by_label("Commentary (optional)")).to_have_value(
        "Draft strategy discussed with the Corporate Management Team."
    )
    reason.fill("CMT date moved to December to follow the consultation on the operating model.")
    page.get_by_role("button", name="Save all progress").first.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Progress for Q2 2017-18 saved: 2 rows updated.")).to_be_visible()
    page_checker.check(page, "Q2 progress saved")
    assert ProgressUpdate.objects.count() == 2

    # One row saved with its own button; another row's typing stays on the page.
    page.locator(f"#row-a{sub_action.pk}").get_by_label("Commentary (optional)").fill("Meeting with unions booked.")
    quarterly = page.locator(f"#row-m{data.milestones[1].pk}")
    quarterly.get_by_label("Status").select_option(label="On track")
    quarterly.get_by_role("button", name="Save this row").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Progress on milestone B saved.")).to_be_visible()
    expect(page.locator(f"#row-a{sub_action.pk}").get_by_label("Commentary (optional)")).to_have_value(
        "Meeting with unions booked."
    )
    page_checker.check(page, "Q2 progress, one row saved")
    assert ProgressUpdate.objects.count() == 3

    # The slipped milestone is past its revised date (the test runs after 2017) and not achieved: overdue, in words.
    page.goto(live_server.url + reverse("plans:plan_read", args=[data.plan.pk]))
    expect(page.locator(".council-overdue")).to_have_text(["Overdue"])
    page_checker.check(page, "plan read view with an overdue milestone")
