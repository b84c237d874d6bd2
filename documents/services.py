"""Writes for render jobs: request one (queues the Celery task) and run one (in the worker).

A job's file is written to a temporary file in private storage and moved
into place with ``os.replace``; ``file_name`` is set only after that, so a
half-written PDF is never offered. Each run stamps ``started_at``; a run
whose stamp has been replaced (the job was restarted after its worker died)
throws its work away instead of overwriting the newer run's result.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import uuid
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from . import background, dispatch, registry, storage
from .models import RenderJob, RenderStatus
from .pdf import html_to_pdf
from .selectors import job_options, job_renderer_key, job_subject

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

MAX_OPTIONS_BYTES = 4096

FAILED_MESSAGE = (
    "The PDF could not be made. Please try again. If it fails again, contact the service desk "
    "and quote reference {reference}."
)
TIMEOUT_MESSAGE = (
    "The PDF took too long to make and was stopped. Please try again later. If it fails again, contact "
    "the service desk and quote reference {reference}."
)
GONE_MESSAGE = "The PDF could not be made because the document it was for no longer exists."
INTERRUPTED_MESSAGE = (
    "The PDF could not be made: the rendering service stopped while making it, more than once. Please try again. "
    "If it fails again, contact the service desk and quote reference {reference}."
)

# Progress shown while a job runs: rendering dominates, so the steps are uneven.
PROGRESS_STARTED = 5
PROGRESS_HTML_BUILT = 20
PROGRESS_LAID_OUT = 75
PROGRESS_PDF_MADE = 90


class RenderFailed(Exception):
    """A render that cannot succeed, with a message fit for the user."""


@transaction.atomic
def render_job_request(
    *, renderer_key: str, subject, requested_by: User | None, options: dict | None = None
) -> RenderJob:
    """Create a queued job for ``subject`` and queue the Celery task once the job is committed."""
    renderer = registry.get(renderer_key)
    if not isinstance(subject, renderer.model):
        raise TypeError(f"Renderer {renderer_key!r} renders {renderer.model.__name__}, not {type(subject).__name__}.")
    options = dict(options or {})
    if len(json.dumps(options)) > MAX_OPTIONS_BYTES:
        raise ValueError("Render options are too large.")
    job = RenderJob(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
        options={"renderer": renderer_key, "options": options},
        download_name=_safe_download_name(renderer.filename(subject, options)),
    )
    job.full_clean()
    job.save()
    job_id = str(job.id)
    transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(job_id: str) -> None:
    """Send the job's task. If the broker is down the request still succeeds: the job is marked, the sweeper
    sends it when the broker is back, and the job page says so (documents/dispatch.py). With no broker the
    eager task runs in the background thread (documents/background.py), so the request answers with the job page
    at once."""
    # Imported here: the task module imports this one.
    from .tasks import render_document

    if background.enabled():
        background.submit(lambda: render_document.delay(job_id), name=f"render job {job_id}")
        return
    dispatch.send_safely(RenderJob, job_id, 0, lambda: render_document.delay(job_id), what="Render job")


def render_jobs_sweep(**options) -> dispatch.SweepReport:
    """Send again the jobs that never reached the broker, retry the ones whose worker died (documents/dispatch.py).

    Run every minute by Celery beat (documents.sweep_render_jobs) and by ``manage.py sweep_jobs``; ``options``
    (``now``, ``queued_after``, ``margin``, ``max_retries``) are for tests and operators.
    """
    from .tasks import render_document

    return dispatch.sweep(
        RenderJob,
        send=lambda job_id, attempt: render_document.delay(job_id, attempt),
        fail_message=INTERRUPTED_MESSAGE,
        what="Render job",
        cleanup=_remove_leftovers,
        **options,
    )


def _safe_download_name(name: str) -> str:
    """A file name that is safe in a Content-Disposition header and on any desktop."""
    cleaned = "".join(c if c.isalnum() or c in " -_.()" else "-" for c in name).strip(" .")
    cleaned = cleaned or "document"
    if not cleaned.lower().endswith(".pdf"):
        cleaned += ".pdf"
    return cleaned[-200:]


def _claim(job_id, attempt: int | None = None) -> tuple[RenderJob | None, object]:
    """Mark the job running with a fresh ``started_at`` stamp; None if it is already finished, or if the message
    (``attempt``) is older than the job's latest one."""
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            logger.warning("Render job %s does not exist (deleted before it ran?)", job_id)
            return None, None
        if job.is_finished:
            # Idempotent: a redelivered task does not render a finished job again.
            return None, None
        if dispatch.is_stale(job, attempt):
            logger.info("Render job %s: ignoring an old message (attempt %s of %s)", job.id, attempt, job.attempt)
            return None, None
        restarted = job.status == RenderStatus.RUNNING or job.retries > 0
        job.status = RenderStatus.RUNNING
        job.progress = PROGRESS_STARTED
        job.error = ""
        job.file_name = ""
        job.started_at = timezone.now()
        job.finished_at = None
        job.enqueue_failed_at = None
        job.save(
            update_fields=["status", "progress", "error", "file_name", "started_at", "finished_at", "enqueue_failed_at"]
        )
    if restarted:
        logger.info("Render job %s restarted (its previous run did not finish)", job.id)
        _remove_leftovers(job.id)
    return job, job.started_at


