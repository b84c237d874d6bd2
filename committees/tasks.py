"""Celery task of the pack builder . Thin: the work is in the services."""

from celery import shared_task

from .models import PackBuild
from .services.packs import pack_build_run, pack_builds_sweep


@shared_task(
    name="committees.build_pack",
    acks_late=True,
    # Re-queued if the worker process dies; pack_build_run restarts such a build cleanly.
    reject_on_worker_lost=True,
    # A 230-page pack renders in about a minute here (docs/benchmarks.md); the limits leave room and still stop
    # a runaway render. Memory per worker child is capped by CELERY_WORKER_MAX_MEMORY_PER_CHILD.
    # The sweeper treats a build still running past the hard limit (plus a margin) as interrupted; the broker's
    # visibility timeout (CELERY_BROKER_TRANSPORT_OPTIONS) is a little above it.
    soft_time_limit=PackBuild.time_limit - 60,
    time_limit=PackBuild.time_limit,
    serializer="json",
    ignore_result=True,
)
def build_pack(build_id: str, attempt: int | None = None) -> None:
    """Build the full and public packs of one PackBuild (by id only: visibility comes from the database).

    ``attempt`` numbers messages sent again by the sweeper; an older message than the build's latest is ignored.
    """
    pack_build_run(build_id=build_id, attempt=attempt)


@shared_task(name="committees.sweep_pack_builds", ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_pack_builds() -> None:
    """Celery beat, every minute: send again builds that never reached the broker, retry those whose worker died."""
    pack_builds_sweep()
