"""Writes for a publication's papers one by one (issue 15), made by a task once a pack is published.

Each public item's pages are cut from the published public pack (``committees.packs.papers``), so they carry the
pack's page numbers; each generated paper (cover report, plan snapshot, register, dashboard) of a public item also
gets its HTML kept for a web page, but only when that item still prints exactly what the publication printed (its
content hash is the build's): a paper edited since is offered as the pack's PDF pages only, never as HTML the
committee did not see. Exempt items get nothing.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid

from django.db import transaction
from pypdf import PdfReader

from documents import storage

from ..agenda import number_items
from ..models import PackBuild, PublicPaper, PublicPaperKind, Visibility
from ..packs.builder import ItemPlan, PackError, item_plans, meeting_for_pack
from ..packs.content import meeting_heading
from ..packs.papers import OutlineItem, cut_item, item_entry, pack_outline, web_body

logger = logging.getLogger(__name__)

PAPERS_FOLDER = "public_papers"


def public_papers_make(*, build_id) -> int:
    """Make a published build's public papers; the number of files made. Safe to run again: a build that has its
    papers (or is not published, or whose public pack is missing or damaged) is left alone."""
    build = PackBuild.objects.filter(pk=build_id, published_at__isnull=False).prefetch_related("files").first()
    if build is None or build.public_papers.exists():
        return 0
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
