"""The form to issue a supplement (fields only; the rules are ``services.supplements``')."""

from django import forms

from kcc_planning.forms import FieldsOnlyMixin

from .agenda import NumberedItem
from .models import SupplementNumbering
from .models.supplements import REASON_MAX_LENGTH


class SupplementForm(FieldsOnlyMixin, forms.Form):
    items = forms.TypedMultipleChoiceField(
        label="Items in the supplement",
        help_text="Items added, or whose papers changed, since the pack was published are ticked.",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one item for the supplement"},
    )
    reason = forms.CharField(
        label="The chair's reason for urgency",
        help_text="Why the items cannot wait for the next meeting (Local Government Act 1972, section 100B(4)(b)).",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the chair's reason for taking the items as urgent"},
    )
    numbering = forms.ChoiceField(
        label="Page numbers",
        choices=SupplementNumbering.choices,
        initial=SupplementNumbering.RUN_ON,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, entries: list[NumberedItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(entry.item.pk, f"{entry.number} {entry.item.title}") for entry in entries]
