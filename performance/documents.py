"""The performance dashboard as a tagged PDF for committee: the "performance_dashboard" renderer.

The print layout shows the same rows as the page (``selectors.dashboard_get``),
so the PDF and the screen cannot disagree.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from documents import registry
from plans.models import Plan
from plans.selectors import plan_get

from . import periods
from .selectors import dashboard_get, default_period


def _period(plan: Plan, options: dict) -> periods.PeriodSpec:
    try:
        spec = periods.parse(str(options.get("period", "")))
    except periods.PeriodError:
        return default_period(plan=plan, today=timezone.localdate())
    return (
        spec
        if periods.belongs_to_year(spec, plan.plan_year.start_year)
        else default_period(plan=plan, today=timezone.localdate())
    )


# A trend chart as ``performance.svg.trend_chart`` writes it: the title, then the description.
CHART_TEXTS = re.compile(r'(<title id="[^"]*">)([^<]*)(</title><desc id="[^"]*">)([^<]*)(</desc>)')


def _charts_described(html: str) -> str:
    """Each chart's description joined to its title, which WeasyPrint makes the chart's alternative text.

    WeasyPrint reads a chart's /Alt from the SVG's <title> only, so the figures behind a line would reach no
    reader; printing them as clipped text instead put them in the text layer in among the visible words.
    Both parts are escaped already, so joining them keeps the markup safe.
    """
    return CHART_TEXTS.sub(lambda m: f"{m[1]}{m[2]}. {m[4]}{m[3]}{m[4]}{m[5]}", html)


def dashboard_html(plan: Plan, period: periods.PeriodSpec) -> str:
    return _charts_described(
        render_to_string(
            "print/performance/dashboard.html",
            {
                "plan": plan,
                "dashboard": dashboard_get(plan=plan, period=period),
                "council_name": settings.COUNCIL_NAME,
                "printed_on": timezone.localdate(),
            },
        )
    )


def build_dashboard_html(plan: Plan, options: dict) -> str:
    # The job's subject is a bare Plan: reload it with the joins the template needs.
    plan = plan_get(plan_id=plan.pk)
    return dashboard_html(plan, _period(plan, options))


def dashboard_filename(plan: Plan, options: dict) -> str:
    return f"{plan.unit_name} performance dashboard {_period(plan, options).label}.pdf"


def dashboard_url(plan: Plan) -> str:
    return reverse("performance:dashboard", args=[plan.pk])


DASHBOARD_RENDERER = registry.register(
    registry.DocumentRenderer(
        key="performance_dashboard",
        model=Plan,
        build_html=build_dashboard_html,
        filename=dashboard_filename,
        permission="performance.render_dashboard",
        subject_url=dashboard_url,
    )
)
