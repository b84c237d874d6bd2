"""Monitoring reports: a plan's progress, KPIs and risks for a reporting period (issue 12).

``report`` builds the report as one JSON document; ``printing`` turns a document (live or frozen in an
agenda appendix) into the print HTML and registers the "monitoring_report" renderer; ``views`` shows it.
"""

from .periods import MonitoringError, report_period, report_periods
from .printing import monitoring_report_html
from .report import monitoring_report_context, monitoring_report_read

__all__ = [
    "MonitoringError",
    "monitoring_report_context",
    "monitoring_report_html",
    "monitoring_report_read",
    "report_period",
    "report_periods",
]
