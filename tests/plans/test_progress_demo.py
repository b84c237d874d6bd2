"""The demo's year: plans approved through the app as the seeds date it, then mid-year progress, never twice.

The Human Resources fixture (``progress_2013_14_human_resources.json``) is kept for the first test: the demo leaves
that plan a draft for the journeys that use it, so it shows progress waiting for approval.
"""

import datetime
import json
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from plans.audit import audit_record
from plans.demo import FIXTURES_DIR, demo_load
from plans.models import Plan, PlanKind, PlanStatus, ProgressStatus, ProgressUpdate, SnapshotKind
from plans.monitoring.report import NOT_REPORTED, monitoring_report_read
from plans.progress.selectors import overdue_milestone_ids, plan_period_get, plan_progress
from plans.progress.services import RowInput, progress_save
from plans.selectors import plan_priorities
from tests.plans.test_demo_idempotent import _digest

pytestmark = pytest.mark.django_db


def test_mid_year_progress_loads_once_the_plan_is_approved_and_is_never_overwritten():
    """Human Resources' progress waits while the plan is a draft, loads once it is approved, and an officer's
    later change survives another load."""
    demo_load()
    plan = Plan.objects.get(division__name="Human Resources")
    # The demo's Human Resources plan is a draft: progress waits for approval.
    assert not ProgressUpdate.objects.filter(period__plan=plan).exists()
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    plan.refresh_from_db()

    demo_load()
    q2 = plan_period_get(plan=plan, code="2013-Q2")
    progress = plan_progress(plan=plan, period=q2, as_of=q2.ends_on)
    counts = progress.status_counts()
    assert counts["on_track"]
    assert counts["at_risk"]
    assert counts["off_track"]
    assert counts["complete"]
    slipped = ProgressUpdate.objects.get(period=q2, action__isnull=True, status=ProgressStatus.OFF_TRACK)
    assert slipped.revised_date == datetime.date(2013, 10, 31)
    assert slipped.revised_reason
    assert slipped.updated_by.username == "hr_officer"
    # "Training plan ... April 2013", at risk and not achieved by the end of September: overdue.
    assert overdue_milestone_ids(plan_ids=[plan.pk], as_of=q2.ends_on)

    # An officer changes a row; loading the demo again keeps it.
    row = ProgressUpdate.objects.filter(period=q2, action__isnull=False).first()
    progress_save(
        plan=plan,
        period_code="2013-Q2",
        rows=[RowInput(item=row.action, status=ProgressStatus.OFF_TRACK, commentary="Changed by the officer.")],
        user=None,
        today=q2.closes_on,
    )
    before = sorted(ProgressUpdate.objects.values_list("pk", "status", "commentary", "lock_version"))
    demo_load()
    assert sorted(ProgressUpdate.objects.values_list("pk", "status", "commentary", "lock_version")) == before


def _fixture(name: str) -> dict:
    return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


def _expected_counts(spec: dict, plan: Plan, code: str) -> tuple[Counter, Counter]:
    """Each item's latest status in the fixture up to ``code``; an item the fixture never reports is not reported."""
    latest: dict[str, str] = {}
    for period, rows in spec["periods"].items():
        if period <= code:
            latest.update({row.get("action") or row["milestone"]: row["status"] for row in rows})
    actions, milestones = Counter(), Counter()
    for priority in plan_priorities(plan=plan):
        for action in (a for top in priority.top_actions for a in (top, *top.children)):
            actions[latest.get(action.number, NOT_REPORTED)] += 1
        for milestone in priority.milestones.all():
            milestones[latest.get(f"{priority.number}{milestone.letter}", NOT_REPORTED)] += 1
    return actions, milestones


def test_the_2017_18_plan_is_approved_after_the_committee_through_the_app_with_actions_from_the_seed():
    """The final draft goes to the committee as printed (no actions); the lead adds the approval file's actions
    (each with an accountable officer) and approves it, dated 28 March 2017, through the app's own services."""
    demo_load()
    plan = Plan.objects.get(kind=PlanKind.DIRECTORATE)
    spec = _fixture("approval_2017_18_strategic_and_corporate_services.json")

    assert plan.status == PlanStatus.APPROVED
    [approval] = plan.transitions.all()
    assert (approval.name, approval.actor.username, approval.decided_on) == (
        "approve",
        "scs_lead",
        datetime.date(2017, 3, 28),
    )
    assert timezone.localtime(approval.created_at).date() == datetime.date(2017, 3, 28)
    actions = [a for p in plan_priorities(plan=plan) for top in p.top_actions for a in (top, *top.children)]
    assert len(actions) == sum(len(edit["actions"]) for edit in spec["edits"]) == 21
    assert all(action.accountable_officer for action in actions)
    committee = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    approved = plan.snapshots.get(kind=SnapshotKind.APPROVED)
    assert "Final draft for Cabinet Committee" in json.dumps(committee.document)
    assert "Final draft" not in json.dumps(approved.document)
    assert actions[0].title in json.dumps(approved.document)
    assert actions[0].title not in json.dumps(committee.document)


