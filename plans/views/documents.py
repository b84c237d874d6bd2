"""A plan's PDF over HTTP: queue the render job; the document pipeline's pages follow it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from documents.services import render_job_request

from ..models import Plan
from ..selectors import plan_get


@login_required
@require_POST
def plan_pdf(request, plan_id: int):
    try:
        plan = plan_get(plan_id=plan_id)
    except Plan.DoesNotExist:
        raise Http404("No such plan") from None
    if not request.user.has_perm("plans.render_plan", plan):
        raise PermissionDenied
    job = render_job_request(renderer_key="plan", subject=plan, requested_by=request.user)
    return redirect("documents:render_job_status", job_id=job.id)
