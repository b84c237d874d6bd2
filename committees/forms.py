"""Forms for meetings, agenda items, papers and publishing (crispy-forms-gds, fields only)."""

from django import forms

from kcc_planning.forms import FieldsOnlyMixin

from .models import AgendaItem, Meeting, Paper
from .services.agenda import AGENDA_ITEM_FIELDS, COVER_REPORT_FIELDS, MEETING_FIELDS


class MeetingForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class AgendaItemForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = list(AGENDA_ITEM_FIELDS)
        labels = {
            "exempt": "Exempt item (the press and public are excluded)",
            "exempt_paragraph": "Paragraph of Part 1 of Schedule 12A",
        }

    def clean(self):
        data = super().clean()
        if data.get("exempt") and not data.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Enter the paragraph of Schedule 12A that makes this item exempt")
        if data.get("exempt") and not (data.get("public_title") or "").strip():
            self.add_error("public_title", "Enter the title the public agenda shows for this exempt item")
        return data


class CoverReportForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Paper
        fields = list(COVER_REPORT_FIELDS)
        labels = {"title": "Subject", "to": "To (leave blank for the committee and meeting date)"}
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["from_by", "summary", "recommendations"]} | {
            "body": forms.Textarea(attrs={"rows": 14})
        }


class UploadForm(FieldsOnlyMixin, forms.Form):
    title = forms.CharField(max_length=400, label="Title of the paper")
    file = forms.FileField(label="PDF file", help_text="A PDF up to 50 MB and 500 pages, without a password.")


class AppendixForm(FieldsOnlyMixin, forms.Form):
    """``choices`` are ``("<kind>:<id>", label)`` pairs of what may be printed (``selectors.appendix_choices``)."""

    title = forms.CharField(max_length=400, label="Title of the appendix")
    document = forms.ChoiceField(label="Document to print")
    continues_previous = forms.BooleanField(
        required=False, label="Part of the previous appendix (keeps its letter, as Appendix B's six plans do)"
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", "Choose a document"), *choices]

    def chosen_document(self) -> tuple[str, int]:
        """The chosen document as (appendix kind, id of the snapshot or subject)."""
        kind, _, document_id = self.cleaned_data["document"].partition(":")
        return kind, int(document_id)


class BuildForm(FieldsOnlyMixin, forms.Form):
    published_on = forms.DateField(
        label="Date of publication printed on the agenda",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PublishForm(FieldsOnlyMixin, forms.Form):
    change_note = forms.CharField(
        required=False,
        max_length=5000,
        label="What changed since the last publication (needed when republishing)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
