"""Public pages (no sign-in): published plans, as they were approved."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import Plan, SnapshotKind
from ..selectors import published_plan_get, published_plan_list
from ..services.workflow import latest_snapshot
from ..versions import hydrate
from .frozen import failed_snapshot_response


@require_GET
def plan_list(request):
    plans = published_plan_list()
    return render(request, "plans/public/plan_list.html", {"plans": plans})


@require_GET
def plan_detail(request, plan_id: int):
    """A published plan as it was approved (its frozen approval snapshot), not later working edits."""
    try:
        plan = published_plan_get(plan_id=plan_id)
    except Plan.DoesNotExist:
        raise Http404("No such published plan") from None
    snapshot = latest_snapshot(plan=plan, kind=SnapshotKind.APPROVED)
    if snapshot is None:
        raise Http404("This plan has no approved version to publish")
    failed = failed_snapshot_response(request, plan=plan, snapshot=snapshot, public=True)
    if failed is not None:
        return failed
    context = hydrate(snapshot.document)
    context.update({"snapshot": snapshot, "public_plan": plan, "may_edit": False})
    return render(request, "plans/public/plan_detail.html", context)
