"""Forms for recording actuals: the dashboard's period choice, the period entry page and file uploads."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kcc_planning.forms import FieldsOnlyMixin
from kcc_planning.locking import ABSENT, LockVersionField
from plans.models import Plan

from .. import periods
from ..importing import size_error
from ..models import Unit
from ..selectors.entry import DueIndicator
from ..values import BadValue, editable, parse_value


class PeriodChoiceForm(forms.Form):
    """The dashboard's period: a quarter, a month or the whole year of the plan."""

    period = forms.ChoiceField(label="Show the dashboard at the end of")

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        choices = periods.dashboard_choices(plan.plan_year.start_year)
        self.fields["period"].choices = [
            ("Quarters", [(spec.code, spec.label) for spec in choices if spec.kind == periods.Kind.QUARTER]),
            ("Months", [(spec.code, spec.label) for spec in choices if spec.kind == periods.Kind.MONTH]),
            ("Whole year", [(spec.code, f"Year {spec.label}") for spec in choices if spec.kind == "financial_year"]),
        ]
        self.fields["period"].error_messages["invalid_choice"] = (
            f"Choose a period of {plan.plan_year.label}: a quarter, a month or the whole year."
        )

    def clean_period(self) -> periods.PeriodSpec:
        return periods.parse(self.cleaned_data["period"])


class PeriodEntryForm(FieldsOnlyMixin, forms.Form):
    """Every indicator due in a period, in one form: a figure and an optional commentary each.

    Leaving a figure blank records nothing; clearing a figure that was entered
    removes it (for a figure entered in error).
    """

    def __init__(self, *args, due: list[DueIndicator], **kwargs):
        super().__init__(*args, **kwargs)
        self.due = due
        for item in due:
            indicator = item.indicator
            initial_value = ""
            initial_commentary = ""
            if item.actual is not None:
                initial_value = self._initial_text(indicator, item.actual.value)
                initial_commentary = item.actual.commentary
            self.fields[f"{item.field_prefix}-value"] = self._value_field(indicator, initial_value)
            self.fields[f"{item.field_prefix}-commentary"] = forms.CharField(
                label=f"Commentary on {indicator.reference or 'this indicator'} (optional)",
                required=False,
                max_length=2000,
                initial=initial_commentary,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            # The figure's version as loaded: saving over a figure someone else changed since is a conflict.
            self.fields[f"{item.field_prefix}-version"] = LockVersionField(
                required=False, initial=item.actual.lock_version if item.actual is not None else ABSENT
            )

    @staticmethod
    def _initial_text(indicator, value) -> str:
        if indicator.unit == Unit.ACHIEVE:
            return "yes" if value else "no"
        if indicator.unit == Unit.SCALE:
            return str(int(value))
        return editable(value, unit=indicator.unit).removesuffix("%")

    @staticmethod
    def _value_field(indicator, initial: str) -> forms.Field:
        label = f"{indicator.reference} actual".strip() if indicator.reference else "Actual"
        if indicator.unit == Unit.ACHIEVE:
            return forms.ChoiceField(
                label=label,
                required=False,
                initial=initial,
                choices=[("yes", "Achieved"), ("no", "Not achieved"), ("", "Not reported yet")],
                widget=forms.RadioSelect,
            )
        if indicator.unit == Unit.SCALE:
            return forms.ChoiceField(
                label=label,
                required=False,
                initial=initial,
                choices=[("", "Not reported yet")]
                + [(str(n), text) for n, text in enumerate(indicator.scale_labels, start=1)],
            )
        return forms.CharField(label=label, required=False, max_length=40, initial=initial)

    def rows(self):
        """(due indicator, value, commentary and version bound fields) for the template."""
        for item in self.due:
            prefix = item.field_prefix
            yield item, self[f"{prefix}-value"], self[f"{prefix}-commentary"], self[f"{prefix}-version"]

    def take_versions(self, changed) -> None:
        """After a conflict: carry the versions now stored, so saving again is a deliberate choice to replace them
        (what the user typed stays as typed)."""
        self.data = self.data.copy()
        for item in self.due:
            for indicator, actual in changed:
                if type(indicator) is type(item.indicator) and indicator.pk == item.indicator.pk:
                    self.data[f"{item.field_prefix}-version"] = str(actual.lock_version if actual else ABSENT)

    def clean(self):
        cleaned = super().clean()
        for item in self.due:
            name = f"{item.field_prefix}-value"
            text = cleaned.get(name, "")
            if text in (None, ""):
                cleaned[name] = None
                continue
            indicator = item.indicator
            if indicator.unit == Unit.ACHIEVE:
                text = "yes" if text == "yes" else "no"
            try:
                cleaned[name] = parse_value(
                    text,
                    unit=indicator.unit,
                    scale_labels=getattr(indicator, "scale_labels", None),
                    places=indicator.decimal_places,
                )
            except BadValue as error:
                self.add_error(name, str(error))
        return cleaned

    def figures(self):
        """(indicator, value or None, commentary, version loaded) for each indicator on the form."""
        for item in self.due:
            yield (
                item.indicator,
                self.cleaned_data.get(f"{item.field_prefix}-value"),
                self.cleaned_data.get(f"{item.field_prefix}-commentary", ""),
                self.cleaned_data.get(f"{item.field_prefix}-version"),
            )


class ActualsUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=(
            "A CSV file or an Excel workbook (.xlsx), up to 5 MB, with the column headings reference, period, "
            "value and (optionally) commentary. Periods are written like 2017-Q2 or 2017-M07."
        ),
        error_messages={
            "required": "Select a CSV or XLSX file of actuals.",
            "empty": "The selected file is empty: there is nothing to import.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The size is known before reading: a 20 MB file is refused without reading it into memory.
        if message := size_error(upload.name, upload.size):
            raise ValidationError(message)
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(
                f"“{upload.name}” is not a CSV or XLSX file. Upload a .csv file, or an Excel workbook saved as .xlsx."
            )
        return upload
