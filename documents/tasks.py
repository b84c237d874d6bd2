"""Celery tasks of the document pipeline. Thin: the work is in the services."""

from celery import shared_task

from .models import RenderJob
from .services import render_job_run, render_jobs_sweep


@shared_task(
    name="documents.render_document",
    acks_late=True,
    # Re-queued if the worker process dies mid-render; render_job_run restarts such a job cleanly.
    reject_on_worker_lost=True,
    soft_time_limit=RenderJob.time_limit - 60,
    # The sweeper treats a job still running past this (plus a margin) as interrupted; the broker's visibility
    # timeout (CELERY_BROKER_TRANSPORT_OPTIONS) is a little above the longest hard limit.
    time_limit=RenderJob.time_limit,
    serializer="json",
    ignore_result=True,
)
def render_document(job_id: str, attempt: int | None = None) -> None:
    """Render the PDF of one RenderJob (by its id, as a string: messages are JSON only).

    ``attempt`` numbers messages sent again by the sweeper; an older message than the job's latest is ignored.
    """
    render_job_run(job_id=job_id, attempt=attempt)


@shared_task(name="documents.sweep_render_jobs", ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_render_jobs() -> None:
    """Celery beat, every minute: send again jobs that never reached the broker, retry those whose worker died."""
    render_jobs_sweep()


@shared_task(
    name="documents.purge_storage", ignore_result=True, serializer="json", soft_time_limit=1800, time_limit=1860
)
def purge_storage() -> None:
    """Apply the retention policy to private storage (run daily by Celery beat; see docs/operations.md)."""
    from .retention import purge_storage as purge

    purge()
