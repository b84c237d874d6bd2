"""Writes for a publication's papers one by one (issue 15), made by a task once a pack is published.

Each public item's pages are cut from the published public pack (``committees.packs.papers``), so they carry the
pack's page numbers; each generated paper (cover report, plan snapshot, register, dashboard) of a public item also
gets its HTML kept for a web page, but only when that item still prints exactly what the publication printed (its
content hash is the build's): a paper edited since is offered as the pack's PDF pages only, never as HTML the
committee did not see. Exempt items get nothing.

The task is queued when the publication commits; ``public_papers_sweep`` (Celery beat, and ``manage.py
sweep_jobs``) queues it again for a recent publication that still has no papers a while later: the broker was
down at that moment, or the worker died. Whether papers are made is read from the ``PublicPaper`` rows; the cache
remembers that a run was just queued (so the next sweeps wait for it) or found nothing to make (every item exempt).
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from pypdf import PdfReader

from documents import storage

from ..agenda import number_items
from ..models import PackBuild, PublicPaper, PublicPaperKind, Visibility
from ..packs.builder import ItemPlan, PackError, item_plans, meeting_for_pack
from ..packs.content import meeting_heading
from ..packs.papers import OutlineItem, cut_item, item_entry, pack_outline, web_body

logger = logging.getLogger(__name__)

PAPERS_FOLDER = "public_papers"
# A run takes well under a minute and is stopped at 5 (committees.make_public_papers): a publication this old
# without papers lost its task, and a run queued again is given as long before the next.
PAPERS_DUE_AFTER = timedelta(minutes=10)
# Older publications are left alone: a build whose papers cannot be made (its public pack damaged) is not queued
# for ever, and a marker lost with the cache costs a day of retries at most.
PAPERS_SWEEP_WINDOW = timedelta(days=1)


def public_papers_make(*, build_id) -> int:
    """Make a published build's public papers; the number of files made. Safe to run again: a build that has its
    papers (or is not published, or whose public pack is missing or damaged) is left alone."""
    build = PackBuild.objects.filter(pk=build_id, published_at__isnull=False).prefetch_related("files").first()
    if build is None or build.public_papers.exists():
        return 0
    made = _make(build)
    if made == 0 and not build.public_papers.exists():
        # Nothing to make (every item exempt), or nothing can be (the pack is damaged): the sweep stops asking.
        _mark(build.pk, "none", PAPERS_SWEEP_WINDOW)
    return made


def _make(build: PackBuild) -> int:
    record = next((file for file in build.files.all() if file.visibility == Visibility.PUBLIC), None)
    pack = storage.verified_bytes(name=record.file_name, checksum=record.checksum) if record else None
    if pack is None:
        logger.error("Public papers of pack build %s: its public pack is missing or damaged", build.pk)
        return 0
    meeting = meeting_for_pack(build.meeting_id)
    try:
        plans = item_plans(meeting)
    except PackError as error:
        # A paper that cannot be printed now (a damaged plan snapshot): the items' PDFs are still made.
        logger.warning("Public papers of pack build %s: no web pages (%s)", build.pk, error)
        plans = [ItemPlan(entry=entry) for entry in number_items(meeting.items.all())]
    outline = pack_outline(PdfReader(io.BytesIO(pack)))
    heading = meeting_heading(meeting)
    folder = f"{PAPERS_FOLDER}/{build.pk}/{uuid.uuid4().hex}"  # a run's own: another run's files are never touched
    rows: list[PublicPaper] = []
    made = False
    try:
        for plan in plans:
            rows += _item_papers(build, plan, pack=pack, outline=outline, heading=heading, folder=folder)
        with transaction.atomic():
            # Under the build's lock: two runs at once record one set of papers; the other's files go.
            if not PackBuild.objects.select_for_update().get(pk=build.pk).public_papers.exists():
                for row in rows:
                    row.full_clean()
                    row.save()
                made = True
    finally:
        if not made:
            for row in rows:
                storage.delete(row.file_name)
    if not made:
        return 0
    for row in rows:
        storage.protect(row.file_name)  # published: never written again
    return len(rows)


def _item_papers(
    build: PackBuild, plan: ItemPlan, *, pack: bytes, outline, heading: str, folder: str
) -> list[PublicPaper]:
    number = plan.number
    pages = build.ranges.get(number)
    entry = item_entry(outline, number)
    if plan.exempt or not pages or entry is None or entry.title.endswith("(restricted)"):
        return []
    first, last = pages
    offset = entry.page_index - first  # physical page index = printed page number + offset
    title = entry.title  # as the public pack's outline has it (an exempt item's public title, never its own)
    pdf = cut_item(
        pack, start=entry.page_index, stop=last + offset + 1, title=f"{heading}: agenda item {title}", entry=entry
    )
    rows = [_stored(folder, build, number, PublicPaperKind.ITEM_PDF, 0, title, (first, last), pdf)]
    if plan.sources and plan.content_hash == build.item_hashes.get(number):
        starts = _paper_pages(entry, offset, last)
        for position, ((paper_title, index), span) in enumerate(zip(plan.outline, starts, strict=False), start=1):
            source = plan.sources[index]
            if source.upload_name:
                continue  # an uploaded PDF has no HTML: its pages are in the item's PDF
            html = web_body(source.html).encode()
            rows.append(_stored(folder, build, number, PublicPaperKind.PAPER_HTML, position, paper_title, span, html))
    return rows


def _paper_pages(entry: OutlineItem, offset: int, last: int) -> list[tuple[int, int]]:
    """Each paper's and appendix's printed pages, from the item's outline entries."""
    starts = [child.page_index - offset for child in entry.children]
    ends = [start - 1 for start in starts[1:]] + [last]
    return [(start, max(start, end)) for start, end in zip(starts, ends, strict=True)]


