"""In Chromium, from "My work": an officer answers a member's comment; a policy officer returns a plan with
reasons. Every page passes axe-core and the Nu checker and reflows at 320 px without sideways scrolling."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kcc_planning.roles import Role
from plans.models import CommentReply, NarrativeBlock, NarrativeSection, PlanStatus, SnapshotKind
from plans.services.comments import comment_create
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, DivisionFactory, PriorityFactory, officer_for
from ..support.browser import sign_in
from ..support.users import user_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, page_checker, label: str) -> None:
    """axe-core and (at the end) the Nu checker; then at 320 px wide the page itself never scrolls sideways."""
    page_checker.check(page, label)
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{label} scrolls sideways at 320 px: {width}"
    page.set_viewport_size({"width": 1280, "height": 900})


def hr_plan():
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Support retention of staff within Children's Specialist Services")
    ActionFactory(priority=priority, title="Deliver the Kent Manager Standard", accountable_officer="")
    return plan


def test_officer_answers_a_comment_from_my_work(live_server, page, page_checker):
    """My work lists the member's comment by section title; its link opens the comment; the reply is sent and
    the comment is marked addressed, after which My work has nothing left to answer."""
    admin = user_in(Role.ADMINISTRATOR, "admin_user")
    plan = hr_plan()
    plan.priorities.get().actions.filter(accountable_officer="").update(accountable_officer="Amanda Beer")
    NarrativeBlock.objects.create(plan=plan, section=NarrativeSection.ROLE_PURPOSE, body="We recruit.")
    officer_for(plan.division, "hr_officer")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Path")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    comment = comment_create(
        snapshot=snapshot, author=member, section="role-purpose", row_key="", body="How will vacancies be filled?"
    )

    sign_in(page, live_server, "hr_officer")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("link", name="Comments to answer: 1")).to_be_visible()
    check(page, page_checker, "my work (officer)")

    page.get_by_role("link", name=re.compile(r"^A\. Role\/purpose of function \(Human Resources")).click()
    expect(page).to_have_url(re.compile(rf"#comment-{comment.pk}$"))
    card = page.locator(f"#comment-{comment.pk}")
    expect(card).to_contain_text("How will vacancies be filled?")
    check(page, page_checker, "snapshot at the comment")

    card.locator("summary").click()
    card.get_by_label("Reply", exact=True).fill("Through the Kent Manager Standard recruitment pool.")
    card.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Reply sent.")).to_be_visible()
    assert CommentReply.objects.get().body == "Through the Kent Manager Standard recruitment pool."

    page.get_by_role("link", name="My work").click()
    expect(page.get_by_text("Replied 1 time.")).to_be_visible()

    # The change the member asked for: from the task list to the section, which shows the comment too.
    page.goto(live_server.url + reverse("plans:plan_overview", args=[plan.pk]))
    expect(page.get_by_text("1 member comment, 1 not yet addressed.")).to_be_visible()
    check(page, page_checker, "plan overview task list")
    page.locator(".govuk-task-list").get_by_role("link", name="A. Role/purpose of function").click()
    expect(page.get_by_text("Members' comments on this section (1)")).to_be_visible()
    check(page, page_checker, "section edit with its comments")
    page.get_by_label("Text", exact=True).fill("We recruit, develop and keep the council's staff.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("A. Role/purpose of function saved.")).to_be_visible()

    page.locator("#section-comments").get_by_role("link").click()
    card = page.locator(f"#comment-{comment.pk}")
    card.locator("summary").click()
    card.get_by_role("button", name="Mark as addressed").click()
    expect(page.get_by_text("Comment marked as addressed.")).to_be_visible()
    page.get_by_role("link", name="My work").click()
    expect(page.get_by_text("No member's comment is waiting for an answer.")).to_be_visible()


def test_policy_officer_returns_a_plan_from_my_work(live_server, page, page_checker):
    """The submitted plan is listed for quality assurance; returning it with feedback takes it off the list,
    and the officer's My work then says it came back and links to the feedback."""
    admin = user_in(Role.ADMINISTRATOR, "admin_user")
    plan = hr_plan()
    plan.priorities.get().actions.filter(accountable_officer="").update(accountable_officer="Amanda Beer")
    officer_for(plan.division, "hr_officer")
    plan_transition(plan=plan, user=admin, step_name="submit", reason="Ready for QA")
    user_in(Role.POLICY_TEAM, "policy_officer")

    sign_in(page, live_server, "policy_officer")
    expect(page.get_by_role("link", name="Plans awaiting your quality assurance: 1")).to_be_visible()
    check(page, page_checker, "my work (policy officer)")
    page.get_by_role("link", name=f"Human Resources {plan.plan_year.label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Path to approval")
    check(page, page_checker, "path to approval (submitted)")

    form = page.locator("form", has=page.get_by_role("button", name="Return to the officer with feedback"))
    form.get_by_role("button", name="Return to the officer with feedback").click()
    expect(page.locator(".govuk-error-summary a")).to_have_attribute("href", "#id_return_to_draft-reason")
    check(page, page_checker, "return without a reason")
    form = page.locator("form", has=page.get_by_role("button", name="Return to the officer with feedback"))
    form.get_by_label("Feedback letter").fill("Please add floors and targets for the KPIs.")
    form.get_by_role("button", name="Return to the officer with feedback").click()
    expect(page.get_by_text("Done: Return to the officer with feedback.")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    page.get_by_role("link", name="My work").click()
    expect(page.get_by_text("No plan is waiting for quality assurance.")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "hr_officer")
    expect(page.get_by_text("Returned by the policy team with feedback")).to_be_visible()
    page.get_by_role("link", name=f"Human Resources {plan.plan_year.label}").click()
    expect(page.get_by_text("Please add floors and targets for the KPIs.")).to_be_visible()


def test_a_long_priority_folds_its_actions_and_the_path_to_approval_links_into_it(live_server, page, page_checker):
    """Saved actions are folded to their number and title, except the one with nothing in "accountable officer";
    the approval page's problem opens the priority at that field; moving an action still moves its sub-actions."""
    plan = hr_plan()
    priority = plan.priorities.get()
    heading = priority.actions.get(title__startswith="Support retention")
    for number in range(12):
        ActionFactory(priority=priority, parent=heading, title=f"Sub-action {number + 1}")
    officer_for(plan.division, "hr_officer")

    sign_in(page, live_server, "hr_officer")
    page.goto(live_server.url + reverse("plans:plan_workflow", args=[plan.pk]))
    check(page, page_checker, "path to approval with problems")
    page.get_by_role("link", name=re.compile(r"action 2 \(Deliver the Kent Manager Standard\)")).click()
    field = page.locator("#id_actions-13-accountable_officer")
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    expect(page.get_by_text("Sub-action 1", exact=False).first).to_be_visible()
    expect(page.locator("#id_actions-0-title")).to_be_hidden()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height
    check(page, page_checker, "priority edit, folded")

    field.fill("Amanda Beer")
    rows = page.locator('[data-formset="actions"] [data-formset-rows] > [data-formset-row]')
    rows.nth(0).get_by_role("button", name="Move down").click()
    expect(rows.nth(0).locator("[data-row-summary]")).to_have_text("Action 1")
    expect(rows.nth(0)).to_contain_text("Deliver the Kent Manager Standard")
    expect(rows.nth(1)).to_contain_text("Support retention")
    expect(rows.nth(2).locator("[data-row-summary]")).to_have_text("Action 2.1")
    page.get_by_role("button", name="Save priority").click()
    expect(page.get_by_text("Priority 1: Prevention saved.")).to_be_visible()
    assert [a.title for a in priority.actions.filter(parent=None).order_by("position")] == [
        "Deliver the Kent Manager Standard",
        "Support retention of staff within Children's Specialist Services",
    ]
