"""Forms for meetings, agenda items, papers and publishing (crispy-forms-gds, fields only)."""

from django import forms

from documents import registry
from kcc_planning.forms import FieldsOnlyMixin
from plans.models import PlanSnapshot

from .models import AgendaItem, Appendix, AppendixKind, Meeting, Paper


class MeetingForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "committee",
            "date",
            "start_time",
            "venue",
            "clerk_name",
            "clerk_telephone",
            "refreshments_note",
            "webcast",
            "webcast_notice",
            "signed_off_by",
            "signed_off_title",
            "signed_off_telephone",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class AgendaItemForm(FieldsOnlyMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["section", "title", "decision_number", "exempt", "exempt_paragraph", "public_title"]
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
        fields = [
            "title",
            "from_by",
            "to",
            "past_pathway",
            "future_pathway",
            "electoral_division",
            "summary",
            "recommendations",
            "body",
            "background_documents",
            "contact",
        ]
        labels = {"title": "Subject", "to": "To (leave blank for the committee and meeting date)"}
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["from_by", "summary", "recommendations"]} | {
            "body": forms.Textarea(attrs={"rows": 14})
        }


class UploadForm(FieldsOnlyMixin, forms.Form):
    title = forms.CharField(max_length=400, label="Title of the paper")
    file = forms.FileField(label="PDF file", help_text="A PDF up to 50 MB and 500 pages, without a password.")


def appendix_choices() -> list[tuple[str, str]]:
    """Everything an appendix can print: committee snapshots of plans, registers, dashboards."""
    choices = [
        (
            f"{AppendixKind.PLAN_SNAPSHOT}:{snapshot.pk}",
            f"Plan snapshot: {snapshot.plan.unit_name} (version {snapshot.version}, {snapshot.get_kind_display()})",
        )
        for snapshot in PlanSnapshot.objects.select_related("plan__division", "plan__directorate")
    ]
    for key in (AppendixKind.RISK_REGISTER, AppendixKind.PERFORMANCE_DASHBOARD):
        try:
            renderer = registry.get(key)
        except registry.UnknownRenderer:
            continue
        for subject in renderer.model._default_manager.all()[:500]:
            choices.append((f"{key}:{subject.pk}", f"{AppendixKind(key).label}: {subject}"))
    return choices


class AppendixForm(FieldsOnlyMixin, forms.Form):
    title = forms.CharField(max_length=400, label="Title of the appendix")
    document = forms.ChoiceField(label="Document to print")
    continues_previous = forms.BooleanField(
        required=False, label="Part of the previous appendix (keeps its letter, as Appendix B's six plans do)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", "Choose a document")] + appendix_choices()

    def appendix(self, paper: Paper) -> Appendix:
        kind, _, subject = self.cleaned_data["document"].partition(":")
        appendix = Appendix(
            paper=paper,
            title=self.cleaned_data["title"],
            kind=kind,
            continues_previous=self.cleaned_data["continues_previous"],
        )
        if kind == AppendixKind.PLAN_SNAPSHOT:
            appendix.snapshot_id = int(subject)
        else:
            appendix.subject_id = int(subject)
        return appendix


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
