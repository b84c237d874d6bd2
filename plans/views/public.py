"""Public pages (no sign-in): published plans, as they were approved."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import PlanStatus, SnapshotKind
from ..selectors import plan_base_queryset
from ..versions import hydrate
from ..workflow import latest_snapshot

PUBLISHED_STATUSES = [PlanStatus.PUBLISHED, PlanStatus.MID_YEAR, PlanStatus.YEAR_END]


@require_GET
def plan_list(request):
    plans = plan_base_queryset().filter(status__in=PUBLISHED_STATUSES)
    return render(request, "plans/public/plan_list.html", {"plans": plans})


@require_GET
def plan_detail(request, plan_id: int):
    """A published plan as it was approved (its frozen approval snapshot), not later working edits."""
    plan = get_object_or_404(plan_base_queryset().filter(status__in=PUBLISHED_STATUSES), pk=plan_id)
    snapshot = latest_snapshot(plan=plan, kind=SnapshotKind.APPROVED)
    if snapshot is None:
        raise Http404("This plan has no approved version to publish")
    context = hydrate(snapshot.document)
    context.update({"snapshot": snapshot, "public_plan": plan, "may_edit": False})
    return render(request, "plans/public/plan_detail.html", context)
