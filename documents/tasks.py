"""Celery tasks of the document pipeline. Thin: the work is in the services."""

from celery import shared_task

from .services import render_job_run


@shared_task(
    name="documents.render_document",
    acks_late=True,
    # Re-queued if the worker process dies mid-render; render_job_run restarts such a job cleanly.
    reject_on_worker_lost=True,
    soft_time_limit=240,
    time_limit=300,
    serializer="json",
    ignore_result=True,
)
def render_document(job_id: str) -> None:
    """Render the PDF of one RenderJob (by its id, as a string: messages are JSON only)."""
    render_job_run(job_id=job_id)