def _stored(folder: str, build, number: str, kind: str, position: int, title: str, pages, data: bytes) -> PublicPaper:
    name = storage.save(f"{folder}/{number}-{position}.{kind}", data)
    return PublicPaper(
        build=build,
        number=number,
        kind=kind,
        position=position,
        title=title[:500],
        first_page=pages[0],
        last_page=pages[1],
        file_name=name,
        checksum=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


@dataclass
class PapersSweepReport:
    sent: list[str] = field(default_factory=list)
    unsent: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.sent)} sent again, {len(self.unsent)} could not be sent"


def public_papers_sweep(*, now: datetime | None = None, due_after: timedelta = PAPERS_DUE_AFTER) -> PapersSweepReport:
    """Queue again the papers of each publication (of the last day) that has none
    ``due_after`` after it was published and is not waiting for a run queued within ``due_after``.

    Run every minute by Celery beat (committees.sweep_public_papers) and by ``manage.py sweep_jobs``. The task is
    safe to run twice, so a sweep that queues it beside a run that is late does no harm.
    """
    from ..tasks import make_public_papers

    now = now or timezone.now()
    due = (
        PackBuild.objects.filter(
            published_at__lte=now - due_after,
            published_at__gt=now - PAPERS_SWEEP_WINDOW,
            files__visibility=Visibility.PUBLIC,
        )
        .filter(~Exists(PublicPaper.objects.filter(build=OuterRef("pk"))))
        .order_by(F("published_at").asc())
        .values_list("pk", flat=True)
    )
    report = PapersSweepReport()
    for pk in due:
        # Only one sweep queues it (cache.add is atomic), and the next ones wait ``due_after`` for that run.
        if not _mark(pk, "queued", due_after):
            continue
        try:
            make_public_papers.delay(str(pk))
        except Exception:  # noqa: BLE001 - the broker is down: the next sweep tries again
            logger.exception("Public papers of pack build %s could not be queued (is the broker down?)", pk)
            _unmark(pk)
            report.unsent.append(str(pk))
        else:
            logger.info("Public papers of pack build %s were not made; queued again", pk)
            report.sent.append(str(pk))
    return report


def _marker(pk) -> str:
    return f"committees:public-papers:{pk}"


def _mark(pk, state: str, timeout: timedelta) -> bool:
    """Remember the build's papers are queued or have nothing to make; False if the cache already says so."""
    try:
        if state == "queued":
            return cache.add(_marker(pk), state, timeout=timeout.total_seconds())
        cache.set(_marker(pk), state, timeout=timeout.total_seconds())
    except Exception:  # noqa: BLE001 - no cache: sweeps queue the (idempotent) task more often, nothing worse
        logger.warning("Public papers of pack build %s: the cache is unavailable", pk)
    return True


def _unmark(pk) -> None:
    try:
        cache.delete(_marker(pk))
    except Exception:  # noqa: BLE001 - see _mark
        logger.warning("Public papers of pack build %s: the cache is unavailable", pk)
