"""Celery tasks of the pack builder: the build, its parts, the merge, the public papers, the sweepers. Thin: the
work is in the services."""

from celery import shared_task

from .models import PackBuild
from .services.packs import pack_build_merge, pack_build_run, pack_builds_sweep, pack_part_render


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
    # With workers, the parts render as tasks of their own; run eagerly (no broker), the build stays one task.
    parallel = not build_pack.app.conf.task_always_eager
    pack_build_run(build_id=build_id, attempt=attempt, parallel=parallel, queue=_queue(build_pack))


@shared_task(
    name="committees.render_pack_part",
    acks_late=True,
    # A worker dying mid-part: Redis hands the message to another worker after the visibility timeout, or the
    # sweeper runs the build again first; either way only this part (not in the cache yet) is rendered again.
    reject_on_worker_lost=True,
    soft_time_limit=PackBuild.time_limit - 120,
    time_limit=PackBuild.time_limit - 60,
    serializer="json",
    ignore_result=True,
)
def render_pack_part(build_id: str, attempt: int, key: str) -> None:
    """Render one part of a pack build into the part cache (``key``: the part's cache key, staged by the build)."""
    pack_part_render(build_id=build_id, attempt=attempt, key=key, queue=_queue(render_pack_part))


@shared_task(
    name="committees.merge_pack",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=PackBuild.time_limit - 60,
    time_limit=PackBuild.time_limit,
    serializer="json",
    ignore_result=True,
)
def merge_pack(build_id: str, attempt: int) -> None:
    """Merge and stamp both packs once every part of the build is in the part cache."""
    pack_build_merge(build_id=build_id, attempt=attempt)


def _queue(task) -> str | None:
    """The queue this message came on: a build's part and merge tasks follow it, to the same site's workers."""
    return (task.request.delivery_info or {}).get("routing_key")


@shared_task(name="committees.sweep_pack_builds", ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_pack_builds() -> None:
    """Celery beat, every minute: send again builds that never reached the broker, retry those whose worker died."""
    pack_builds_sweep()


@shared_task(
    name="committees.make_public_papers",
    acks_late=True,
    reject_on_worker_lost=True,
    # Cutting a 230-page pack into its items and keeping its papers' HTML takes well under a minute here.
    soft_time_limit=240,
    time_limit=300,
    serializer="json",
    ignore_result=True,
)
def make_public_papers(build_id: str) -> None:
    """A published build's papers one by one for the public meeting page (by id only; safe to run again)."""
    from .services.papers import public_papers_make

    public_papers_make(build_id=build_id)


@shared_task(name="committees.sweep_public_papers", ignore_result=True, soft_time_limit=50, time_limit=60)
def sweep_public_papers() -> None:
    """Celery beat, every minute: queue again the public papers of a publication whose task was lost."""
    from .services.papers import public_papers_sweep

    public_papers_sweep()
