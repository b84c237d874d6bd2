"""Forms for minutes (fields only; the rules are the services')."""

from django import forms

from kcc_planning.forms import FieldsOnlyMixin, GovukDateField

from .models import AgendaItem, Attendance, AttendanceKind, CommitteeMember, Declaration, Meeting, Minute
from .services.minutes import DECLARATION_FIELDS, MINUTE_FIELDS


class AttendanceForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["kind", "name", "title", "substitute_for"]
        labels = {"kind": "Attended as", "title": "Title (a chair's role, an officer's job title)"}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute_for"].queryset = CommitteeMember.objects.filter(
            committee_id=meeting.committee_id, vacant=False
        )
        self.fields["substitute_for"].label = "Substitute for (a member of the committee)"
        self.fields["kind"].choices = [
            (value, label) for value, label in AttendanceKind.choices if value != AttendanceKind.APOLOGIES
        ]


class DeclarationForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Declaration
        fields = list(DECLARATION_FIELDS)
        labels = {"member": "Member", "item": "Agenda item"}
        widgets = {"nature": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting)


class MinuteForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Minute
        fields = list(MINUTE_FIELDS)
        labels = {
            "item": "Agenda item it records",
            "body": "Minute (numbered paragraphs)",
            "resolution": "RESOLVED that …",
            "exempt_paragraph": "Paragraph of Schedule 12A, if the minute is exempt",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 8}), "resolution": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting)


class PublishMinutesForm(FieldsOnlyMixin, forms.Form):
    published_on = GovukDateField(label="Date of publication", noun="the date of publication")


class ConfirmMinutesForm(FieldsOnlyMixin, forms.Form):
    at_meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label="Meeting that agreed them")
    signed_by = forms.CharField(label="Signed by (the chair)", max_length=200)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            committee_id=meeting.committee_id, date__gt=meeting.date
        ).select_related("committee")


class CorrectionForm(FieldsOnlyMixin, forms.Form):
    text = forms.CharField(label="Correction", widget=forms.Textarea(attrs={"rows": 3}))
    agreed_on = GovukDateField(label="Date the correction was agreed", noun="the date the correction was agreed")
