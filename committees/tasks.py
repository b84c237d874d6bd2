"""Celery task of the pack builder . Thin: the work is in the services."""

from celery import shared_task

from .services import pack_build_run


@shared_task(
    name="committees.build_pack",
    acks_late=True,
    # Re-queued if the worker process dies; pack_build_run restarts such a build cleanly.
    reject_on_worker_lost=True,
    # A 230-page pack renders in about a minute here (docs/benchmarks.md); the limits leave room and still stop
    # a runaway render. Memory per worker child is capped by CELERY_WORKER_MAX_MEMORY_PER_CHILD.
    soft_time_limit=600,
    time_limit=660,
    serializer="json",
    ignore_result=True,
)
def build_pack(build_id: str) -> None:
    """Build the full and public packs of one PackBuild (by id only: visibility comes from the database)."""
    pack_build_run(build_id=build_id)
