"""Forms defining KPIs and activity indicators: cells typed as printed ("95%", "NEW", "£6.5m")."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kcc_planning.forms import form_errors_add
from plans.models import Person, Plan, Priority
from plans.months import parse_month

from ..models import (
    ACTIVITY_UNITS,
    KPI_SLOTS,
    ActivityIndicator,
    Frequency,
    Kpi,
    Polarity,
    PreviousBasis,
    Unit,
    YearTotal,
)
from ..values import STATED_HELP, BadValue, editable, parse_stated, parse_value, stated_text
from .common import FieldsOnlyMixin


def _people_for(plan: Plan):
    """People who can own an indicator of ``plan``: the plan's officers, leads and heads."""
    ids = set(plan.directorate.leads.values_list("pk", flat=True))
    if plan.directorate.corporate_director_id:
        ids.add(plan.directorate.corporate_director_id)
    if plan.division_id:
        ids |= set(plan.division.officers.values_list("pk", flat=True))
        if plan.division.head_id:
            ids.add(plan.division.head_id)
    return Person.objects.filter(pk__in=ids).order_by("name")


STATED_LABELS = {
    "previous": "Last year's outturn or forecast",
    "benchmark": "Comparative benchmark",
    "floor": "Floor standard",
    "target": "Target for the year",
    "target_q1": "Quarter 1 target",
    "target_q2": "Quarter 2 target",
    "target_q3": "Quarter 3 target",
    "target_q4": "Quarter 4 target",
    "target_next": "Next year's target",
}