def test_the_2017_18_mid_year_report_counts_what_the_officers_reported():
    """After ``load_demo`` the Q2 2017-18 report counts each status as the fixture gives it, shows the slipped
    milestone with its reason, the achieved milestones, the KPIs with their RAG ratings and the directorate's risks."""
    demo_load()
    plan = Plan.objects.get(kind=PlanKind.DIRECTORATE)
    spec = _fixture("progress_2017_18_strategic_and_corporate_services.json")
    report = monitoring_report_read(plan=plan, period=plan_period_get(plan=plan, code="2017-Q2"))

    actions, milestones = _expected_counts(spec, plan, "2017-Q2")
    assert {row["status"]: row["actions"] for row in report["status_counts"] if row["actions"]} == actions
    assert {row["status"]: row["milestones"] for row in report["status_counts"] if row["milestones"]} == milestones
    assert set(actions) >= {"on_track", "at_risk", "off_track", "complete", "deferred"}
    assert report["totals"]["slipped_milestones"] == 1
    slipped = [m for p in report["priorities"] for m in p["milestones"] if m["slipped"]]
    assert [(m["title"], m["revised_date"]) for m in slipped] == [
        ("Public consultation on the draft Kent Health and Wellbeing Strategy", "2017-11-30")
    ]
    assert slipped[0]["revised_reason"]
    assert report["totals"]["milestones_achieved_in_period"] >= 2
    assert report["period"]["stage"] == "Mid-Year"
    kpis = report["sections"]["kpis"]
    assert {row["rag"]: row["count"] for row in kpis["rag_counts"] if row["count"]}.keys() >= {"red", "amber", "green"}
    assert report["sections"]["risks"]["register"] == "Strategic and Corporate Services Directorate Risk Register"
    assert [risk["reference"] for risk in report["sections"]["risks"]["risks"]] == ["SCS1", "SCS2", "SCS3", "SCS4"]


def test_the_2013_14_governance_and_law_plan_is_approved_along_the_seed_path_with_a_mid_year_update():
    """Governance and Law goes submit → clear → committee → approve (Key Decision 12/01971, March 2013) once its
    officer names the four actions the draft left without one; its Q1 and Q2 updates then load."""
    demo_load()
    plan = Plan.objects.get(division__name="Governance & Law")
    spec = _fixture("progress_2013_14_governance_and_law.json")

    assert plan.status == PlanStatus.APPROVED
    transitions = list(plan.transitions.order_by("created_at"))
    assert [t.name for t in transitions] == ["submit", "clear", "send_to_committee", "approve"]
    assert transitions[-1].decision_number == "12/01971"
    assert timezone.localtime(transitions[-1].created_at).date() == datetime.date(2013, 3, 25)
    q2 = ProgressUpdate.objects.filter(period__plan=plan, period__code="2013-Q2")
    assert q2.count() == len(spec["periods"]["2013-Q2"])
    assert q2.filter(status=ProgressStatus.DEFERRED).exists()
    # The Human Resources plan stays a draft for the journeys that use it, so its progress is not loaded.
    assert Plan.objects.get(division__name="Human Resources").status == PlanStatus.DRAFT


def test_a_second_load_keeps_an_officers_update_and_changes_nothing():
    """An officer's change to a 2017-18 Q2 row survives ``load_demo``, which writes no row at all."""
    demo_load()
    plan = Plan.objects.get(kind=PlanKind.DIRECTORATE)
    q2 = plan_period_get(plan=plan, code="2017-Q2")
    row = ProgressUpdate.objects.filter(period=q2, action__isnull=False).order_by("pk").first()
    progress_save(
        plan=plan,
        period_code="2017-Q2",
        rows=[RowInput(item=row.action, status=ProgressStatus.OFF_TRACK, commentary="Changed by the officer.")],
        user=None,
        today=q2.closes_on,
    )
    before = _digest()

    demo_load()

    assert _digest() == before
    row.refresh_from_db()
    assert (row.status, row.commentary) == (ProgressStatus.OFF_TRACK, "Changed by the officer.")


def test_approval_waits_for_the_demo_logins_and_never_moves_a_plan_people_have_worked_on():
    """Without users nothing is approved; a later load with users approves a plan nobody touched, but leaves
    a plan a person has edited where it is."""
    demo_load(with_users=False)
    gl = Plan.objects.get(division__name="Governance & Law")
    scs = Plan.objects.get(kind=PlanKind.DIRECTORATE)
    assert (gl.status, scs.status) == (PlanStatus.DRAFT, PlanStatus.WITH_COMMITTEE)
    officer = get_user_model().objects.create_user("someone", password="x-unused-x")
    audit_record(actor=officer, action="edit", plan=gl, subject="An officer's edit")

    demo_load()

    gl.refresh_from_db()
    scs.refresh_from_db()
    assert (gl.status, scs.status) == (PlanStatus.DRAFT, PlanStatus.APPROVED)
    assert not ProgressUpdate.objects.filter(period__plan=gl).exists()
