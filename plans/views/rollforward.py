"""“Start next year's plan from this one”: the confirmation page, the choice of successor, the refusal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from kcc_planning.forms import error_list, form_errors_add

from ..models import PlanYear
from ..rollforward import (
    RollForwardError,
    RollForwardExists,
    SuccessorChoiceNeeded,
    plan_roll_forward,
    roll_forward_check,
    unit_label,
)
from ..rollforward.forms import RollForwardForm
from .access import plan_for


def _next_year(plan) -> PlanYear | None:
    return PlanYear.objects.filter(start_year=plan.plan_year.start_year + 1).first()


@login_required
def plan_roll_forward_view(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.roll_forward_plan")
    plan_year = _next_year(plan)
    context = {"plan": plan, "plan_year": plan_year, "errors": [], "problem": "", "existing": None, "unit": None}
    candidates = []
    if plan_year is None:
        next_label = f"{plan.plan_year.start_year + 1}-{(plan.plan_year.start_year + 2) % 100:02d}"
        context["problem"] = f"There is no {next_label} plan year yet: its structure has to be set up first."
    else:
        try:
            context["unit"] = unit_label(roll_forward_check(plan=plan, plan_year=plan_year))
        except SuccessorChoiceNeeded as error:
            candidates = error.candidates
            context["choice_reason"] = error.message
        except RollForwardExists as error:
            context["existing"] = error.existing
            context["problem"] = error.message
        except RollForwardError as error:
            context["problem"] = error.message
    form = RollForwardForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and not context["problem"] and form.is_valid():
        try:
            result = plan_roll_forward(
                plan=plan, plan_year=plan_year, successor=form.cleaned_data.get("successor", ""), actor=request.user
            )
        except RollForwardExists as error:
            context["existing"] = error.existing
            context["problem"] = error.message
        except RollForwardError as error:
            form_errors_add(form, {"successor" if candidates else "__all__": [error.message]})
        else:
            messages.success(request, f"{result.plan.title} started. " + " ".join(result.summary))
            return redirect(reverse("plans:plan_overview", args=[result.plan.pk]))
    if request.method == "POST":
        context["errors"] = error_list(form)
    context["form"] = form
    return render(request, "plans/roll_forward.html", context)
