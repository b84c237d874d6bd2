"""Forms for indicators, period entry, imports and the dashboard's period choice.

Figures are typed as officers write them ("95%", "£6.5m", "NEW") and parsed
in the indicator's unit by ``performance.values``; the forms turn text into
field values and errors, and the services decide what may be stored.
"""

from .common import FieldsOnlyMixin
from .entry import ActualsUploadForm, PeriodChoiceForm, PeriodEntryForm
from .indicators import ActivityIndicatorForm, IndicatorFormBase, KpiForm

__all__ = [
    "ActivityIndicatorForm",
    "ActualsUploadForm",
    "FieldsOnlyMixin",
    "IndicatorFormBase",
    "KpiForm",
    "PeriodChoiceForm",
    "PeriodEntryForm",
]