class IndicatorFormBase(FieldsOnlyMixin, forms.Form):
    """Turns the typed cells into model field values, reporting problems against the field typed in."""

    stated_slots: tuple[str, ...] = ()
    unit_choices: list = []

    reference = forms.CharField(
        label="Reference", max_length=20, required=False, help_text="As printed, for example CS01."
    )
    description = forms.CharField(label="Description", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    decimal_places = forms.TypedChoiceField(
        label="Decimal places shown",
        coerce=int,
        choices=[(0, "None (95%)"), (1, "One (99.9%)"), (2, "Two"), (3, "Three")],
        initial=0,
    )
    owner = forms.ModelChoiceField(
        label="Owner (optional)",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No owner: remind the plan's officers",
        help_text="Reminded by email when an actual is missing.",
    )

    def __init__(self, *args, plan: Plan, instance=None, **kwargs):
        self.plan = plan
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = self.unit_choices
        self.fields["owner"].queryset = _people_for(plan)
        for slot in self.stated_slots:
            self.fields[slot] = forms.CharField(
                label=STATED_LABELS[slot], required=False, max_length=40, help_text=STATED_HELP
            )
        if instance is not None and not self.is_bound:
            self.initial.update(self.initial_from(instance))

    def initial_from(self, instance) -> dict:
        initial = {
            "reference": instance.reference,
            "description": instance.description,
            "decimal_places": instance.decimal_places,
            "owner": instance.owner_id,
            "unit": instance.unit,
        }
        for slot in self.stated_slots:
            cell = instance.stated(slot)
            initial[slot] = stated_text(
                cell.status,
                cell.value,
                unit=instance.unit,
                places=instance.decimal_places,
                scale_labels=getattr(instance, "scale_labels", None),
            )
        return initial

    def scale_levels(self) -> list[str]:
        return []

    def parse_cells(self, cleaned: dict) -> dict:
        """status/value pairs for each stated cell, parsed in the chosen unit."""
        values = {}
        unit = cleaned.get("unit")
        if not unit:
            return values
        for slot in self.stated_slots:
            try:
                status, value = parse_stated(
                    cleaned.get(slot, ""),
                    unit=unit,
                    scale_labels=self.scale_levels(),
                    places=cleaned.get("decimal_places") or 0,
                )
            except BadValue as error:
                self.add_error(slot, str(error))
                continue
            values[f"{slot}_status"] = status
            values[slot] = value
        return values

    def apply_service_errors(self, error: ValidationError, field_map: dict[str, str] | None = None) -> None:
        """Attach a service's ValidationError to the fields officers typed into (``floor_status`` → ``floor``)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        field_map = field_map or {}
        by_field: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            by_field.setdefault(field_map.get(name, name.removesuffix("_status")), []).extend(messages)
        form_errors_add(self, by_field)


class KpiForm(IndicatorFormBase):
    stated_slots = KPI_SLOTS
    unit_choices = Unit.choices

    unit = forms.ChoiceField(label="Unit", widget=forms.RadioSelect)
    scale_levels_text = forms.CharField(
        label="Levels of the rating scale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a rating scale only: one level a line, from worst to best, e.g. Negative feedback, "
        "Neutral feedback, Positive feedback.",
    )
    polarity = forms.ChoiceField(label="Which is better?", choices=Polarity.choices, widget=forms.RadioSelect)
    frequency = forms.ChoiceField(label="Reported", choices=Frequency.choices, widget=forms.RadioSelect)
    priorities = forms.ModelMultipleChoiceField(
        label="Plan priorities it measures",
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    business_as_usual = forms.BooleanField(
        label="Business as usual (BAU): core business rather than a plan priority", required=False
    )
    previous_basis = forms.ChoiceField(
        label="Last year's figure is", choices=PreviousBasis.choices, widget=forms.RadioSelect
    )
    previous_as_at = forms.CharField(
        label="Forecast based on data for (optional)",
        required=False,
        max_length=30,
        help_text="The month the forecast was made from, for example December 2016.",
    )

    field_order = [
        "reference",
        "description",
        "priorities",
        "business_as_usual",
        "unit",
        "scale_levels_text",
        "decimal_places",
        "polarity",
        "frequency",
        "previous_basis",
        "previous",
        "previous_as_at",
        "benchmark",
        "floor",
        "target",
        "target_q1",
        "target_q2",
        "target_q3",
        "target_q4",
        "target_next",
        "owner",
    ]

    def __init__(self, *args, plan: Plan, instance: Kpi | None = None, **kwargs):
        super().__init__(*args, plan=plan, instance=instance, **kwargs)
        priorities = list(plan.priorities.order_by("position", "id"))
        self.fields["priorities"].queryset = plan.priorities.all()
        self.fields["priorities"].choices = [
            (priority.pk, f"{number}. {priority.title[:120]}") for number, priority in enumerate(priorities, start=1)
        ]
        self.order_fields(self.field_order)
        if not self.is_bound and instance is None:
            self.initial.update(
                {
                    "unit": Unit.PERCENTAGE,
                    "polarity": Polarity.HIGHER,
                    "frequency": Frequency.QUARTERLY,
                    "previous_basis": PreviousBasis.OUTTURN,
                }
            )

    def initial_from(self, instance: Kpi) -> dict:
        initial = super().initial_from(instance)
        initial.update(
            {
                "scale_levels_text": "\n".join(instance.scale_labels or []),
                "polarity": instance.polarity,
                "frequency": instance.frequency,
                "priorities": list(instance.priorities.values_list("pk", flat=True)),
                "business_as_usual": instance.business_as_usual,
                "previous_basis": instance.previous_basis,
                "previous_as_at": instance.previous_as_at.strftime("%B %Y") if instance.previous_as_at else "",
            }
        )
        return initial

    def scale_levels(self) -> list[str]:
        text = (self.cleaned_data or {}).get("scale_levels_text", "") if hasattr(self, "cleaned_data") else ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean_previous_as_at(self):
        text = self.cleaned_data["previous_as_at"].strip()
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise ValidationError("Enter a month and year, for example December 2016.")
        return month

    def clean(self):
        cleaned = super().clean()
        self.model_values = {
            "reference": cleaned.get("reference", ""),
            "description": cleaned.get("description", ""),
            "business_as_usual": cleaned.get("business_as_usual", False),
            "unit": cleaned.get("unit"),
            "scale_labels": self.scale_levels() if cleaned.get("unit") == Unit.SCALE else [],
            "polarity": cleaned.get("polarity"),
            "frequency": cleaned.get("frequency"),
            "decimal_places": cleaned.get("decimal_places") or 0,
            "owner": cleaned.get("owner"),
            "previous_basis": cleaned.get("previous_basis"),
            "previous_as_at": cleaned.get("previous_as_at"),
            **self.parse_cells(cleaned),
        }
        if cleaned.get("unit") != Unit.SCALE and self.scale_levels():
            self.add_error(
                "scale_levels_text", "Levels only apply to a rating scale: clear them or choose “Rating scale”."
            )
        return cleaned

    def apply_service_errors(self, error: ValidationError, field_map=None) -> None:
        super().apply_service_errors(error, {"scale_labels": "scale_levels_text", **(field_map or {})})


class ActivityIndicatorForm(IndicatorFormBase):
    stated_slots = ("previous", "benchmark")
    unit_choices = [(unit.value, unit.label) for unit in ACTIVITY_UNITS]
    bands = (("q1", "Quarter 1"), ("q2", "Quarter 2"), ("q3", "Quarter 3"), ("q4", "Quarter 4"))

    unit = forms.ChoiceField(label="Unit", widget=forms.RadioSelect)
    year_total = forms.ChoiceField(
        label="The year's figure is the", choices=YearTotal.choices, widget=forms.RadioSelect
    )
    tracking_note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=300,
        help_text="For an indicator without thresholds, e.g. Activity to be tracked against last year's activity.",
    )

    def __init__(self, *args, plan: Plan, instance: ActivityIndicator | None = None, **kwargs):
        super().__init__(*args, plan=plan, instance=instance, **kwargs)
        for band, name in self.bands:
            for edge in ("lower", "upper"):
                label = f"{name} {edge} threshold"
                self.fields[f"{band}_{edge}"] = forms.CharField(label=label, required=False, max_length=40)
        if instance is not None and not self.is_bound:
            for band, _ in self.bands:
                for edge in ("lower", "upper"):
                    self.initial[f"{band}_{edge}"] = editable(getattr(instance, f"{band}_{edge}"), unit=instance.unit)
        if not self.is_bound and instance is None:
            self.initial.update({"unit": Unit.COUNT, "year_total": YearTotal.SUM})

    def initial_from(self, instance: ActivityIndicator) -> dict:
        initial = super().initial_from(instance)
        initial.update({"year_total": instance.year_total, "tracking_note": instance.tracking_note})
        return initial

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        thresholds = {}
        for band, _ in self.bands:
            for edge in ("lower", "upper"):
                name = f"{band}_{edge}"
                text = cleaned.get(name, "")
                if not text or not unit:
                    thresholds[name] = None
                    continue
                try:
                    thresholds[name] = parse_value(text, unit=unit, places=cleaned.get("decimal_places") or 0)
                except BadValue as error:
                    self.add_error(name, str(error))
        self.model_values = {
            "reference": cleaned.get("reference", ""),
            "description": cleaned.get("description", ""),
            "unit": unit,
            "decimal_places": cleaned.get("decimal_places") or 0,
            "owner": cleaned.get("owner"),
            "year_total": cleaned.get("year_total"),
            "tracking_note": cleaned.get("tracking_note", ""),
            **self.parse_cells(cleaned),
            **thresholds,
        }
        return cleaned
