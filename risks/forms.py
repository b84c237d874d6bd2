"""Forms for risks, their controls and actions, reviews and register filters.

Forms only turn input into values; ``risks.services`` checks and writes them.
Likelihood and impact are radios whose values are the plain numbers 1-5 and
whose labels come from the scales in the database ("Possible (3)").
"""

from __future__ import annotations

from crispy_forms.layout import Layout
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.forms import formset_factory

from kcc_planning.forms import FieldsOnlyMixin, GovukDateField
from plans.models import Person

from . import models
from .scoring import Scales
from .services import ActionInput, ControlInput, Ratings, scale_value
from .services.ratings import FIELD_NAMES, FIELD_WORDS

DATE_HINT = "For example, 31 3 2014."
OWNERS_TEMPLATE = "risks/_owner_checkboxes.html"


class ScaleField(forms.ChoiceField):
    """A likelihood or impact: exactly one of the ASCII digits 1-5, nothing else."""

    widget = forms.RadioSelect

    def __init__(self, *, words: str, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.error_messages["invalid_choice"] = f"Select the {words} from the list: a whole number from 1 to 5."

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip() if isinstance(value, str) else value

    def clean(self, value):
        value = super().clean(value)
        return scale_value(value) if value not in self.empty_values else None


ASSESSED = "assessed"
IN_PROGRESS = "in_progress"


class RatingsForm(FieldsOnlyMixin, forms.Form):
    """Current and target residual likelihood × impact, or "assessment in progress"."""

    assessment = forms.ChoiceField(
        label="Has the risk been assessed?",
        choices=[(ASSESSED, "Yes, rate it now"), (IN_PROGRESS, "No, risk assessment in progress")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the risk has been assessed."},
    )

    def __init__(self, *args, scales: Scales, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELD_NAMES:
            choices = scales.likelihood_choices() if name.endswith("likelihood") else scales.impact_choices()
            self.fields[name] = ScaleField(
                words=FIELD_WORDS[name],
                label=FIELD_WORDS[name].capitalize(),
                choices=choices,
            )
        self.fields["assessment"].choices = [
            Choice(ASSESSED, "Yes, rate it now"),
            Choice(IN_PROGRESS, "No, risk assessment in progress", hint="The risk is listed without a rating."),
        ]
        self.helper.layout = Layout(
            Field.radios("assessment", legend_size=Size.SMALL),
            *(Field.radios(name, legend_size=Size.SMALL, small=True) for name in FIELD_NAMES),
        )

    def clean(self):
        data = super().clean()
        if data.get("assessment") == ASSESSED:
            for name in FIELD_NAMES:
                if name not in self.errors and data.get(name) is None:
                    self.add_error(name, f"Select the {FIELD_WORDS[name]}.")
        elif data.get("assessment") == IN_PROGRESS:
            for name in FIELD_NAMES:
                if data.get(name) is not None:
                    self.add_error(name, f"Leave the {FIELD_WORDS[name]} empty while the assessment is in progress.")
        return data

    def ratings(self) -> Ratings:
        if self.cleaned_data.get("assessment") == IN_PROGRESS:
            return Ratings.in_progress()
        return Ratings(**{name: self.cleaned_data.get(name) for name in FIELD_NAMES})

    @staticmethod
    def initial_for(risk) -> dict:
        initial = {name: getattr(risk, name) for name in FIELD_NAMES}
        initial["assessment"] = IN_PROGRESS if risk.current_likelihood is None else ASSESSED
        return initial


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return str(obj)


class RiskForm(FieldsOnlyMixin, forms.ModelForm):
    owners = PeopleChoiceField(
        label="Risk owner(s)",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priorities = forms.ModelMultipleChoiceField(
        label="Plan priorities this risk threatens",
        queryset=models.Risk.priorities.rel.model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    next_review_on = GovukDateField(
        label="Next review date", noun="the next review date", required=False, help_text=DATE_HINT
    )

    class Meta:
        model = models.Risk
        fields = ["reference", "title", "source_cause", "risk_events", "consequences", "next_review_on"]
        labels = {"title": "Risk title"}
        widgets = {
            "reference": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
            "title": forms.Textarea(attrs={"rows": 2}),
            "source_cause": forms.Textarea(attrs={"rows": 3}),
            "risk_events": forms.Textarea(attrs={"rows": 3}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "reference": {"required": "Enter a reference for the risk, like BSS1."},
            "title": {"required": "Enter the risk title."},
        }

    def __init__(self, *args, people, priorities, owner_groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = people
        self.fields["priorities"].queryset = priorities
        self.fields["priorities"].label_from_instance = lambda p: f"{p.plan.unit_name}: {p.title}"
        if not priorities.exists():
            del self.fields["priorities"]
        self.helper.layout = Layout(
            *(name for name in ("reference", "title", "source_cause", "risk_events", "consequences", "next_review_on")),
            Field("owners", template=OWNERS_TEMPLATE)
            if owner_groups is not None
            else Field.checkboxes("owners", legend_size=Size.SMALL, small=True),
            *(
                [Field.checkboxes("priorities", legend_size=Size.SMALL, small=True)]
                if "priorities" in self.fields
                else []
            ),
        )

        if owner_groups is not None:
            self.fields["owners"].groups = self._owner_groups(owner_groups, people)

    def _owner_groups(self, groups, people) -> list[tuple[str, list[dict]]]:
        """The groups as the template shows them, numbered from 1 (the error summary links to ``id_owners_1``).

        Someone already chosen who is no longer offered (a login chosen before) stays on the list, ticked, so
        saving the form never drops an owner unseen.
        """
        chosen = {str(value) for value in (self["owners"].value() or [])}
        offered = {str(person.pk) for _, members in groups for person, _ in members}
        kept = [(person, "") for person in people if str(person.pk) in chosen - offered]
        if kept:
            groups = [*groups, ("Already chosen", kept)]
        shown, number = [], 0
        for legend, members in groups:
            options = []
            for person, division in members:
                number += 1
                label = str(person)
                if division and division.lower() not in label.lower():
                    label = f"{label} ({division})"
                options.append(
                    {"number": number, "value": person.pk, "label": label, "checked": str(person.pk) in chosen}
                )
            shown.append((legend, options))
        return shown

    def validate_unique(self):
        # The service checks the reference against the register (case-insensitively) and reports it on the field.
        return


class RowForm(FieldsOnlyMixin, forms.ModelForm):
    """A control or action row: ``row_id`` says which existing row it edits (blank for a new one)."""

    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def is_blank(self) -> bool:
        return not self.has_changed() and not self.cleaned_data.get("row_id")


class ControlForm(RowForm):
    class Meta:
        model = models.Control
        fields = ["title", "owner"]
        labels = {"title": "Control"}
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": "Enter the control, or tick 'Remove' to take this row away."}}

    def row_input(self) -> ControlInput:
        data = self.cleaned_data
        return ControlInput(
            id=data.get("row_id"),
            title=data.get("title", ""),
            owner=data.get("owner", ""),
            delete=bool(data.get("DELETE")),
        )


class ActionForm(RowForm):
    class Meta:
        model = models.RiskAction
        fields = ["title", "owner", "due_text", "done"]
        labels = {"title": "Action", "done": "Done"}
        help_texts = {"due_text": "A date such as 31/03/2014, a month such as March 2014, or a note such as 'Ongoing'."}
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": "Enter the action, or tick 'Remove' to take this row away."}}

    def row_input(self) -> ActionInput:
        data = self.cleaned_data
        return ActionInput(
            id=data.get("row_id"),
            title=data.get("title", ""),
            owner=data.get("owner", ""),
            due_text=data.get("due_text", ""),
            done=bool(data.get("done")),
            delete=bool(data.get("DELETE")),
        )


class BaseRowFormSet(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this row"

    def row_inputs(self) -> tuple[list, list[int]]:
        """The submitted rows (blank new rows skipped) and the form index each came from."""
        rows, indexes = [], []
        for index, form in enumerate(self.forms):
            if form.is_blank():
                continue
            rows.append(form.row_input())
            indexes.append(index)
        return rows, indexes


# New rows are simply left blank to drop them, so only saved rows offer "Remove this row".
ControlFormSet = formset_factory(
    ControlForm, formset=BaseRowFormSet, extra=0, can_delete=True, can_delete_extra=False, max_num=100
)
ActionFormSet = formset_factory(
    ActionForm, formset=BaseRowFormSet, extra=0, can_delete=True, can_delete_extra=False, max_num=100
)


class ReviewForm(FieldsOnlyMixin, forms.Form):
    reviewed_on = GovukDateField(label="Date of the review", noun="the date of the review", help_text=DATE_HINT)
    note = forms.CharField(
        label="Review note",
        help_text="What was reviewed and why the ratings changed or stayed the same.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=models.registers.TEXT_LIMIT,
        error_messages={"required": "Enter a note about the review."},
    )


class FilterForm(forms.Form):
    """Register filters, read from the query string. Unknown values are ignored rather than refused."""

    band = forms.ChoiceField(label="Current band", required=False)
    owner = forms.TypedChoiceField(label="Risk owner", required=False, coerce=int, empty_value=None)
    overdue_review = forms.BooleanField(label="Review overdue", required=False)
    overdue_action = forms.BooleanField(label="Has an overdue action", required=False)

    def __init__(self, *args, scales: Scales, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["band"].choices = [("", "Any band"), *((band.name, band.name) for band in scales.bands)]
        self.fields["owner"].choices = [("", "Anyone"), *((str(person.pk), str(person)) for person in owners)]
        for name in ("band", "owner"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        for name in ("overdue_review", "overdue_action"):
            self.fields[name].widget.attrs["class"] = "govuk-checkboxes__input"
