"""The plan overview is a GOV.UK task list: each section not started, in progress or completed, with comments."""

import pytest
from django.urls import reverse

from kcc_planning.roles import Role
from performance.models import Kpi
from plans.models import NarrativeBlock, NarrativeSection, SnapshotKind
from plans.services.comments import comment_create
from plans.services.workflow import plan_transition
from plans.task_list import TaskStatus, plan_task_list

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory, officer_for
from ..support.users import user_in

pytestmark = pytest.mark.django_db


def _statuses(plan) -> dict[str, TaskStatus]:
    return {task.section.slug: task.status for task in plan_task_list(plan=plan)}


def test_an_empty_plan_has_every_section_not_started():
    """Nothing written yet: every section says "Not started"."""
    assert set(_statuses(DivisionalPlanFactory()).values()) == {TaskStatus.NOT_STARTED}


def test_sections_follow_what_is_written_and_what_must_be_put_right():
    """Text makes a narrative section complete; an action with no officer or a KPI with no floor keeps its
    section in progress until put right."""
    plan = DivisionalPlanFactory()
    NarrativeBlock.objects.create(plan=plan, section=NarrativeSection.ROLE_PURPOSE, body="We recruit.")
    action = ActionFactory(priority=PriorityFactory(plan=plan), accountable_officer="")
    kpi = Kpi.objects.create(plan=plan, reference="HR01", description="Sickness absence")
    statuses = _statuses(plan)
    assert statuses["role-purpose"] == TaskStatus.COMPLETED
    assert statuses["mtp-contribution"] == TaskStatus.NOT_STARTED
    assert statuses["priorities"] == TaskStatus.IN_PROGRESS
    assert statuses["performance"] == TaskStatus.IN_PROGRESS

    action.accountable_officer = "Paul Royel"
    action.save()
    kpi.floor_status = kpi.target_status = "new"
    kpi.save()
    statuses = _statuses(plan)
    assert statuses["priorities"] == TaskStatus.COMPLETED
    assert statuses["performance"] == TaskStatus.COMPLETED


def test_the_overview_shows_statuses_comment_counts_and_open_comments(client):
    """Each section's status is text (a tag, or plain "Completed"); a commented section counts its comments
    and the overview lists the open ones, each linking to the comment on the committee's version."""
    admin = user_in(Role.ADMINISTRATOR, "admin_user")
    plan = DivisionalPlanFactory()
    officer = officer_for(plan.division, "officer")
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"))
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Path")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    comment = comment_create(
        snapshot=snapshot, author=member, section="priorities", row_key="", body="Is prevention costed?"
    )

    client.force_login(officer)
    page = client.get(reverse("plans:plan_overview", args=[plan.pk])).content.decode()
    assert '<strong class="govuk-tag govuk-tag--blue">Not started</strong>' in page
    assert 'id="task-priorities-status">\n      Completed' in page
    assert "1 member comment, 1 not yet addressed." in page
    assert f'/snapshots/{snapshot.pk}/#comment-{comment.pk}">C. Priorities, actions, milestones' in page
    assert "Is prevention costed?" in page
