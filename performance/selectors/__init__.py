"""Reads for performance. Each selector owns its joins, so query counts stay flat as indicators grow."""

from .common import dashboard_plans, priority_numbers, priority_refs
from .dashboard import Dashboard, dashboard_get, default_period
from .entry import actual_import_get, due_indicators, entry_periods, recent_imports
from .exports import ACTIVITY_COLUMNS, KPI_COLUMNS, activity_csv_rows, kpi_csv_rows, plan_export
from .tables import PlanIndicators, activity_indicator_get, kpi_get, plan_indicators

__all__ = [
    "ACTIVITY_COLUMNS",
    "KPI_COLUMNS",
    "Dashboard",
    "PlanIndicators",
    "activity_csv_rows",
    "activity_indicator_get",
    "actual_import_get",
    "dashboard_get",
    "dashboard_plans",
    "default_period",
    "due_indicators",
    "entry_periods",
    "kpi_csv_rows",
    "kpi_get",
    "plan_export",
    "plan_indicators",
    "priority_numbers",
    "priority_refs",
    "recent_imports",
]
