"""A plan's indicator tables, and the pages that define its KPIs and activity indicators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from kcc_planning.forms import error_list
from plans.views.access import plan_for

from ..forms import ActivityIndicatorForm, KpiForm
from ..models import ActivityIndicator, Kpi
from ..selectors import activity_indicator_get, kpi_get, plan_indicators, recent_imports
from ..services import activity_indicator_save, kpi_save
from .access import permissions


@login_required
def indicator_list(request, plan_id: int):
    plan = plan_for(request, plan_id, "performance.view_indicators")
    context = {
        "plan": plan,
        "plan_indicators": plan_indicators(plan=plan),
        "recent_imports": recent_imports(plan=plan),
        **permissions(request, plan),
    }
    return render(request, "performance/indicator_list.html", context)


def _edit(request, plan, *, form_class, instance, save, noun: str, template: str):
    form = form_class(request.POST or None, plan=plan, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            verb = "saved" if instance is not None else "added"
            messages.success(request, f"{noun} {saved.reference or ''} {verb}.".replace("  ", " "))
            return redirect("performance:plan_indicators", plan_id=plan.pk)
    context = {"plan": plan, "form": form, "instance": instance, "errors": error_list(form)}
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def kpi_edit(request, plan_id: int, kpi_id: int | None = None):
    plan = plan_for(request, plan_id, "performance.manage_indicators")
    kpi = None
    if kpi_id is not None:
        try:
            kpi = kpi_get(plan=plan, kpi_id=kpi_id)
        except Kpi.DoesNotExist:
            raise Http404("No such indicator in this plan") from None

    def save(form):
        return kpi_save(
            plan=plan, kpi=kpi, values=form.model_values, priorities=form.cleaned_data.get("priorities") or []
        )

    return _edit(
        request, plan, form_class=KpiForm, instance=kpi, save=save, noun="KPI", template="performance/kpi_form.html"
    )


@login_required
def activity_edit(request, plan_id: int, indicator_id: int | None = None):
    plan = plan_for(request, plan_id, "performance.manage_indicators")
    indicator = None
    if indicator_id is not None:
        try:
            indicator = activity_indicator_get(plan=plan, indicator_id=indicator_id)
        except ActivityIndicator.DoesNotExist:
            raise Http404("No such indicator in this plan") from None

    def save(form):
        return activity_indicator_save(plan=plan, indicator=indicator, values=form.model_values)

    return _edit(
        request,
        plan,
        form_class=ActivityIndicatorForm,
        instance=indicator,
        save=save,
        noun="Activity indicator",
        template="performance/activity_form.html",
    )