def _remove_leftovers(job_id: uuid.UUID) -> None:
    """Temporary and unclaimed files of earlier runs of this job."""
    for stored in storage.iterate(storage.FOLDER):
        if str(job_id) in stored.name:
            storage.delete(stored.name)


def _set_progress(job: RenderJob, stamp, progress: int) -> None:
    RenderJob.objects.filter(pk=job.pk, status=RenderStatus.RUNNING, started_at=stamp).update(progress=progress)


def render_job_run(*, job_id, attempt: int | None = None) -> RenderJob | None:
    """Render the job's document to private storage and mark the job done, or failed with a clear message.

    Safe to call more than once: a finished job is left alone, and a job left
    running by a worker that died is restarted from scratch.
    """
    job, stamp = _claim(job_id, attempt)
    if job is None:
        return RenderJob.objects.filter(pk=job_id).first()
    final_path: str | None = None
    try:
        subject = job_subject(job=job)
        if subject is None:
            raise RenderFailed(GONE_MESSAGE)
        renderer = registry.get(job_renderer_key(job=job))
        html = renderer.build_html(subject, job_options(job=job))
        _set_progress(job, stamp, PROGRESS_HTML_BUILT)
        pdf = html_to_pdf(html, laid_out=lambda: _set_progress(job, stamp, PROGRESS_LAID_OUT))
        _set_progress(job, stamp, PROGRESS_PDF_MADE)
        page_count = len(PdfReader(io.BytesIO(pdf)).pages)
        checksum = hashlib.sha256(pdf).hexdigest()
        final_name = f"{job.id}-{stamp.strftime('%Y%m%dT%H%M%S%f')}.pdf"
        final_path = storage.save(f"{storage.FOLDER}/{final_name}", pdf)
        with transaction.atomic():
            updated = RenderJob.objects.filter(pk=job.pk, status=RenderStatus.RUNNING, started_at=stamp).update(
                status=RenderStatus.DONE,
                progress=100,
                file_name=f"{storage.FOLDER}/{final_name}",
                checksum=checksum,
                page_count=page_count,
                finished_at=timezone.now(),
            )
        if not updated:
            # A newer run of this job took over: its result stands, ours goes.
            logger.info("Render job %s: discarding a superseded run", job.id)
            storage.delete(final_path)
        return RenderJob.objects.get(pk=job.pk)
    except Exception as error:
        if final_path is not None:
            storage.delete(final_path)
        message = dispatch.failure_message(
            error,
            what="Render job",
            reference=job.id,
            expected=RenderFailed,
            failed=FAILED_MESSAGE,
            timeout=TIMEOUT_MESSAGE,
            log=logger,
        )
        RenderJob.objects.filter(pk=job.pk, status=RenderStatus.RUNNING, started_at=stamp).update(
            status=RenderStatus.FAILED, error=message, file_name="", finished_at=timezone.now()
        )
        return RenderJob.objects.get(pk=job.pk)
