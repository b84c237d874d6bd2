"""The plan's KPIs in its monitoring report (issue 12), registered with ``plans.extensions``.

The rows are the performance dashboard's at the end of the reporting period (``dashboard_get``), so the
report, the dashboard page and the dashboard PDF cannot disagree: the same actual, RAG rating and
direction of travel. Frozen as text, so an agenda pack prints what it printed when it was built.
"""

from __future__ import annotations

from collections import Counter

from plans.models import Plan

from . import periods
from .rating import RAG_LABELS, Rag
from .selectors import Dashboard, dashboard_get

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NOT_RATED]


def monitoring_kpis(*, plan: Plan, period) -> Dashboard:
    """The dashboard at the end of ``period`` (anything with a ``code`` such as ``2017-Q2`` or ``2017-M07``)."""
    return dashboard_get(plan=plan, period=periods.parse(period.code))


def monitoring_kpis_freeze(dashboard: Dashboard) -> dict:
    """Plain JSON: each KPI with its figure, RAG (words and colour key) and direction, and the RAG counts."""
    rows = []
    for group in dashboard.groups:
        for line in group.kpis:
            rows.append(
                {
                    "key": f"kpi:{line.kpi.pk}",
                    "unit": group.title,
                    "reference": line.kpi.reference,
                    "description": line.kpi.description,
                    "floor": line.floor,
                    "target": line.target,
                    "actual": line.actual_text,
                    "actual_period": line.period.label if line.actual is not None and line.period else "",
                    "state": line.state_text,
                    "commentary": line.actual.commentary if line.actual is not None else "",
                    "rag": str(line.rating.rag),
                    "rag_label": line.rating.label,
                    "arrow": line.direction.arrow,
                    "direction": line.direction.text,
                }
            )
    counts = Counter(row["rag"] for row in rows)
    return {
        "period": dashboard.period.label,
        "several_units": len({row["unit"] for row in rows}) > 1,
        "rows": rows,
        "rag_counts": [{"rag": str(rag), "label": RAG_LABELS[rag], "count": counts[str(rag)]} for rag in RAG_ORDER],
    }


def monitoring_kpis_thaw(frozen: dict) -> dict:
    """Frozen KPIs are already what the templates show."""
    return frozen
