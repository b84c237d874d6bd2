"""Cabinet Committees, their meetings, agendas, papers and the agenda packs built from them.

Laid out like the council's printed agendas (seed 001): a committee with its
members by party, a meeting with its venue and clerk, agenda items in lettered
sections (A-F) numbered within the section (``B1``), papers attached to items
(a cover report written here, or an uploaded PDF), and the packs: one build
makes the members' full pack and the public pack together, so both always
share the same page numbers.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from .review import PlanSnapshot

DECISION_NUMBER_VALIDATOR = RegexValidator(
    r"^\d{2}/\d{5}$", "Enter a decision number like 12/01971 (two digits, a slash, five digits)."
)

DEFAULT_WEBCAST_NOTICE = (
    "Please note: this meeting may be filmed for live or subsequent broadcast via the Council's internet site "
    "– at the start of the meeting the Chairman will confirm if all or part of the meeting is being filmed.\n\n"
    "By entering the meeting room you are consenting to being filmed and to the possible use of those images and "
    "sound recordings for webcasting and/or training purposes. If you do not wish to have your image captured "
    "then you should make the Clerk of the meeting aware."
)


class Committee(models.Model):
    """A Cabinet Committee (e.g. Policy and Resources Cabinet Committee)."""

    name = models.CharField(max_length=200, unique=True)
    size = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)], help_text="Number of seats, e.g. 15."
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(size__gte=1), name="committee_size_positive")]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIRMAN = "chairman", "Chairman"
    VICE_CHAIRMAN = "vice_chairman", "Vice-Chairman"
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"


class CommitteeMember(models.Model):
    """A seat on a committee: a named member of a party, or a party's vacancy."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    party = models.CharField(max_length=100)
    name = models.CharField(max_length=200, blank=True, help_text="As printed, e.g. 'Mr J R Bullock, MBE'.")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    vacant = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="committee_seats"
    )

    class Meta:
        ordering = ["committee", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(vacant=True, name="") | (models.Q(vacant=False) & ~models.Q(name=""))),
                name="committeemember_named_or_vacant",
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=models.Q(role="chairman"), name="committeemember_one_chairman"
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=models.Q(role="vice_chairman"),
                name="committeemember_one_vice_chairman",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.party} vacancy"


class Meeting(models.Model):
    """One meeting of a committee, with what the front sheet of its agenda prints."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField()
    venue = models.CharField(max_length=300)
    clerk_name = models.CharField("Ask for", max_length=200)
    clerk_telephone = models.CharField("Telephone", max_length=40)
    refreshments_note = models.CharField(max_length=300, blank=True)
    webcast = models.BooleanField(default=True)
    webcast_notice = models.TextField(blank=True, default=DEFAULT_WEBCAST_NOTICE, validators=[MaxLengthValidator(3000)])
    signed_off_by = models.CharField(max_length=200, help_text="Head of Democratic Services.")
    signed_off_title = models.CharField(max_length=200, default="Head of Democratic Services")
    signed_off_telephone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "date", "start_time"], name="meeting_unique_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {self.date:%-d %B %Y}"


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
        ]

    def __str__(self) -> str:
        return self.title


class AppendixKind(models.TextChoices):
    PLAN_SNAPSHOT = "plan_snapshot", "Business plan as sent to committee (snapshot)"
    RISK_REGISTER = "risk_register", "Risk register"
    PERFORMANCE_DASHBOARD = "performance_dashboard", "Performance dashboard"
    PLAN_COMPARISON = "plan_comparison", "Changes between two versions of a plan"


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
        ]

    def __str__(self) -> str:
        return self.title


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Building"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class PackBuild(models.Model):
    """One build of a meeting's packs (the full and the public pack together).

    A finished build can be published once: then its files are immutable and
    ``version`` numbers it among the meeting's publications. A later
    publication records ``changes`` against the one it replaces.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    ranges = models.JSONField(default=dict, blank=True, help_text="Item number → [first page, last page].")
    item_hashes = models.JSONField(default=dict, blank=True, help_text="Item number → hash of what it prints.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True, help_text="The date of publication printed on the agenda.")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveSmallIntegerField(null=True, blank=True)
    change_note = models.TextField(blank=True, validators=[MaxLengthValidator(5000)])
    changes = models.JSONField(default=list, blank=True, help_text="What changed since the previous publication.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="packbuild_progress_percent"),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(status="done", version__isnull=False, published_on__isnull=False),
                name="packbuild_published_is_done",
            ),
            models.UniqueConstraint(
                fields=["meeting", "version"], condition=models.Q(version__isnull=False), name="packbuild_one_version"
            ),
        ]

    def __str__(self) -> str:
        return f"Pack build for {self.meeting} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {BuildStatus.DONE, BuildStatus.FAILED}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Visibility(models.TextChoices):
    FULL = "full", "Full pack (members and authorised officers)"
    PUBLIC = "public", "Public pack"


class PackFile(models.Model):
    """A finished pack PDF in private storage, with its checksum."""

    build = models.ForeignKey(PackBuild, on_delete=models.CASCADE, related_name="files")
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    file_name = models.CharField(max_length=300)
    checksum = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField()
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["build", "visibility"]
        constraints = [
            models.UniqueConstraint(fields=["build", "visibility"], name="packfile_one_per_visibility"),
            models.CheckConstraint(condition=~models.Q(file_name="") & ~models.Q(checksum=""), name="packfile_stored"),
        ]

    def __str__(self) -> str:
        return f"{self.get_visibility_display()} ({self.page_count} pages)"
