"""The monitoring report over HTTP: the page for a chosen period, and its PDF through the render job pipeline."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from documents.services import render_job_request

from ..models import PROGRESS_STATUSES
from ..views.access import plan_for
from .periods import MonitoringError, default_period, period_choices, report_period
from .report import monitoring_report_context, monitoring_report_read

PERIOD_FIELD_ID = "monitoring-period"


@login_required
@require_GET
def monitoring_report(request, plan_id: int):
    """The report at the end of ``?period=`` (default: the plan's latest period that has ended)."""
    plan = plan_for(request, plan_id, "plans.view_plan")
    context = {
        "plan": plan,
        "field_id": PERIOD_FIELD_ID,
        "may_render": request.user.has_perm("plans.render_plan", plan),
        "errors": [],
    }
    if plan.status not in PROGRESS_STATUSES:
        return render(request, "plans/monitoring.html", context)
    code = request.GET.get("period", "")
    try:
        period = report_period(plan=plan, code=code) if code else default_period(plan=plan)
    except MonitoringError as error:
        context.update(
            choices=period_choices(plan=plan),
            chosen=code,
            errors=[(f"#{PERIOD_FIELD_ID}", str(error))],
            period_error=str(error),
        )
        return render(request, "plans/monitoring.html", context, status=400)
    context.update(
        monitoring_report_context(monitoring_report_read(plan=plan, period=period)),
        choices=period_choices(plan=plan),
        chosen=period.code,
    )
    return render(request, "plans/monitoring.html", context)


@login_required
@require_POST
def monitoring_report_pdf(request, plan_id: int):
    """Queue the report's PDF for the chosen period and follow the job."""
    plan = plan_for(request, plan_id, "plans.render_plan")
    try:
        period = report_period(plan=plan, code=request.POST.get("period", ""))
    except MonitoringError:
        return redirect("plans:monitoring_report", plan_id=plan.pk)
    job = render_job_request(
        renderer_key="monitoring_report", subject=plan, requested_by=request.user, options={"period": period.code}
    )
    return redirect("documents:render_job_status", job_id=job.id)
