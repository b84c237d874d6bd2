"""The demo's mid-year progress: loaded once its plan is approved, through the officers' rules, never twice."""

import datetime

import pytest

from plans.demo import demo_load
from plans.models import Plan, PlanStatus, ProgressStatus, ProgressUpdate
from plans.progress.selectors import overdue_milestone_ids, plan_period_get, plan_progress
from plans.progress.services import RowInput, progress_save

pytestmark = pytest.mark.django_db


def test_mid_year_progress_loads_once_the_plan_is_approved_and_is_never_overwritten():
    demo_load()
    plan = Plan.objects.get(division__name="Human Resources")
    # The demo's Human Resources plan is a draft: progress waits for approval.
    assert not ProgressUpdate.objects.exists()
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
