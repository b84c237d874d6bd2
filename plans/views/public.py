"""Public pages (no sign-in): published plans, as they were approved."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from documents.models import RenderStatus
from documents.selectors import job_file_open

from ..models import Plan, SnapshotKind
from ..public_pdf import approved_pdf_job
from ..selectors import published_plan_get, published_plan_list
from ..services.workflow import latest_snapshot
from ..versions import hydrate
from .frozen import failed_snapshot_response


@require_GET
def plan_list(request):
    plans = published_plan_list()
    return render(request, "plans/public/plan_list.html", {"plans": plans})


def _published(plan_id: int):
    """(plan, approved snapshot) of a published plan; 404 for anything unpublished or never approved."""
    try:
        plan = published_plan_get(plan_id=plan_id)
    except Plan.DoesNotExist:
        raise Http404("No such published plan") from None
    snapshot = latest_snapshot(plan=plan, kind=SnapshotKind.APPROVED)
    if snapshot is None:
        raise Http404("This plan has no approved version to publish")
    return plan, snapshot


@require_GET
def plan_detail(request, plan_id: int):
    """A published plan as it was approved (its frozen approval snapshot), not later working edits."""
    plan, snapshot = _published(plan_id)
    failed = failed_snapshot_response(request, plan=plan, snapshot=snapshot, public=True)
    if failed is not None:
        return failed
    context = hydrate(snapshot.document)
    context.update({"snapshot": snapshot, "public_plan": plan, "may_edit": False})
    return render(request, "plans/public/plan_detail.html", context)


@never_cache
@require_GET
def plan_pdf(request, plan_id: int):
    """The tagged PDF of a published plan exactly as approved (``plans.public_pdf``): the file once it has been
    made; until then a page saying it is being prepared (one render per approved version, whoever asks)."""
    plan, snapshot = _published(plan_id)
    failed = failed_snapshot_response(request, plan=plan, snapshot=snapshot, public=True)
    if failed is not None:
        return failed
    job = approved_pdf_job(plan=plan, snapshot=snapshot)
    handle = job_file_open(job=job) if job.status == RenderStatus.DONE else None
    if handle is not None:
        return FileResponse(handle, as_attachment=True, filename=job.download_name, content_type="application/pdf")
    context = {"public_plan": plan, "snapshot": snapshot, "failed": job.status == RenderStatus.FAILED}
    return render(request, "plans/public/plan_pdf_preparing.html", context, status=503 if context["failed"] else 202)
