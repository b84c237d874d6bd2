"""The path to approval: legal steps only, by the right people, with reasons, snapshots and audit."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from kcc_planning.roles import Role
from plans.models import AuditEvent, PlanSnapshot, PlanStatus
from plans.services import RowInput, priority_save
from plans.services.workflow import WorkflowError, plan_transition, snapshot_verify

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory, officer_for
from ..support.users import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Lead the work stream", accountable_officer="Karen Ray")
    return plan


@pytest.fixture
def people(plan):
    return {
        "officer": officer_for(plan.division, "officer"),
        "policy": user_in(Role.POLICY_TEAM, "policy"),
        "democratic": user_in(Role.DEMOCRATIC_SERVICES, "democratic"),
        "admin": user_in(Role.ADMINISTRATOR, "admin"),
    }


def step(plan, user, name, reason="Because", **kwargs):
    return plan_transition(plan=plan, user=user, step_name=name, reason=reason, **kwargs)


def test_full_path_records_reasons_and_freezes_snapshots(plan, people):
    """Draft → submitted → returned → submitted → cleared → committee → approved → published, each recorded."""
    step(plan, people["officer"], "submit")
    step(plan, people["policy"], "return_to_draft", "Please add milestones for priority 1.")
    step(plan, people["officer"], "submit")
    step(plan, people["policy"], "clear")
    step(plan, people["democratic"], "send_to_committee", "Policy and Resources Cabinet Committee, 8 January 2013")
    step(plan, people["admin"], "approve", decision_number="12/01971", decided_on=datetime.date(2013, 3, 27))
    step(plan, people["democratic"], "publish")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert [t.to_status for t in plan.transitions.all()] == [
        "submitted",
        "draft",
        "submitted",
        "qa_cleared",
        "with_committee",
        "approved",
        "published",
    ]
    assert plan.transitions.get(to_status="draft").reason == "Please add milestones for priority 1."
    assert plan.transitions.get(to_status="approved").decision_number == "12/01971"
    assert list(plan.snapshots.values_list("kind", flat=True)) == ["committee", "approved"]
    assert AuditEvent.objects.filter(plan=plan, action="approval").exists()
    assert AuditEvent.objects.filter(plan=plan, action="publication").exists()


def test_illegal_transition_is_refused_with_a_clear_message(plan, people):
    """A draft cannot be approved or published: the step is refused and the status does not move."""
    with pytest.raises(WorkflowError, match="cannot be moved on"):
        step(plan, people["admin"], "approve", decision_number="12/01971", decided_on=datetime.date(2013, 3, 1))
    with pytest.raises(WorkflowError, match="cannot be moved on"):
        step(plan, people["admin"], "publish")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert not plan.transitions.exists()


def test_only_the_policy_team_returns_or_clears(plan, people):
    """The officer who submitted cannot clear their own plan."""
    step(plan, people["officer"], "submit")
    with pytest.raises(PermissionDenied):
        step(plan, people["officer"], "clear")


def test_reason_is_required(plan, people):
    """Every step records why; an empty reason is a field error."""
    with pytest.raises(WorkflowError) as caught:
        step(plan, people["officer"], "submit", reason="   ")
    assert "reason" in caught.value.errors


def test_a_reason_with_a_null_character_is_a_field_error(plan, people):
    """The database cannot store NUL: refused next to the field, not a server error."""
    with pytest.raises(WorkflowError) as caught:
        step(plan, people["officer"], "submit", reason="Ready\x00")
    assert caught.value.errors["reason"] == ["Null characters are not allowed."]


def test_submit_needs_accountable_officers(plan, people):
    """An action without an accountable officer blocks submission, naming the priority."""
    ActionFactory(priority=plan.priorities.get(), accountable_officer="")
    with pytest.raises(WorkflowError) as caught:
        step(plan, people["officer"], "submit")
    assert "without an accountable officer" in caught.value.errors[""][0]


def test_approval_needs_a_decision_number_and_date(plan, people):
    """Approval without a well-formed decision number or date is refused."""
    step(plan, people["officer"], "submit")
    step(plan, people["policy"], "clear")
    step(plan, people["democratic"], "send_to_committee")
    with pytest.raises(WorkflowError) as caught:
        step(plan, people["admin"], "approve", decision_number="1971")
    assert set(caught.value.errors) >= {"decision_number", "decided_on"}


def test_committee_snapshot_never_changes_after_edits_and_deletions(plan, people):
    """The version sent to committee stays byte-for-byte the same when the plan is edited and rows deleted."""
    step(plan, people["officer"], "submit")
    step(plan, people["policy"], "clear")
    step(plan, people["democratic"], "send_to_committee")
    snapshot = PlanSnapshot.objects.get()
    frozen = snapshot.document
    priority = plan.priorities.get()
    priority_save(
        priority=priority,
        title="Renamed",
        description="",
        actions=[],
        milestones=[],
        key_decisions=[],
        actor=people["officer"],
    )  # every action removed
    priority.delete()
    snapshot.refresh_from_db()
    assert snapshot.document == frozen
    assert snapshot_verify(snapshot)
    assert snapshot.document["priorities"][0]["actions"][0]["title"] == "Lead the work stream"


def test_submitted_plan_cannot_be_edited(plan, people, client):
    """While quality assurance reads it, the plan's edit pages are refused."""
    step(plan, people["officer"], "submit")
    client.force_login(people["officer"])
    assert client.get(f"/plans/{plan.pk}/sections/priorities/").status_code == 403


