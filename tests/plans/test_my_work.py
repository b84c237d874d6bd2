"""The "My work" home page: each role sees what needs them, from every app, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from kcc_planning.roles import Role
from performance.models import Kpi
from performance.models.choices import Frequency
from plans.models import PlanStatus, SnapshotKind
from plans.services.comments import comment_create
from plans.services.workflow import plan_transition
from plans.work import Worker, my_work, register_work_item
from risks.models import Register, RegisterLevel, Risk

from ..committees.factories import MeetingFactory
from ..factories import ActionFactory, DivisionalPlanFactory, DivisionFactory, PriorityFactory, lead_for, officer_for
from ..support.users import user_in

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2013, 10, 15)


def _plan_with_committee(admin, division=None):
    plan = DivisionalPlanFactory(**({"division": division} if division else {}))
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Reduce demand")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Path")
    return plan


def _groups(user) -> dict:
    return {group.key: group for group in my_work(user=user, today=TODAY)}


@pytest.fixture
def admin():
    return user_in(Role.ADMINISTRATOR, "work_admin")


def test_home_is_my_work_and_the_header_links_to_it(client):
    """``/`` is the signed-in person's "My work"; every page's header has a "My work" link; the plan list stays."""
    client.force_login(user_in(None, "reader"))
    page = client.get("/").content.decode()
    assert '<h1 class="govuk-heading-xl">My work</h1>' in page
    assert f'href="{reverse("home:my_work")}">My work</a>' in page
    assert client.get(reverse("plans:plan_list")).status_code == 200


def test_signed_out_visitors_are_asked_to_sign_in(client):
    """The home page is not public."""
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_officer_sees_comments_to_answer_and_draft_plans(admin):
    """Open comments on the officer's plans link to the comment itself; their own draft plan is listed."""
    division = DivisionFactory(name="Human Resources")
    officer = officer_for(division, "hr_officer")
    plan = _plan_with_committee(admin, division)
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    comment = comment_create(
        snapshot=snapshot, author=member, section="role-purpose", row_key="", body="Say more about HR."
    )
    draft = DivisionalPlanFactory(division=DivisionFactory(name="Payroll", directorate=division.directorate))
    draft.division.officers.add(officer.person)

    groups = _groups(officer)
    [entry] = groups["comments_to_answer"].entries
    assert entry.text.startswith("A. Role/purpose of function (Human Resources")
    assert entry.href.endswith(f"/snapshots/{snapshot.pk}/#comment-{comment.pk}")
    assert "Say more about HR." in entry.hint
    assert [e.text for e in groups["my_draft_plans"].entries] == [f"Payroll {draft.plan_year.label}"]
    # Not the policy team's or democratic services' lists.
    assert "plans_to_assure" not in groups
    assert "packs_to_publish" not in groups


def test_a_returned_plan_says_so_and_links_to_the_feedback(admin):
    """A draft plan returned by quality assurance links to the path to approval, where the feedback is."""
    division = DivisionFactory()
    officer = officer_for(division, "officer")
    plan = DivisionalPlanFactory(division=division)
    ActionFactory(priority=PriorityFactory(plan=plan))
    plan_transition(plan=plan, user=admin, step_name="submit", reason="Ready")
    plan_transition(plan=plan, user=admin, step_name="return_to_draft", reason="Please add targets.")
    [entry] = _groups(officer)["my_draft_plans"].entries
    assert entry.href == reverse("plans:plan_workflow", args=[plan.pk])
    assert "Returned by the policy team" in entry.hint


def test_the_policy_team_sees_plans_awaiting_quality_assurance(admin):
    """Submitted plans, linking to the path to approval; a draft is not listed."""
    policy = user_in(Role.POLICY_TEAM, "policy_officer")
    submitted = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    ActionFactory(priority=PriorityFactory(plan=submitted))
    plan_transition(plan=submitted, user=admin, step_name="submit", reason="Ready")
    DivisionalPlanFactory(division=DivisionFactory(name="Still drafting"))
    [entry] = _groups(policy)["plans_to_assure"].entries
    assert entry.text == f"Human Resources {submitted.plan_year.label}"
    assert entry.href == reverse("plans:plan_workflow", args=[submitted.pk])


