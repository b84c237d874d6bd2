"""The path to approval in Chromium: officer, policy officer, committee member and approver."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kcc_planning.roles import Role
from plans.models import PlanSnapshot, PlanStatus
from plans.services.workflow import snapshot_verify

from ..factories import (
    ActionFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PortfolioFactory,
    PriorityFactory,
    officer_for,
)
from ..support.browser import sign_in
from ..support.users import cabinet_member_for, user_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def take_step(page, page_checker, live_server, plan, button: str, reason: str, label: str, **fields):
    page.goto(live_server.url + reverse("plans:plan_workflow", args=[plan.pk]))
    page_checker.check(page, f"approval page before {button}")
    form = page.locator("form", has=page.get_by_role("button", name=button))
    form.get_by_label(label).fill(reason)
    for field_label, value in fields.items():
        if isinstance(value, datetime.date):  # a GOV.UK date input: day, month and year boxes in a fieldset
            group = form.get_by_role("group", name=field_label)
            for part, number in (("Day", value.day), ("Month", value.month), ("Year", value.year)):
                group.get_by_label(part).fill(str(number))
            continue
        form.get_by_label(field_label).fill(value)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    expect(page.locator("h1").first).to_have_text(re.compile(r"\S"))
    page_checker.check(page, f"after {button}")


def test_whole_path_to_approval(live_server, page, page_checker):
    """Submit, return with feedback, fix and resubmit, committee, comment, reply and change, compare, approve."""
    portfolio = PortfolioFactory(title="Business Strategy, Performance & Health Reform")
    plan = DivisionalPlanFactory(
        division=DivisionFactory(
            name="Human Resources", portfolio=portfolio, directorate__plan_year=portfolio.plan_year
        )
    )
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(
        priority=priority,
        title="Support retention of staff within Children's Specialist Services",
        accountable_officer="",
    )
    officer_for(plan.division, "hr_officer")
    user_in(Role.POLICY_TEAM, "policy_officer")
    user_in(Role.COMMITTEE_MEMBER, "member")
    cabinet_member_for(portfolio, "cabinet_member")

    # The officer cannot submit while an action has no accountable officer.
    sign_in(page, live_server, "hr_officer")
    take_step(
        page, page_checker, live_server, plan, "Submit for quality assurance", "Ready for QA", "Note to the policy team"
    )
    expect(page.get_by_text("without an accountable officer").first).to_be_visible()
    page.goto(live_server.url + reverse("plans:priority_edit", args=[plan.pk, priority.pk]))
    page.get_by_label("Accountable officer").fill("Nigel Fairburn")
    page.get_by_role("button", name="Save priority").click()
    page.wait_for_load_state()
    take_step(
        page, page_checker, live_server, plan, "Submit for quality assurance", "Ready for QA", "Note to the policy team"
    )
    expect(page.get_by_text("Done: Submit for quality assurance.")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "policy_officer")
    take_step(
        page,
        page_checker,
        live_server,
        plan,
        "Return to the officer with feedback",
        "Please give the action an end date.",
        "Feedback letter",
    )
    sign_out(page)

    sign_in(page, live_server, "hr_officer")
    page.goto(live_server.url + reverse("plans:priority_edit", args=[plan.pk, priority.pk]))
    # Saved actions are folded to their number and title (issue 16): open the one to change.
    page.locator('[data-formset="actions"] summary').first.click()
    page.get_by_label("End date (month/year)").fill("March 2014")
    page.get_by_role("button", name="Save priority").click()
    page.wait_for_load_state()
    take_step(
        page,
        page_checker,
        live_server,
        plan,
        "Submit for quality assurance",
        "End date added",
        "Note to the policy team",
    )
    sign_out(page)

    sign_in(page, live_server, "policy_officer")
    take_step(
        page,
        page_checker,
        live_server,
        plan,
        "Clear for Cabinet Committee",
        "Meets the standard",
        "Quality assurance note",
    )
    take_step(
        page,
        page_checker,
        live_server,
        plan,
        "Send to Cabinet Committee",
        "Policy and Resources Cabinet Committee, 8 January 2013",
        "Committee and meeting",
    )
    sign_out(page)
    snapshot = PlanSnapshot.objects.get(plan=plan, kind="committee")
    frozen = snapshot.document

    sign_in(page, live_server, "member")
    page.goto(live_server.url + reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk]))
    page_checker.check(page, "snapshot for members")
    page.get_by_role("link", name="Comment on action 1").click()
    page_checker.check(page, "comment form")
    page.get_by_label("Your comment").fill("Please say which social work teams this covers.")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()
    page_checker.check(page, "comment sent")
    sign_out(page)

    sign_in(page, live_server, "hr_officer")
    page.goto(live_server.url + reverse("plans:priority_edit", args=[plan.pk, priority.pk]))
    page.locator('[data-formset="actions"] summary').first.click()
    page.get_by_label("Action", exact=True).fill(
        "Support retention of staff within Children's Specialist Services and the Fostering teams"
    )
    page.get_by_role("button", name="Save priority").click()
    page.wait_for_load_state()
    plan.refresh_from_db()
    page.goto(live_server.url + reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk]))
    page.locator("summary", has_text="Reply").first.click()
    page.get_by_label("Reply", exact=True).fill("Added the Fostering teams.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state()
    page.locator("summary", has_text="Reply").first.click()
    page.get_by_role("button", name="Mark as addressed").click()
    page.wait_for_load_state()
    page_checker.check(page, "comment addressed")
    page.get_by_role("link", name="see the change for this comment").click()
    page_checker.check(page, "comparison")
    expect(page.locator(".govuk-body-l")).to_contain_text(": 1 change.")
    change = page.locator(".council-diff--changed")
    expect(change).to_have_count(1)
    expect(change.locator("ins")).to_have_text("and the Fostering teams")
    sign_out(page)

    sign_in(page, live_server, "cabinet_member")
    take_step(
        page,
        page_checker,
        live_server,
        plan,
        "Approve",
        "Approved after Cabinet Committee",
        "Approval note",
        **{"Decision number": "12/01971", "Date of the decision": datetime.date(2013, 3, 27)},
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.transitions.get(to_status="approved").decision_number == "12/01971"

    snapshot.refresh_from_db()
    assert snapshot.document == frozen
    assert snapshot_verify(snapshot)
    assert frozen["priorities"][0]["actions"][0]["title"].endswith("Specialist Services")
