"""Writes to plans. Every write is atomic, fully validated before it lands, and audited."""

from .plan import plan_rows_save, plan_section_save, plan_update
from .priorities import priority_create, priority_save
from .rows import ForeignRowError, PlanConflictError, RowInput, TableInput, TableValidationError

__all__ = [
    "ForeignRowError",
    "PlanConflictError",
    "RowInput",
    "TableInput",
    "TableValidationError",
    "plan_rows_save",
    "plan_section_save",
    "plan_update",
    "priority_create",
    "priority_save",
]
