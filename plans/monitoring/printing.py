"""The monitoring report as a tagged PDF paper: its print HTML and the "monitoring_report" renderer.

The same document (``report.monitoring_report_read``) and the same context feed the page and the paper,
so they cannot disagree; an agenda appendix prints the copy frozen when its pack was built.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from documents import registry

from ..models import Plan
from ..periods import period_label
from ..selectors import plan_get
from .periods import MonitoringError, default_period, report_period
from .report import monitoring_report_context, monitoring_report_read


def monitoring_report_html(document: dict) -> str:
    """The complete print HTML of a report document (live or frozen)."""
    context = monitoring_report_context(document)
    context["council_name"] = settings.COUNCIL_NAME
    return render_to_string("print/monitoring.html", context)


def _period(plan: Plan, options: dict):
    try:
        return report_period(plan=plan, code=str(options.get("period", "")))
    except MonitoringError:
        return default_period(plan=plan)


def build_monitoring_html(plan: Plan, options: dict) -> str:
    # The job's subject is a bare Plan: reload it with the joins the report needs.
    plan = plan_get(plan_id=plan.pk)
    return monitoring_report_html(monitoring_report_read(plan=plan, period=_period(plan, options)))


def monitoring_filename(plan: Plan, options: dict) -> str:
    period = _period(plan, options)
    return f"{plan.unit_name} business plan monitoring {period_label(period.code)}.pdf"


def monitoring_url(plan: Plan) -> str:
    return reverse("plans:monitoring_report", args=[plan.pk])


MONITORING_RENDERER = registry.register(
    registry.DocumentRenderer(
        key="monitoring_report",
        model=Plan,
        build_html=build_monitoring_html,
        filename=monitoring_filename,
        permission="plans.render_plan",
        subject_url=monitoring_url,
    )
)
