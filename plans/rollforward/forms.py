"""The confirmation form of "Start next year's plan from this one"."""

from django import forms

from kcc_planning.forms import FieldsOnlyMixin

from .successors import unit_label


class RollForwardForm(FieldsOnlyMixin, forms.Form):
    """Asks which unit the new plan is for, only when the structure does not say (a split or a merge)."""

    successor = forms.ChoiceField(
        label="Which unit is next year's plan for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the unit next year's plan is for"},
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        if candidates:
            self.fields["successor"].choices = [(str(unit.pk), unit_label(unit)) for unit in candidates]
        else:
            del self.fields["successor"]
