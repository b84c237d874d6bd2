"""A plan's indicator tables, and the pages that define its KPIs and activity indicators."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from kcc_planning.forms import error_list
from kcc_planning.locking import EditConflict, LockVersionForm, conflict_context
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


def _saved_values(form_class, plan, saved) -> dict[str, str]:
    """The other person's saved indicator as this form would show it (figures with NEW, TBC and the like)."""
    shown = form_class(plan=plan, instance=saved)
    values = {}
    for name, value in shown.initial.items():
        field = shown.fields.get(name)
        if field is None or isinstance(field, forms.ModelChoiceField | forms.BooleanField):
            continue  # owners, priorities and yes/no read better from the model itself
        choices = dict((str(key), label) for key, label in getattr(field, "choices", []) if key != "")
        values[name] = choices.get(str(value), "" if value is None else str(value))
    return values


def _edit(request, plan, *, form_class, instance, save, noun: str, template: str):
    data = request.POST if request.method == "POST" else None
    form = form_class(data, plan=plan, instance=instance)
    lock_form = LockVersionForm.for_instance(instance, data) if instance is not None else None
    conflict = None
    if data is not None and form.is_valid():
        try:
            saved = save(form, lock_form.submitted if lock_form else None)
        except ValidationError as error:
            form.apply_service_errors(error)
        except EditConflict as error:
            conflict = conflict_context(
                error,
                form=form,
                noun=noun if noun.isupper() else noun.lower(),
                saved_values=_saved_values(form_class, plan, error.saved),
            )
            # Their version is the one a second save would now knowingly replace.
            lock_form = LockVersionForm.for_instance(error.saved)
        else:
            verb = "saved" if instance is not None else "added"
            messages.success(request, f"{noun} {saved.reference or ''} {verb}.".replace("  ", " "))
            return redirect("performance:plan_indicators", plan_id=plan.pk)
    context = {
        "plan": plan,
        "form": form,
        "instance": instance,
        "errors": error_list(form),
        "lock_form": lock_form,
        "conflict": conflict,
    }
    return render(request, template, context, status=409 if conflict else 400 if form.errors else 200)


@login_required
def kpi_edit(request, plan_id: int, kpi_id: int | None = None):
    plan = plan_for(request, plan_id, "performance.manage_indicators")
    kpi = None
    if kpi_id is not None:
        try:
            kpi = kpi_get(plan=plan, kpi_id=kpi_id)
        except Kpi.DoesNotExist:
            raise Http404("No such indicator in this plan") from None

    def save(form, lock_version):
        return kpi_save(
            plan=plan,
            kpi=kpi,
            values=form.model_values,
            priorities=form.cleaned_data.get("priorities") or [],
            lock_version=lock_version,
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

    def save(form, lock_version):
        return activity_indicator_save(
            plan=plan, indicator=indicator, values=form.model_values, lock_version=lock_version
        )

    return _edit(
        request,
        plan,
        form_class=ActivityIndicatorForm,
        instance=indicator,
        save=save,
        noun="Activity indicator",
        template="performance/activity_form.html",
    )
