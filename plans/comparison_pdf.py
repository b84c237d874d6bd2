"""The "what changed since the committee saw it" paper for members, as a PDF."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from documents import registry

from .comparison import plan_comparison
from .models import Plan


def build_comparison_html(plan: Plan, options: dict) -> str:
    context = plan_comparison(plan, options.get("from", ""), options.get("to", "current"))
    if context is None:
        raise ValueError("One of the versions to compare no longer exists.")
    context["council_name"] = settings.COUNCIL_NAME
    return render_to_string("print/plan_comparison.html", context)


def comparison_filename(plan: Plan, options: dict) -> str:
    return f"{plan.unit_name} business plan {plan.plan_year.label} - changes.pdf"


COMPARISON_RENDERER = registry.register(
    registry.DocumentRenderer(
        key="plan_comparison",
        model=Plan,
        build_html=build_comparison_html,
        filename=comparison_filename,
        permission="plans.view_history",
        subject_url=lambda plan: reverse("plans:plan_history", args=[plan.pk]),
    )
)
