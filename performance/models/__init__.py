from .actuals import ActivityActual, KpiActual, Period
from .choices import (
    ACTIVITY_UNITS,
    EntrySource,
    Frequency,
    ImportStatus,
    PeriodKind,
    Polarity,
    PreviousBasis,
    Unit,
    ValueStatus,
    YearTotal,
)
from .imports import ActualImport, Reminder
from .indicators import FLOORED_TARGETS, KPI_SLOTS, QUARTERS, ActivityIndicator, Kpi, StatedValue

__all__ = [
    "ACTIVITY_UNITS",
    "FLOORED_TARGETS",
    "KPI_SLOTS",
    "QUARTERS",
    "ActivityActual",
    "ActivityIndicator",
    "ActualImport",
    "EntrySource",
    "Frequency",
    "ImportStatus",
    "Kpi",
    "KpiActual",
    "Period",
    "PeriodKind",
    "Polarity",
    "PreviousBasis",
    "Reminder",
    "StatedValue",
    "Unit",
    "ValueStatus",
    "YearTotal",
]
