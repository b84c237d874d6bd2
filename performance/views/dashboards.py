"""The list of dashboards, a plan's dashboard for a chosen period, and its PDF."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from documents.services import render_job_request
from kcc_planning.forms import error_list
from plans.models import PlanYear
from plans.selectors import plan_list
from plans.views.access import plan_for

from .. import periods
from ..forms import PeriodChoiceForm
from ..selectors import dashboard_get, default_period
from .access import permissions


@login_required
def dashboard_list(request):
    """Every plan with indicators, newest year first."""
    plans = list(
        plan_list()
        .annotate(kpi_count=Count("kpis", distinct=True), activity_count=Count("activity_indicators", distinct=True))
        .order_by("-directorate__plan_year__start_year", "directorate__name", "kind", "division__name")
    )
    years = list(PlanYear.objects.all())
    by_year = [(year, [p for p in plans if p.directorate.plan_year_id == year.id]) for year in years]
    return render(request, "performance/dashboard_list.html", {"plans_by_year": [(y, ps) for y, ps in by_year if ps]})


@login_required
def dashboard(request, plan_id: int):
    """A plan's dashboard at the end of ``?period=`` (default: the last quarter that has ended)."""
    plan = plan_for(request, plan_id, "performance.view_indicators")
    form = PeriodChoiceForm(request.GET or None, plan=plan)
    if form.is_bound and form.is_valid():
        period = form.cleaned_data["period"]
        status = 200
    else:
        period = default_period(plan=plan, today=timezone.localdate())
        status = 400 if form.is_bound else 200
        if not form.is_bound:
            form = PeriodChoiceForm(initial={"period": period.code}, plan=plan)
    context = {
        "plan": plan,
        "dashboard": dashboard_get(plan=plan, period=period),
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        **permissions(request, plan),
    }
    return render(request, "performance/dashboard.html", context, status=status)


@login_required
@require_POST
def dashboard_pdf(request, plan_id: int):
    """Queue the dashboard PDF for the chosen period and follow the job."""
    plan = plan_for(request, plan_id, "performance.render_dashboard")
    try:
        period = periods.parse(request.POST.get("period", ""))
    except periods.PeriodError:
        period = default_period(plan=plan, today=timezone.localdate())
    if not periods.belongs_to_year(period, plan.plan_year.start_year):
        period = default_period(plan=plan, today=timezone.localdate())
    job = render_job_request(
        renderer_key="performance_dashboard",
        subject=plan,
        requested_by=request.user,
        options={"period": period.code},
    )
    return redirect("documents:render_job_status", job_id=job.id)
