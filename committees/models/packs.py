"""Pack builds (the full and the public pack together) and their finished files."""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from documents.models import QueuedWork

from .meetings import Meeting
from .supplements import Supplement


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Building"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class PackBuild(QueuedWork):
    """One build of a meeting's packs (the full and the public pack together).

    A finished build can be published once: then its files are immutable and
    ``version`` numbers it among the meeting's publications. A later
    publication records ``changes`` against the one it replaces.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    # A supplement's build (its own front sheet, items and numbering); null for the main pack. Every read of "the
    # meeting's pack" filters ``supplement__isnull=True``: a supplement never becomes the main pack's publication.
    supplement = models.ForeignKey(Supplement, null=True, blank=True, on_delete=models.CASCADE, related_name="builds")
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
    # Parts (papers' PDFs) rendered or taken from the part cache, for the build page; when the parts are rendered by
    # tasks of their own, ``parts_pending`` names those not finished yet and the last to finish queues the merge.
    parts_total = models.PositiveSmallIntegerField(default=0)
    parts_done = models.PositiveSmallIntegerField(default=0)
    parts_pending = models.JSONField(
        default=list, blank=True, help_text="Part cache keys still being rendered by part tasks."
    )

    time_limit = 660  # committees.tasks.build_pack's hard time limit, in seconds

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
                fields=["meeting", "version"],
                condition=models.Q(version__isnull=False, supplement__isnull=True),
                name="packbuild_one_version",
            ),
            models.UniqueConstraint(
                fields=["supplement", "version"],
                condition=models.Q(version__isnull=False, supplement__isnull=False),
                name="packbuild_one_supplement_version",
            ),
            models.CheckConstraint(
                condition=models.Q(parts_done__lte=models.F("parts_total")), name="packbuild_parts_done_of_total"
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

    @property
    def status_label(self) -> str:
        """While parts render, how many are done: the page (and its polling script) shows it beside the percentage."""
        label = super().status_label
        if self.status == BuildStatus.RUNNING and self.parts_total and label == self.get_status_display():
            return f"{label} ({self.parts_done} of {self.parts_total} parts rendered)"
        return label


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
