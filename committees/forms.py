"""Forms for meetings, agenda items, papers and publishing (crispy-forms-gds, fields only)."""

import datetime

from django import forms
from django.utils import timezone

from kcc_planning.forms import FieldsOnlyMixin, GovukDateField

from .clear_days import publication_date_check
from .models import AgendaItem, AgendaSection, Meeting, Paper
from .services.agenda import AGENDA_ITEM_FIELDS, COVER_REPORT_FIELDS, MEETING_FIELDS


class MeetingForm(FieldsOnlyMixin, forms.ModelForm):
    date = GovukDateField(label="Date of the meeting", help_text="For example, 8 1 2013.")

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


def section_choices() -> list[tuple[str, str]]:
    """Each section with its letter ("B – Key or significant…"): B and E share their wording, not their letter."""
    return [(letter, f"{letter} – {heading}") for letter, heading in AgendaSection.choices]


class AgendaItemForm(FieldsOnlyMixin, forms.ModelForm):
    section = forms.ChoiceField(label="Section", choices=section_choices)

    class Meta:
        model = AgendaItem
        fields = list(AGENDA_ITEM_FIELDS)
        labels = {
            "exempt": "Exempt item (the press and public are excluded)",
            "exempt_paragraph": "Paragraph of Part 1 of Schedule 12A",
        }
        widgets = {
            "exempt_paragraph": forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-2", "inputmode": "numeric", "spellcheck": "false"}
            ),
        }
        error_messages = {"exempt_paragraph": {"invalid": "Enter the paragraph as a number from 1 to 7"}}

    def clean(self):
        data = super().clean()
        paragraph = data.get("exempt_paragraph")
        if paragraph is not None and not 1 <= paragraph <= 7:
            self.add_error("exempt_paragraph", "Enter the paragraph as a number from 1 to 7")
        elif data.get("exempt") and not paragraph and "exempt_paragraph" not in self.errors:
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
        kind, _, rest = self.cleaned_data["document"].partition(":")
        return kind, int(rest.partition(":")[0])

    def chosen_options(self) -> dict[str, str]:
        """What the chosen document is printed with: a monitoring report's period (``…:<id>:2017-Q2``)."""
        period = self.cleaned_data["document"].split(":", 2)[2:]
        return {"period": period[0]} if period else {}


class BuildForm(FieldsOnlyMixin, forms.Form):
    """The date printed on the agenda, checked by the one rule (``clear_days.publication_date_check``).

    A date after the meeting is a field error. Fewer than five clear days needs the box ticked (an urgent,
    late publication is lawful, but the clerk must mean it); other warnings are kept in ``warnings`` and
    shown once the build is queued, since the pack can still be checked before it is published.
    """

    published_on = GovukDateField(
        label="Date of publication printed on the agenda",
        noun="the date of publication",
        help_text="For example, 21 12 2012.",
    )
    confirm_late = forms.BooleanField(
        required=False,
        label="Publish with fewer than five clear days (the chairman has agreed the items are urgent)",
    )

    def __init__(self, *args, meeting_date: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting_date = meeting_date
        self.warnings: list[str] = []

    def clean(self):
        data = super().clean()
        published_on = data.get("published_on")
        if published_on is None or self.meeting_date is None:
            return data
        check = publication_date_check(published_on=published_on, meeting=self.meeting_date, today=timezone.localdate())
        for message in check.errors:
            self.add_error("published_on", message)
        if check.late and not data.get("confirm_late"):
            self.add_error("confirm_late", f"{check.warnings[0]}. Tick the box to publish on this date anyway")
        self.warnings = check.warnings
        return data


class PublishForm(FieldsOnlyMixin, forms.Form):
    change_note = forms.CharField(
        required=False,
        max_length=5000,
        label="What changed since the last publication (needed when republishing)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
