"""Writes for performance: keyword-only, atomic, validated with ``full_clean()``."""

from .actuals import ActualEntry, ActualsConflict, PeriodFigure, WriteResult, actuals_write, period_actuals_record
from .imports import (
    ImportAlreadyDone,
    ImportRejected,
    actual_import_cancel,
    actual_import_commit,
    actual_import_prepare,
    import_rows_commit,
)
from .indicators import activity_indicator_save, kpi_save, period_get_or_create
from .reminders import ReminderBatch, reminders_due, reminders_send

__all__ = [
    "ActualEntry",
    "ImportAlreadyDone",
    "ImportRejected",
    "ActualsConflict",
    "PeriodFigure",
    "ReminderBatch",
    "WriteResult",
    "activity_indicator_save",
    "actual_import_cancel",
    "actual_import_commit",
    "actual_import_prepare",
    "actuals_write",
    "import_rows_commit",
    "kpi_save",
    "period_actuals_record",
    "period_get_or_create",
    "reminders_due",
    "reminders_send",
]
