"""Forms for editing plan sections.

Row tables are plain formsets of ModelForms with a hidden ``row_id``: the view
turns them into ``services.RowInput`` lists, so all writing stays in services.
``ORDER`` (shown as "Position") lets rows be reordered without JavaScript.
"""

from django import forms
from django.forms import formset_factory

from kcc_planning.forms import FieldsOnlyMixin, GovukDateField
from kcc_planning.locking import LockVersionField, LockVersionForm

from . import models
from .months import range_error


class LockedForm(LockVersionForm):
    """The shared lock version form (``kcc_planning.locking``); a plan page always sends its version."""

    lock_version = LockVersionField()


class PlanSummaryForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = models.Plan
        fields = [
            "status_note",
            "summary_portfolio",
            "summary_corporate_director",
            "summary_heads_of_service",
            "summary_gross_expenditure",
            "summary_fte",
        ]
        help_texts = {
            "summary_gross_expenditure": "An amount, or a note such as 'TBC – Feb 2013'.",
            "summary_fte": "A number, or a note such as 'TBC – Feb 2013'.",
        }


class PlanResourcesForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = models.Plan
        fields = ["resources_unit", "resources_note", "fte_current", "fte_estimate", "fte_variance_reason"]
        labels = {"resources_unit": "Amounts in the table are in", "resources_note": "Notes on the resources"}
        widgets = {
            "resources_unit": forms.RadioSelect,
            "resources_note": forms.Textarea(attrs={"rows": 3}),
            "fte_variance_reason": forms.Textarea(attrs={"rows": 3}),
        }


class DirectorateResourcesForm(PlanResourcesForm):
    class Meta(PlanResourcesForm.Meta):
        fields = ["resources_unit", "resources_note"]


class RowForm(FieldsOnlyMixin, forms.ModelForm):
    row_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def _post_clean(self):
        # Row-level model validation runs in the service, where the plan is known.
        pass

    def row_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


def _row_form(model, fields, **meta_attrs):
    meta = type("Meta", (), {"model": model, "fields": fields, **meta_attrs})
    return type(f"{model.__name__}RowForm", (RowForm,), {"Meta": meta})


TEXTAREA = forms.Textarea(attrs={"rows": 3})

NarrativeBlockForm = _row_form(
    models.NarrativeBlock,
    ["heading", "body"],
    widgets={"body": forms.Textarea(attrs={"rows": 8})},
    labels={"heading": "Heading (optional)", "body": "Text"},
    help_texts={"body": "Leave a blank line between paragraphs. Start a line with '- ' for a bullet point."},
)
PriorityRowForm = _row_form(
    models.Priority,
    ["title", "description"],
    widgets={"description": TEXTAREA},
    labels={"description": "Description of priority"},
)
ResourceLineForm = _row_form(
    models.ResourceLine,
    ["unit_name", "responsible_manager", "staffing", "non_staffing", "internal_income", "external_income", "grants"],
)
StaffingLineForm = _row_form(models.StaffingLine, ["unit_name", "fte"])
CriticalFunctionForm = _row_form(
    models.CriticalFunction,
    ["function", "timescale", "minimum_service_level"],
    widgets={"function": TEXTAREA, "minimum_service_level": TEXTAREA},
)
SupportRequestForm = _row_form(
    models.SupportRequest, ["activity", "expected_impact", "expected_date"], widgets={"activity": TEXTAREA}
)
PriorityProgressForm = _row_form(
    models.PriorityProgress,
    ["title", "progress"],
    widgets={"title": TEXTAREA, "progress": forms.Textarea(attrs={"rows": 6})},
)
ServiceProvisionForm = _row_form(models.ServiceProvision, ["group", "service_name", "provision", "contract_end"])
CommissioningForm = _row_form(
    models.CommissioningActivity,
    [
        "name",
        "description",
        "lead_service",
        "expected_value",
        "expected_value_note",
        "key_decision_date",
        "public_consultation",
    ],
    widgets={"description": TEXTAREA, "public_consultation": forms.RadioSelect},
    help_texts={"expected_value": "In pounds, e.g. 36300000 for £36.3m. Leave blank for N/A."},
)


class ActionForm(RowForm):
    sub_action = forms.BooleanField(
        required=False,
        label="This is a sub-action of the action above it",
        help_text="Sub-actions are numbered 1.1, 1.2 under their action.",
    )

    class Meta:
        model = models.Action
        fields = ["sub_action", "title", "accountable_officer", "start_text", "end_text"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": "Action", "start_text": "Start date (month/year)", "end_text": "End date (month/year)"}
        help_texts = {
            "start_text": "For example, April 2013, or a note such as 'To be agreed'.",
            "end_text": "For example, March 2014, or a note such as 'Ongoing into 2014'.",
        }

    def clean(self):
        cleaned = super().clean()
        message = range_error(cleaned.get("start_text") or "", cleaned.get("end_text") or "")
        if message:
            self.add_error("end_text", message)
        return cleaned


class MilestoneForm(RowForm):
    action_ref = forms.CharField(
        required=False,
        max_length=20,
        label="Action it belongs to",
        help_text="The action's number, for example 2.3.",
    )
    # Which action the number above meant when the page showed it (an action's row id, or
    # ``new-<form index>`` for an action added on the page), so moving actions never re-points it.
    action_key = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    action_key_number = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    class Meta:
        model = models.Milestone
        fields = ["title", "action_ref", "due_text", "action_key", "action_key_number"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": "Milestone", "due_text": "Date (month/year)"}
        help_texts = {"due_text": "For example, June 2013, or 'Quarterly'."}


class KeyDecisionForm(RowForm):
    # "Already in the Forward Plan?" is not typed any more: a Forward Plan entry linked to the decision answers
    # it (issue 13, ``plans.forward_plan``); the column keeps what was typed before, for the record.
    class Meta:
        model = models.KeyDecision
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"description": "Key or significant decision"}


class RowFormSet(forms.BaseFormSet):
    """Labels the ordering and deletion fields in plain English."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = "Position"
            form.fields["ORDER"].help_text = "Change the numbers to reorder the rows."
            form.fields["ORDER"].widget.attrs.update({"class": "govuk-input govuk-input--width-3", "min": 1})
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this row when I save"


def make_formset(form_class, extra: int = 0):
    return formset_factory(
        form_class, formset=RowFormSet, extra=extra, can_order=True, can_delete=True, max_num=1000, absolute_max=1000
    )


class PriorityForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = models.Priority
        fields = ["title", "description"]
        widgets = {"description": TEXTAREA}
        labels = {"description": "Description of priority"}


class TransitionForm(FieldsOnlyMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    decision_number = forms.CharField(
        required=False, max_length=40, label="Decision number", help_text="For example, 12/01971."
    )
    decided_on = GovukDateField(
        required=False,
        label="Date of the decision",
        noun="the date of the decision",
        help_text="For example, 27 3 2013.",
    )

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        if step is not None:
            self.fields["reason"].label = step.reason_label
            if not step.needs_decision:
                del self.fields["decision_number"]
                del self.fields["decided_on"]


class CommentForm(FieldsOnlyMixin, forms.Form):
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)


class ReplyForm(FieldsOnlyMixin, forms.Form):
    body = forms.CharField(label="Reply", widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)


class AddressedForm(FieldsOnlyMixin, forms.Form):
    version = forms.IntegerField(
        label="Version of the plan that made the change",
        min_value=1,
        help_text="Members can compare the committee's version with this one.",
    )