def test_approvers_see_plans_with_the_committee(admin):
    """A directorate lead approves their directorate's plans once with the committee; other leads do not."""
    plan = _plan_with_committee(admin)
    lead = lead_for(plan.directorate, "lead")
    other = lead_for(DivisionFactory().directorate, "other_lead")
    assert [e.href for e in _groups(lead)["plans_to_approve"].entries] == [
        reverse("plans:plan_workflow", args=[plan.pk])
    ]
    assert _groups(other)["plans_to_approve"].entries == []


def test_members_see_plans_to_comment_on(admin):
    """A committee member is sent to the version the committee is considering."""
    plan = _plan_with_committee(admin)
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    [entry] = _groups(member)["plans_to_comment_on"].entries
    assert entry.href == reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk])


def test_democratic_services_see_packs_to_publish():
    """Meetings still to come without a published pack, linking to the meeting; one already held is not listed."""
    clerk = user_in(Role.DEMOCRATIC_SERVICES, "dem_services")
    meeting = MeetingFactory(date=TODAY + datetime.timedelta(days=20))
    MeetingFactory(date=TODAY - datetime.timedelta(days=1), committee=meeting.committee)
    [entry] = _groups(clerk)["packs_to_publish"].entries
    assert entry.href == reverse("committees:meeting_detail", args=[meeting.pk])
    assert "No pack built yet" in entry.hint


def test_officers_see_actuals_due_and_risks_due_for_review():
    """The last closed quarter's missing actual, and a risk whose review date has passed, in their unit."""
    division = DivisionFactory(directorate__plan_year__start_year=2013)
    officer = officer_for(division, "officer")
    plan = DivisionalPlanFactory(division=division)
    Kpi.objects.create(plan=plan, reference="HR01", description="Sickness absence", frequency=Frequency.QUARTERLY)
    register = Register.objects.create(
        level=RegisterLevel.DIVISION,
        plan_year=division.directorate.plan_year,
        directorate=division.directorate,
        division=division,
    )
    Risk.objects.create(register=register, reference="HR1", title="Loss of key staff", next_review_on=TODAY)
    Risk.objects.create(register=register, reference="HR2", title="Later", next_review_on=datetime.date(2014, 3, 1))

    groups = _groups(officer)
    [actual] = groups["actuals_due"].entries
    assert "1 actual for Q2 2013-14" in actual.text
    assert actual.href == reverse("performance:period_entry", args=[plan.pk, "2013-Q2"])
    [risk] = groups["risks_due"].entries
    assert risk.text == "HR1 Loss of key staff"


def test_a_reader_with_no_role_sees_no_lists():
    """Someone with no role in planning is told so rather than shown empty lists."""
    assert my_work(user=user_in(None, "reader"), today=TODAY) == []


def test_the_page_runs_a_fixed_number_of_queries(client, admin, django_assert_max_num_queries):
    """Ten times the plans, comments, meetings and risks cost the page no more queries."""
    member = user_in(Role.COMMITTEE_MEMBER, "member")

    def add_work(count: int) -> None:
        for _ in range(count):
            plan = _plan_with_committee(admin)
            snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
            comment_create(snapshot=snapshot, author=member, section="priorities", row_key="", body="Costed?")
            DivisionalPlanFactory()

    add_work(1)
    client.force_login(admin)
    with django_assert_max_num_queries(40) as first:
        client.get("/")
    add_work(9)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get("/").content.decode()
    assert page.count("#comment-") == 10


def test_another_app_adds_a_list_once():
    """Registering the same list again is harmless; a different list under the same key is refused."""
    from django.core.exceptions import ImproperlyConfigured

    from plans import work

    def reader(*, worker: Worker):
        return []

    register_work_item("test_list", reader, title="Test", empty="Nothing.")
    register_work_item("test_list", reader, title="Test", empty="Nothing.")
    with pytest.raises(ImproperlyConfigured):
        register_work_item("test_list", reader, title="Other", empty="Nothing.")
    del work._items["test_list"]


def test_a_plan_with_the_committee_is_not_a_draft(admin):
    """A plan sent on to the committee leaves the officer's drafts."""
    division = DivisionFactory()
    officer = officer_for(division, "officer")
    plan = _plan_with_committee(admin, division)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.WITH_COMMITTEE
    assert _groups(officer)["my_draft_plans"].entries == []
