"""Agenda items in lettered sections, the papers attached to them and their appendices."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from kcc_planning.locking import lock_version_field
from plans.models import PlanSnapshot

from .meetings import DECISION_NUMBER_VALIDATOR, Meeting


class AgendaSection(models.TextChoices):
    """The lettered sections of a Cabinet Committee agenda, headed as printed in seed 001."""

    A = "A", "Committee Business"
    B = "B", "Key or significant Cabinet Member Decision(s) for recommendation or endorsement"
    C = "C", "Monitoring of Performance"
    D = "D", "Other items for comment/recommendation to the Leader/Cabinet Member/Cabinet or officers"
    E = "E", "Key or significant Cabinet Member Decision(s) for recommendation or endorsement"
    F = (
        "F",
        (
            "FOR INFORMATION ONLY - Cabinet Member Decision - taken without being considered at a meeting "
            "of the Cabinet Committee"
        ),
    )


class AgendaItem(models.Model):
    """An item of business. Its number (``B1``) is derived from its section and position, never typed.

    An exempt item carries the paragraph of Part 1 of Schedule 12A that makes it
    exempt, and a ``public_title``: the wording the public agenda uses, which may
    say less than the full ``title`` the members see.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=1, choices=AgendaSection.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=400)
    decision_number = models.CharField(max_length=8, blank=True, validators=[DECISION_NUMBER_VALIDATOR])
    exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text="Paragraph 1-7 of Part 1 of Schedule 12A to the Local Government Act 1972.",
    )
    public_title = models.CharField(
        max_length=400, blank=True, help_text="For an exempt item: the title printed on the public agenda."
    )
    lock_version = lock_version_field()

    class Meta:
        ordering = ["meeting", "section", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(exempt=False, exempt_paragraph__isnull=True)
                    | models.Q(
                        exempt=True, exempt_paragraph__isnull=False, exempt_paragraph__gte=1, exempt_paragraph__lte=7
                    )
                ),
                name="agendaitem_exempt_has_paragraph",
            ),
            models.CheckConstraint(
                condition=models.Q(exempt=True) | models.Q(public_title=""),
                name="agendaitem_public_title_only_if_exempt",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_public_title(self) -> str:
        """What anyone may read: the public title of an exempt item, the title of any other."""
        return (self.public_title or self.title) if self.exempt else self.title


class PaperKind(models.TextChoices):
    COVER_REPORT = "report", "Cover report written here"
    UPLOAD = "upload", "Uploaded PDF"


class Classification(models.TextChoices):
    UNRESTRICTED = "unrestricted", "Unrestricted"
    EXEMPT = "exempt", "Exempt"


class Paper(models.Model):
    """A paper attached to an agenda item: a cover report written here, or an uploaded PDF."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=10, choices=PaperKind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=400, help_text="The subject of the report or the name of the document.")
    # Cover report fields (seed 002).
    from_by = models.TextField("From/By", blank=True, validators=[MaxLengthValidator(2000)])
    to = models.CharField("To", max_length=300, blank=True)
    past_pathway = models.CharField("Past Pathway of Paper", max_length=500, blank=True)
    future_pathway = models.CharField("Future Pathway of Paper", max_length=500, blank=True)
    electoral_division = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True, validators=[MaxLengthValidator(10_000)])
    recommendations = models.TextField("Recommendation(s)", blank=True, validators=[MaxLengthValidator(10_000)])
    body = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(200_000)],
        help_text="Lines starting with '# ' are headings; paragraphs are separated by a blank line.",
    )
    background_documents = models.TextField(blank=True, validators=[MaxLengthValidator(5000)])
    contact = models.TextField("Contact details", blank=True, validators=[MaxLengthValidator(2000)])
    # Upload fields: the file lives in private storage, never under MEDIA_URL.
    file_name = models.CharField(max_length=300, blank=True)
    original_name = models.CharField(max_length=300, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    # An upload: whether it is tagged, so its structure tree goes into the pack (null: checked before this was
    # recorded). An untagged upload is only figures with alternative text: the clerk is told before publishing.
    tagged = models.BooleanField(null=True, blank=True, editable=False)
    lock_version = lock_version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="report", file_name="")
                    | (
                        models.Q(kind="upload", page_count__isnull=False, page_count__gte=1)
                        & ~models.Q(file_name="")
                        & ~models.Q(checksum="")
                    )
                ),
                name="paper_upload_has_file",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="upload") | models.Q(tagged__isnull=True), name="paper_tagged_only_if_upload"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def untagged_upload(self) -> bool:
        """An uploaded PDF not known to be tagged: not accessible, so the clerk asks its author for a tagged one."""
        return self.kind == PaperKind.UPLOAD and not self.tagged


class AppendixKind(models.TextChoices):
    PLAN_SNAPSHOT = "plan_snapshot", "Business plan as sent to committee (snapshot)"
    RISK_REGISTER = "risk_register", "Risk register"
    PERFORMANCE_DASHBOARD = "performance_dashboard", "Performance dashboard"
    PLAN_COMPARISON = "plan_comparison", "Changes between two versions of a plan"
    MONITORING_REPORT = "monitoring_report", "Business plan monitoring report"


class Appendix(models.Model):
    """An appendix of a cover report, printed by the other apps' renderers.

    A plan appendix is a frozen snapshot, so the pack shows exactly what was sent.
    Other kinds name the renderer key of the document pipeline and its subject.
    ``continues_previous`` keeps the previous appendix's letter (Appendix B is
    six divisional plans in seed 001).
    """

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=400)
    kind = models.CharField(max_length=30, choices=AppendixKind.choices)
    snapshot = models.ForeignKey(PlanSnapshot, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    options = models.JSONField(default=dict, blank=True)
    continues_previous = models.BooleanField(default=False)
    # A monitoring report is read from live progress, KPIs and risks: the first pack build freezes what it
    # printed here (with a checksum, like a plan snapshot), so later progress never changes the item's papers.
    frozen = models.JSONField(null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    frozen_checksum = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["paper", "position", "id"]
        verbose_name_plural = "appendices"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="plan_snapshot", snapshot__isnull=False)
                    | (~models.Q(kind="plan_snapshot") & models.Q(subject_id__isnull=False))
                ),
                name="appendix_has_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(frozen__isnull=True, frozen_at__isnull=True, frozen_checksum="")
                | (models.Q(frozen__isnull=False, frozen_at__isnull=False) & ~models.Q(frozen_checksum="")),
                name="appendix_frozen_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.kind == AppendixKind.MONITORING_REPORT and not (self.options or {}).get("period"):
            raise ValidationError({"options": "A monitoring report appendix needs its reporting period."})
