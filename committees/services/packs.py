"""Writes for agenda packs: request a build and run it (in the worker); publishing is in ``publication``.

Pack builds follow the render job pattern (documents/services.py): the
worker claims the build with a fresh ``started_at`` stamp, writes each file to
a temporary name and moves it into place, and records the files in one
transaction; a run that dies leaves no recorded file, and the next run of the
same build removes whatever it left behind before starting again.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from documents import dispatch, storage

from ..clear_days import latest_publication_date, publication_date_check
from ..models import (
    BuildStatus,
    Meeting,
    PackBuild,
    PackFile,
    Supplement,
    Visibility,
)
from ..packs.builder import PackError, build_packs
from ..packs.parts import part_render, parts_stage
from ..packs.supplement import build_supplement

if TYPE_CHECKING:
    from django.contrib.auth.models import User


logger = logging.getLogger(__name__)

PACKS_FOLDER = "agenda_packs"
FAILED_MESSAGE = (
    "The pack could not be built. Please try again. If it fails again, contact the service desk and quote "
    "reference {reference}."
)
TIMEOUT_MESSAGE = "Building the pack took too long and was stopped. Please try again later (reference {reference})."
INTERRUPTED_MESSAGE = (
    "The pack could not be built: the rendering service stopped while building it, more than once. Please try "
    "again. If it fails again, contact the service desk and quote reference {reference}."
)


def packs_folder() -> Path:
    """Local disk only: the folder of pack files (for tools and tests that look at the disk)."""
    folder = storage.root() / PACKS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# What each write may set: the services take values (a form's cleaned data, the demo's fixture), never a form.


@transaction.atomic
def pack_build_request(
    *,
    meeting: Meeting,
    requested_by: User | None,
    published_on: datetime.date | None = None,
    supplement: Supplement | None = None,
) -> PackBuild:
    """Queue a build of both packs; the date printed on the agenda defaults to the last day giving five clear days.

    A date after the meeting is refused (``ValidationError`` on ``published_on``). Late and long-past dates
    are only warnings (the build form makes the clerk confirm a late date): an urgent late pack must be possible.
    A ``supplement``'s build (``services.supplements``) is dated today by default (late by its nature), or the day
    of the meeting if that has passed (rebuilding an old meeting's supplement).
    """
    if supplement is not None and supplement.meeting_id != meeting.pk:
        raise ValidationError("The supplement is not this meeting's.")
    if supplement is not None:
        default = min(timezone.localdate(), meeting.date)
    else:
        default = latest_publication_date(meeting.date)
    published_on = published_on or default
    check = publication_date_check(published_on=published_on, meeting=meeting.date, today=timezone.localdate())
    if check.errors:
        raise ValidationError({"published_on": check.errors})
    build = PackBuild(
        meeting=meeting,
        supplement=supplement,
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
        published_on=published_on,
    )
    build.full_clean()
    build.save()
    build_id = str(build.id)
    transaction.on_commit(lambda: _enqueue(build_id))
    return build


def _enqueue(build_id: str) -> None:
    """Send the build's task; if the broker is down the request still succeeds and the sweeper sends it later."""
    from ..tasks import build_pack

    dispatch.send_safely(PackBuild, build_id, 0, lambda: build_pack.delay(build_id), what="Pack build")


def _remove_leftovers(build_id) -> None:
    """Temporary and unrecorded files of earlier runs of this build."""
    for stored in storage.iterate(PACKS_FOLDER):
        if str(build_id) in stored.name:
            storage.delete(stored.name)


def pack_builds_sweep(**options) -> dispatch.SweepReport:
    """Send again the builds that never reached the broker, retry the ones whose worker died (documents/dispatch.py).

    Run every minute by Celery beat (committees.sweep_pack_builds) and by ``manage.py sweep_jobs``.
    """
    from ..tasks import build_pack

    return dispatch.sweep(
        PackBuild,
        send=lambda build_id, attempt: build_pack.delay(build_id, attempt),
        fail_message=INTERRUPTED_MESSAGE,
        what="Pack build",
        cleanup=_remove_leftovers,
        **options,
    )


def _claim(build_id, attempt: int | None = None):
    with transaction.atomic():
        build = PackBuild.objects.select_for_update().filter(pk=build_id).first()
        if build is None or build.is_finished:
            return None, None
        if dispatch.is_stale(build, attempt):
            logger.info("Pack build %s: ignoring an old message (attempt %s of %s)", build.id, attempt, build.attempt)
            return None, None
        restarted = build.status == BuildStatus.RUNNING
        build.status = BuildStatus.RUNNING
        build.progress = 5
        build.error = ""
        build.started_at = timezone.now()
        build.finished_at = None
        build.enqueue_failed_at = None
        build.parts_total, build.parts_done, build.parts_pending = 0, 0, []  # counted again by this run
        build.save(
            update_fields=[
                "status",
                "progress",
                "error",
                "started_at",
                "finished_at",
                "enqueue_failed_at",
                "parts_total",
                "parts_done",
                "parts_pending",
            ]
        )
        PackFile.objects.filter(build=build).delete()
    if restarted:
        logger.info("Pack build %s restarted (its previous run did not finish)", build.id)
    # Whatever an earlier run of this build left (temporary or unrecorded files) goes before we start.
    _remove_leftovers(build.id)
    return build, build.started_at


def pack_build_run(
    *, build_id, attempt: int | None = None, parallel: bool = False, queue: str | None = None
) -> PackBuild | None:
    """Build both packs and record them; safe to run again (a finished build is left alone, and so is an old
    message: ``attempt`` below the build's latest).

    ``parallel``: the parts not in the part cache yet are rendered by tasks of their own (``pack_part_render``,
    on any worker), and the last of them to finish queues the merge (``pack_build_merge``). Otherwise, and when
    every part is cached already, this run renders what is missing and merges. The part and merge tasks go to
    ``queue`` (the queue the build came on), so the workers of the site that took the build take them too.
    """
    build, stamp = _claim(build_id, attempt)
    if build is None:
        return PackBuild.objects.filter(pk=build_id).first()
    if parallel:
        try:
            total, pending = parts_stage(meeting_id=build.meeting_id)
        except Exception as error:
            return _fail(build, stamp, error)
        if pending:
            with transaction.atomic():
                updated = _this_run(build, stamp).update(
                    parts_total=total, parts_done=total - len(pending), parts_pending=pending, progress=10
                )
                if updated:
                    number = build.attempt
                    transaction.on_commit(lambda: _send_parts(build.pk, number, pending, queue))
            return PackBuild.objects.get(pk=build.pk)
    return _merge(build, stamp)


def _this_run(build: PackBuild, stamp):
    """The build, if it is still the run that claimed it at ``stamp`` (not finished, not claimed again since)."""
    return PackBuild.objects.filter(pk=build.pk, status=BuildStatus.RUNNING, started_at=stamp)


def _send_parts(build_id, attempt: int, keys: list[str], queue: str | None) -> None:
    """One task per part; a part lost with the broker down is rendered when the sweeper runs the build again."""
    from ..tasks import render_pack_part

    for key in keys:
        dispatch.send_safely(
            PackBuild,
            build_id,
            attempt,
            lambda key=key: render_pack_part.apply_async((str(build_id), attempt, key), queue=queue),
            what="Pack part",
        )


def pack_part_render(*, build_id, attempt: int, key: str, queue: str | None = None) -> None:
    """Render one staged part into the part cache, then count it done; the last part queues the merge.

    Safe to run twice and in any order: a part already cached is not rendered again, and a part is counted once
    (``parts_pending`` names those left, under the build's row lock). A message of an earlier attempt, or for a
    build finished or failed meanwhile, does nothing.
    """
    build = PackBuild.objects.filter(pk=build_id).first()
    if not _part_wanted(build, attempt, key):
        return
    try:
        rendered = part_render(key=key)
    except Exception as error:
        _fail(build, build.started_at, error)
        return
    if not rendered:
        # Its HTML is gone (the cache was trimmed): the sweeper runs the build again, which stages it again.
        logger.warning("Pack build %s: part %s has neither its PDF nor its HTML", build_id, key)
        return
    with transaction.atomic():
        build = PackBuild.objects.select_for_update().filter(pk=build_id).first()
        if not _part_wanted(build, attempt, key):
            return
        build.parts_pending.remove(key)
        build.parts_done += 1
        build.progress = max(build.progress, 10 + int(70 * build.parts_done / build.parts_total))
        build.save(update_fields=["parts_pending", "parts_done", "progress"])
        if not build.parts_pending:
            transaction.on_commit(lambda: _send_merge(build.pk, attempt, queue))


def _part_wanted(build: PackBuild | None, attempt: int, key: str) -> bool:
    return (
        build is not None
        and build.status == BuildStatus.RUNNING
        and not dispatch.is_stale(build, attempt)
        and key in build.parts_pending
    )


def _send_merge(build_id, attempt: int, queue: str | None) -> None:
    from ..tasks import merge_pack

    dispatch.send_safely(
        PackBuild,
        build_id,
        attempt,
        lambda: merge_pack.apply_async((str(build_id), attempt), queue=queue),
        what="Pack merge",
    )


def pack_build_merge(*, build_id, attempt: int | None = None) -> PackBuild | None:
    """Merge and stamp a build whose parts are all rendered (the parts are in the cache: nothing renders again but
    the front sheets and stamps, which depend on the page ranges). A duplicate or late message does nothing."""
    build = PackBuild.objects.filter(pk=build_id).first()
    if (
        build is None
        or build.status != BuildStatus.RUNNING
        or dispatch.is_stale(build, attempt)
        or build.parts_pending
        or build.started_at is None
    ):
        return build
    return _merge(build, build.started_at)


def _merge(build: PackBuild, stamp) -> PackBuild:
    """Build both packs (rendering whatever the cache lacks) and record them, if this is still the run at ``stamp``."""
    written: list[str] = []

    def progress(percent: int) -> None:
        # Never backwards: after part tasks the merge's pass one (every part from the cache) counts from 10 again.
        _this_run(build, stamp).filter(progress__lt=percent).update(progress=min(99, max(5, percent)))

    def counted(done: int, total: int) -> None:
        _this_run(build, stamp).filter(parts_done__lt=done).update(parts_total=total, parts_done=done)

    try:
        make = (
            build_packs if build.supplement_id is None else partial(build_supplement, supplement_id=build.supplement_id)
        )
        built = make(meeting_id=build.meeting_id, published_on=build.published_on, progress=progress, counted=counted)
        records = []
        for visibility, data in ((Visibility.FULL, built.full), (Visibility.PUBLIC, built.public)):
            name = f"{build.id}-{visibility}-{stamp:%Y%m%dT%H%M%S%f}.pdf"
            written.append(storage.save(f"{PACKS_FOLDER}/{name}", data))
            records.append(
                PackFile(
                    build=build,
                    visibility=visibility,
                    file_name=f"{PACKS_FOLDER}/{name}",
                    checksum=hashlib.sha256(data).hexdigest(),
                    page_count=built.page_count,
                    size=len(data),
                )
            )
        with transaction.atomic():
            updated = _this_run(build, stamp).update(
                status=BuildStatus.DONE,
                progress=100,
                ranges=built.ranges,
                item_hashes=built.item_hashes,
                finished_at=timezone.now(),
            )
            if updated:
                for record in records:
                    record.full_clean()
                    record.save()
        if not updated:
            logger.info("Pack build %s: discarding a superseded run", build.id)
            for name in written:
                storage.delete(name)
        return PackBuild.objects.get(pk=build.pk)
    except Exception as error:
        for name in written:
            storage.delete(name)
        return _fail(build, stamp, error)


def _fail(build: PackBuild, stamp, error: Exception) -> PackBuild:
    message = dispatch.failure_message(
        error,
        what="Pack build",
        reference=build.id,
        expected=PackError,
        failed=FAILED_MESSAGE,
        timeout=TIMEOUT_MESSAGE,
        log=logger,
    )
    _this_run(build, stamp).update(status=BuildStatus.FAILED, error=message, finished_at=timezone.now())
    return PackBuild.objects.get(pk=build.pk)
