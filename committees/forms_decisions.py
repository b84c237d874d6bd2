"""Forms for the Forward Plan, decisions and call-in (fields only; the rules live in the services)."""

from django import forms

from kcc_planning.forms import FieldsOnlyMixin, GovukDateField

from .models import CallIn, CallInOutcome, Decision, ForwardPlanEntry, PrivateMeetingNotice
from .services.decisions import CALL_IN_FIELDS, DECISION_FIELDS, FORWARD_PLAN_ENTRY_FIELDS


class ForwardPlanEntryForm(FieldsOnlyMixin, forms.ModelForm):
    expected_date = GovukDateField(label="Date the decision is expected", noun="the date the decision is expected")
    urgency_recorded_on = GovukDateField(
        label="Date the exception was recorded", noun="the date the exception was recorded", required=False
    )

    class Meta:
        model = ForwardPlanEntry
        fields = list(FORWARD_PLAN_ENTRY_FIELDS)
        labels = {
            "private": "To be taken in private (the public excluded)",
            "exempt_paragraph": "Paragraph of Part 1 of Schedule 12A",
            "key_decision": "Key decision in a business plan",
            "plan": "Business plan whose annual approval this is",
            "urgency": "Taken before 28 clear days have passed",
            "urgency_agreed_by": "Chair of scrutiny told (general exception) or chair who agreed (special urgency)",
            "withdrawn": "Withdrawn from the Forward Plan",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["consultees", "representations", "documents"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_decision"].queryset = self.fields["key_decision"].queryset.select_related(
            "priority__plan__directorate__plan_year", "priority__plan__division"
        )
        # Whole words, never a description cut mid-word: the clerk must tell two decisions apart.
        self.fields["key_decision"].label_from_instance = lambda row: f"{row.priority.plan}: {row.description}"
        self.fields["plan"].queryset = self.fields["plan"].queryset.select_related("directorate__plan_year", "division")


class PublishForwardPlanForm(FieldsOnlyMixin, forms.Form):
    published_on = GovukDateField(label="Date of publication", noun="the date of publication")


class DecisionForm(FieldsOnlyMixin, forms.ModelForm):
    taken_on = GovukDateField(label="Date of decision", noun="the date of the decision")

    class Meta:
        model = Decision
        fields = list(DECISION_FIELDS)
        labels = {
            "number": "Decision number",
            "key_decision": "This is a key decision",
            "forward_plan_entry": "Forward Plan entry",
            "agenda_item": "Agenda item it rests on",
            "exempt_paragraph": "Paragraph of Schedule 12A, if the record itself is exempt",
            "call_in_working_days": "Call-in window in clear working days",
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["decision", "reasons", "alternatives", "interests", "dispensations"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = self.fields["agenda_item"].queryset.select_related("meeting__committee")
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.meeting}: {item.display_public_title}"


class PublishDecisionForm(FieldsOnlyMixin, forms.Form):
    published_on = GovukDateField(label="Date the decision notice is published", noun="the date of publication")


class CallInForm(FieldsOnlyMixin, forms.ModelForm):
    received_on = GovukDateField(label="Date received", noun="the date the call-in was received")

    class Meta:
        model = CallIn
        fields = list(CALL_IN_FIELDS)
        widgets = {"members": forms.Textarea(attrs={"rows": 2}), "reasons": forms.Textarea(attrs={"rows": 4})}


class ResolveCallInForm(FieldsOnlyMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(value, label) for value, label in CallInOutcome.choices if value],
        widget=forms.RadioSelect,
    )
    resolved_on = GovukDateField(label="Date resolved", noun="the date the call-in was resolved")


class PrivateNoticeForm(FieldsOnlyMixin, forms.Form):
    stage = forms.ChoiceField(
        label="Which notice", choices=PrivateMeetingNotice.Stage.choices, widget=forms.RadioSelect
    )
    given_on = GovukDateField(label="Date the notice was given", noun="the date the notice was given")


class RepresentationsForm(FieldsOnlyMixin, forms.Form):
    representations = forms.CharField(
        label="Representations received and the response", widget=forms.Textarea(attrs={"rows": 4})
    )


class LinkEntryForm(FieldsOnlyMixin, forms.Form):
    """Choose the Forward Plan entry that already announces a plan's key decision."""

    entry = forms.ModelChoiceField(
        queryset=ForwardPlanEntry.objects.none(),
        widget=forms.RadioSelect,
        label="Which Forward Plan entry announces this decision?",
        empty_label=None,
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = ForwardPlanEntry.objects.filter(pk__in=[entry.pk for entry in entries])
        self.fields["entry"].label_from_instance = lambda entry: f"{entry.decision_number} {entry.subject}"
