"""A plan's PDF over HTTP: queue the render job; the document pipeline's pages follow it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from documents.services import render_job_request

from .access import plan_for


@login_required
@require_POST
def plan_pdf(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.render_plan")
    job = render_job_request(renderer_key="plan", subject=plan, requested_by=request.user)
    return redirect("documents:render_job_status", job_id=job.id)