def test_emails_go_to_the_people_who_act_next(plan, people, django_capture_on_commit_callbacks):
    """Submitting emails the policy team; returning emails the plan's officers."""
    people["policy"].email = "policy@example.gov.uk"
    people["policy"].save()
    plan.division.officers.update(email="officer@example.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        step(plan, people["officer"], "submit")
    assert mail.outbox[-1].to == ["policy@example.gov.uk"]
    with django_capture_on_commit_callbacks(execute=True):
        step(plan, people["policy"], "return_to_draft", "Needs work")
    assert mail.outbox[-1].to == ["officer@example.gov.uk"]
    assert "Needs work" in mail.outbox[-1].body


def test_audit_trail_cannot_be_changed_through_the_application(plan, people):
    """Audit rows refuse save-after-create, delete, and queryset update/delete."""
    step(plan, people["officer"], "submit")
    event = AuditEvent.objects.first()
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_edits_are_audited_with_before_and_after(plan, people):
    """Saving a priority records who changed what from what to what."""
    priority = plan.priorities.get()
    action = priority.actions.get()
    priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        actions=[
            RowInput(
                id=action.pk,
                values={
                    "title": "New wording",
                    "sub_action": False,
                    "accountable_officer": "Karen Ray",
                    "start_text": "April 2013",
                    "end_text": "March 2014",
                },
            )
        ],
        milestones=[],
        key_decisions=[],
        actor=people["officer"],
    )
    event = AuditEvent.objects.get(action="edit")
    assert event.actor == people["officer"]
    assert event.after["rows"][0]["title"] == "New wording"
    assert event.before["rows"][0]["title"] == "Lead the work stream"


def test_permission_changes_are_audited(plan):
    """Adding an officer to a division, or a user to a group, is recorded on the audit trail."""
    from django.contrib.auth.models import Group

    from ..factories import PersonFactory, UserFactory

    plan.division.officers.add(PersonFactory())
    UserFactory().groups.add(Group.objects.create(name="Policy team"))
    subjects = list(AuditEvent.objects.filter(action="permission change").values_list("subject", flat=True))
    assert any(s.startswith("division officers:") for s in subjects)
    assert any(s.startswith("user groups:") for s in subjects)


def test_an_action_with_sub_actions_needs_no_officer_of_its_own(plan, people):
    """As in the seed, action 1 is a heading and its sub-actions 1.1, 1.2 name the officers."""
    priority = plan.priorities.get()
    heading = ActionFactory(priority=priority, title="HR's specific contribution", accountable_officer="")
    ActionFactory(priority=priority, parent=heading, accountable_officer="Geraldine Vary")
    step(plan, people["officer"], "submit")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_kpis_need_a_floor_and_target_or_an_explicit_status(plan, people):
    """A KPI with neither a floor nor a stated status blocks submission; NEW or TBC is accepted."""
    from performance.models import Kpi
    from performance.models.choices import ValueStatus

    kpi = Kpi.objects.create(
        plan=plan,
        reference="HR01",
        description="Sickness absence",
        floor_status=ValueStatus.BLANK,
        target_status=ValueStatus.TBC,
    )
    with pytest.raises(WorkflowError) as caught:
        step(plan, people["officer"], "submit")
    assert any("KPI HR01 (Sickness absence) has no floor:" in p for p in caught.value.errors[""])
    kpi.floor_status = ValueStatus.NEW
    kpi.save()
    step(plan, people["officer"], "submit")
