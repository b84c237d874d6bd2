"""Recording actuals: choose a period, then enter every indicator due in it in one form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kcc_planning.forms import error_list
from plans.views.access import plan_for

from .. import periods
from ..forms import PeriodEntryForm
from ..selectors import due_indicators, entry_periods
from ..services import ActualsConflict, PeriodFigure, period_actuals_record
from ..values import format_value
from .access import permissions


@login_required
def entry_index(request, plan_id: int):
    plan = plan_for(request, plan_id, "performance.enter_actuals")
    context = {
        "plan": plan,
        "progress": entry_periods(plan=plan, today=timezone.localdate()),
        **permissions(request, plan),
    }
    return render(request, "performance/entry_index.html", context)


@login_required
def period_entry(request, plan_id: int, period_code: str):
    plan = plan_for(request, plan_id, "performance.enter_actuals")
    try:
        spec = periods.parse(period_code)
    except periods.PeriodError:
        raise Http404("No such period") from None
    if not periods.belongs_to_year(spec, plan.plan_year.start_year):
        raise Http404("That period is not in this plan's year")
    due = due_indicators(plan=plan, spec=spec)
    form = PeriodEntryForm(request.POST or None, due=due)
    conflict = None
    if request.method == "POST" and form.is_valid():
        figures = [PeriodFigure(*figure) for figure in form.figures()]
        try:
            result = period_actuals_record(plan=plan, period_code=spec.code, figures=figures, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except ActualsConflict as error:
            conflict = _conflict(error)
            form.take_versions(error.changed)
        else:
            messages.success(request, f"Actuals for {spec.label} saved: {result.summary()}.")
            return redirect(f"{reverse('performance:dashboard', args=[plan.pk])}?period={spec.code}")
    context = {
        "plan": plan,
        "spec": spec,
        "form": form,
        "errors": error_list(form),
        "conflict": conflict,
        "closed": spec.ends_on < timezone.localdate(),
        **permissions(request, plan),
    }
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "performance/period_entry.html", context, status=status)


def _conflict(error: ActualsConflict) -> dict:
    """The shared conflict panel (includes/conflict.html): each figure as someone else left it."""
    saved = []
    for indicator, actual in error.changed:
        label = f"{indicator.reference}: {indicator.description}" if indicator.reference else indicator.description
        if actual is None:
            saved.append((label, "Removed: no figure now"))
            continue
        who = actual.entered_by.get_full_name() or actual.entered_by.username if actual.entered_by else "someone"
        figure = format_value(
            actual.value,
            unit=indicator.unit,
            places=indicator.decimal_places,
            scale_labels=getattr(indicator, "scale_labels", None),
        )
        note = f"\n{actual.commentary}" if actual.commentary else ""
        saved.append((label, f"{figure}, entered by {who} on {actual.entered_at:%-d %B %Y}{note}"))
    return {"noun": "set of figures", "saved": saved, "version": True}
