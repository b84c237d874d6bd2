"""Rendered documents (PDF papers) and the jobs that make them."""

import uuid
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from . import background

# A run still "running" this long after its task's hard time limit has certainly lost its worker.
STALL_MARGIN = timedelta(seconds=60)
BROKER_DOWN_LABEL = "Queued: it will start when the rendering service is back"
# Sent to the broker this long ago and still not started: say so, rather than "Queued: 0%" for ever.
NO_WORKER_AFTER = timedelta(minutes=1)
NO_WORKER_LABEL = "Queued: no worker has picked this up yet"
INTERRUPTED_LABEL = "Interrupted, retrying"


class QueuedWork(models.Model):
    """What a job sent to the Celery broker records so that it survives a broker outage or a dead worker.

    ``enqueue_failed_at`` is set when the message could not be sent (the broker was down); ``attempt`` numbers
    the latest message sent, so a worker ignores an older one (documents/dispatch.py); ``retries`` counts runs
    interrupted by a dead worker and started again by the sweeper. A subclass has ``status``, ``started_at`` and
    sets ``time_limit`` to its task's hard time limit in seconds.
    """

    queued_at = models.DateTimeField(default=timezone.now, help_text="When the work was last handed to the queue.")
    enqueue_failed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the queue could not be reached; the sweeper sends the work again."
    )
    attempt = models.PositiveSmallIntegerField(
        default=0, help_text="Number of the latest message sent for this work; workers ignore older ones."
    )
    retries = models.PositiveSmallIntegerField(
        default=0, help_text="Runs interrupted (their worker died) and started again."
    )

    time_limit: ClassVar[int] = 300

    class Meta:
        abstract = True

    @property
    def waits_for_broker(self) -> bool:
        """Queued, but the message never reached the broker: it goes when the sweeper finds the broker back."""
        return self.status == "queued" and self.enqueue_failed_at is not None

    def waits_for_worker(self, now=None) -> bool:
        """Sent to the broker a while ago and not started: no worker serves the queue (or every one is busy).

        Never when the work runs in this process (no broker), where nothing waits for a worker.
        """
        if self.status != "queued" or self.enqueue_failed_at is not None or self.retries:
            return False
        if background.in_process():
            return False
        return self.queued_at <= (now or timezone.now()) - NO_WORKER_AFTER

    def running_past_limit(self, now=None) -> bool:
        """Still "running" after the task's hard time limit: its worker has died."""
        if self.status != "running" or self.started_at is None:
            return False
        return self.started_at < (now or timezone.now()) - timedelta(seconds=self.time_limit) - STALL_MARGIN

    @property
    def is_interrupted(self) -> bool:
        if self.status not in {"queued", "running"}:
            return False
        return self.retries > 0 or self.running_past_limit()

    @property
    def status_label(self) -> str:
        """The status as the job page says it: never a frozen "Rendering 41%" after the worker died."""
        if self.waits_for_broker:
            return BROKER_DOWN_LABEL
        if self.waits_for_worker():
            return NO_WORKER_LABEL
        if self.is_interrupted:
            return INTERRUPTED_LABEL
        return self.get_status_display()

    @property
    def progress_hidden(self) -> bool:
        """Whether the percentage means nothing now (not sent yet, no worker took it, or its worker died)."""
        return self.waits_for_broker or self.waits_for_worker() or self.running_past_limit()


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Rendering"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class RenderJob(QueuedWork):
    """A request to render a document to PDF.

    The subject (a plan, a register, a dashboard…) is generic so every app
    uses the same pipeline. ``file_name`` is set only once the finished file
    has been atomically moved into place, so a half-written PDF is never offered.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    options = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="render_jobs"
    )
    status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    error = models.TextField(blank=True)
    file_name = models.CharField(max_length=300, blank=True)
    download_name = models.CharField(max_length=300, blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    time_limit = 300  # documents.tasks.render_document's hard time limit, in seconds

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="renderjob_progress_percent"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(file_name=""),
                name="renderjob_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_type.model} {self.subject_id} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {RenderStatus.DONE, RenderStatus.FAILED}


class WordTemplate(models.Model):
    """The council's Word template (letterhead, fonts, heading and table styles) for Word copies of documents.

    Uploaded in the admin, checked to be a real .docx without macros (``documents.word_templates``) and kept in
    private storage under ``file_name`` with its SHA-256; at most one is active, and with none active the copies
    use python-docx's plain default template.
    """

    name = models.CharField(max_length=200, help_text="For the admin list, for example “Letterhead 2027”.")
    file_name = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    checksum = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(editable=False)
    is_active = models.BooleanField(
        default=False, help_text="Word copies use the active template; making one active retires the one before."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="wordtemplate_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (active)" if self.is_active else self.name
