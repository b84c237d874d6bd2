"""Build a meeting's full and public packs (docs/adr/0003).

1. Every paper becomes one or more *parts*: a cover report, each appendix
   (printed by the other apps' renderers, plans from their committee
   snapshots), or an uploaded PDF. Generated parts are rendered by WeasyPrint
   as tagged PDF/UA-1, one render per part, cached on disk by a hash of their
   HTML and the print CSS: a rebuild after one paper changes renders only that
   paper again, and the result is byte-for-byte what a fresh build makes.
2. Pass one lays the pack out from the parts' page counts: each item, and
   each appendix inside an item, starts on an odd page (a right-hand page, as
   the seed's appendices do), with "This page is intentionally left blank"
   fillers.
3. Pass two renders the front sheets with the real page ranges, then stamps
   every page with its number and marks each item's first page.
4. The public pack is the same layout with each exempt item replaced by a
   "Document is Restricted" notice of exactly as many pages, so page numbers
   match the full pack. Visibility comes from the database (``AgendaItem.exempt``),
   never from the caller.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from django.db.models import Prefetch

from documents import storage

from ..agenda import NumberedItem, number_items
from ..models import AgendaItem, Appendix, Meeting, Paper, PaperKind
from ..uploads import PdfRefused
from .appendices import PackError, appendix_html, appendix_labels  # noqa: F401  (PackError: imported from here)
from .assemble import OutlineEntry, ParsedParts, Part, assemble
from .cache import CACHE_FOLDER, PartCache  # noqa: F401  (CACHE_FOLDER: where retention looks)
from .content import (
    agenda_front_html,
    blank_page_html,
    cover_report_html,
    meeting_heading,
    restricted_notice_html,
    stamps_html,
)
from .pypdf_tuning import memoise_name_writing
from .structure import placed_is_tagged

memoise_name_writing()


@dataclass
class Source:
    """One part of the pack before rendering: generated HTML, or an uploaded file."""

    label: str
    html: str = ""
    upload_name: str = ""
    upload_checksum: str = ""
    starts_odd: bool = False  # an appendix: starts on a right-hand page within its item
    # An upload checked before ``Paper.tagged`` was recorded (null): its paper's id, so the build records it.
    tagged_unknown: int | None = None

    @property
    def key(self) -> str:
        if self.upload_name:
            return f"upload:{self.upload_checksum}"
        return hashlib.sha256(self.html.encode()).hexdigest()


@dataclass
class ItemPlan:
    entry: NumberedItem
    sources: list[Source] = field(default_factory=list)
    outline: list[tuple[str, int]] = field(default_factory=list)  # (title, index of the source it starts at)
    pdfs: list[bytes] = field(default_factory=list)
    texts: list[tuple[str, ...]] = field(default_factory=list)  # an upload's text per page; () for generated parts
    part_pages: list[int] = field(default_factory=list)
    filler_before: list[bool] = field(default_factory=list)  # a blank page before the part (appendices)
    pages: int = 0
    first_page: int = 0  # printed page number

    @property
    def number(self) -> str:
        return self.entry.number

    @property
    def exempt(self) -> bool:
        return self.entry.item.exempt

    @property
    def content_hash(self) -> str:
        return hashlib.sha256("\n".join(source.key for source in self.sources).encode()).hexdigest()


@dataclass
class BuiltPacks:
    full: bytes
    public: bytes
    ranges: dict[str, list[int]]
    item_hashes: dict[str, str]
    page_count: int
    rendered_parts: int = 0
    cached_parts: int = 0


def meeting_for_pack(meeting_id: int) -> Meeting:
    """The meeting with everything the pack prints, in a fixed number of queries."""
    papers = Paper.objects.prefetch_related(
        Prefetch("appendices", queryset=Appendix.objects.select_related("snapshot__plan"))
    )
    return (
        Meeting.objects.select_related("committee")
        .prefetch_related(
            "committee__members",
            Prefetch("items", queryset=AgendaItem.objects.prefetch_related(Prefetch("papers", queryset=papers))),
        )
        .get(pk=meeting_id)
    )


def item_plans(meeting: Meeting) -> list[ItemPlan]:
    """What each item prints, in agenda order; items without papers print nothing."""
    plans = []
    for entry in number_items(meeting.items.all()):
        plan = ItemPlan(entry=entry)
        for paper in sorted(entry.item.papers.all(), key=lambda p: (p.position, p.pk)):
            plan.outline.append((paper.title, len(plan.sources)))
            if paper.kind == PaperKind.UPLOAD:
                plan.sources.append(
                    Source(
                        label=paper.title,
                        upload_name=paper.file_name,
                        upload_checksum=paper.checksum,
                        tagged_unknown=paper.pk if paper.tagged is None else None,
                    )
                )
                continue
            appendices = sorted(paper.appendices.all(), key=lambda a: (a.position, a.pk))
            labels = appendix_labels(appendices)
            listed = []
            for appendix, label in zip(appendices, labels, strict=True):
                if not listed or listed[-1]["label"] != label:
                    listed.append({"label": label, "title": appendix.title})
            plan.sources.append(
                Source(
                    label=f"{entry.number} {paper.title}",
                    html=cover_report_html(paper=paper, entry=entry, meeting=meeting, appendices=listed),
                )
            )
            for appendix, label in zip(appendices, labels, strict=True):
                plan.outline.append((f"{label}: {appendix.title}", len(plan.sources)))
                plan.sources.append(
                    Source(label=f"{label}: {appendix.title}", html=appendix_html(appendix, label), starts_odd=True)
                )
        # Items without papers (A1 Introduction…) are kept for numbering and print nothing.
        plans.append(plan)
    return plans


def build_packs(
    *,
    meeting_id: int,
    published_on=None,
    progress: Callable[[int], None] | None = None,
    counted: Callable[[int, int], None] | None = None,
    only: Collection[int] | None = None,
    first_page: int = 1,
    front: Callable[..., str] = agenda_front_html,
    kind: str = "agenda",
) -> BuiltPacks:
    """Both packs of a meeting as PDF bytes, with the page ranges printed on the front sheet.

    A supplement (``committees.packs.supplement``) prints ``only`` the items of those ids, numbers its pages from
    ``first_page`` and has a ``front`` sheet of its own; ``kind`` names the document in its title.

    ``progress`` is told the percentage done, ``counted`` the parts done and the parts in all.
    """
    report = progress or (lambda percent: None)
    count = counted or (lambda done, total: None)
    meeting = meeting_for_pack(meeting_id)
    members = sorted(meeting.committee.members.all(), key=lambda m: (m.position, m.pk))
    plans = item_plans(meeting)
    printed = [plan for plan in plans if plan.sources and (only is None or plan.entry.item.pk in only)]
    if not printed:
        raise PackError("No agenda item has a paper yet: attach at least one paper before building the pack.")
    cache = PartCache()
    parsed = ParsedParts()  # each part's page count read once
    try:
        return _build(
            meeting=meeting,
            members=members,
            plans=plans,
            printed=printed,
            cache=cache,
            parsed=parsed,
            published_on=published_on,
            report=report,
            count=count,
            first_page=first_page,
            front=front,
            kind=kind,
        )
    finally:
        parsed.release()


def _place(plan: ItemPlan, source: Source, cache: PartCache) -> tuple[bytes, tuple[str, ...]]:
    """An upload placed on A4 (from the cache when it has it), or a ``PackError`` saying what to do about it."""
    # Uploads are size-limited (50 MB), and placement needs the whole file: read it, checked, once.
    upload = storage.verified_bytes(name=source.upload_name, checksum=source.upload_checksum)
    if upload is None:
        raise PackError(f"Item {plan.number}: the uploaded paper '{source.label}' is missing or damaged.")
    try:
        return cache.placed_upload(upload, source.upload_checksum)
    except PdfRefused as refused:
        raise PackError(
            f"Item {plan.number}: the uploaded paper '{source.label}' cannot go in the pack. {refused.message}."
        ) from refused
    except Exception as error:
        raise _unreadable(plan, source) from error


def _record_tagged(source: Source, placed: bytes) -> None:
    """Record whether an upload checked before ``Paper.tagged`` existed is tagged (else the build page calls it
    untagged): a fact of the file, like the part cache; a paper replaced since (another checksum) is left alone."""
    Paper.objects.filter(pk=source.tagged_unknown, checksum=source.upload_checksum, tagged__isnull=True).update(
        tagged=placed_is_tagged(placed)
    )


def _unreadable(plan: ItemPlan, source: Source) -> PackError:
    return PackError(
        f"Item {plan.number}: the uploaded paper '{source.label}' could not be read. "
        "Save it as a PDF again and upload it in its place."
    )


def _build(
    *, meeting, members, plans, printed, cache, parsed, published_on, report, count, first_page, front, kind
) -> BuiltPacks:
    # Pass one: render (or reuse) every part, then read how many pages each item takes.
    total_sources = sum(len(plan.sources) for plan in printed)
    done = 0
    count(0, total_sources)
    for plan in printed:
        for source in plan.sources:
            data, texts = _place(plan, source, cache) if source.upload_name else (cache.pdf(source.html), ())
            if source.tagged_unknown is not None:
                _record_tagged(source, data)
            plan.pdfs.append(data)
            plan.texts.append(texts)
            done += 1
            count(done, total_sources)
            report(10 + int(70 * done / total_sources))
    for plan in printed:
        for source, data in zip(plan.sources, plan.pdfs, strict=True):
            try:
                pages = parsed.page_count(data)
            except Exception as error:
                if not source.upload_name:
                    raise
                raise _unreadable(plan, source) from error
            # The item starts on an odd page, so an odd count of pages before this part puts it on an even one.
            filler = source.starts_odd and plan.pages % 2 == 1
            plan.filler_before.append(filler)
            plan.pages += int(filler)
            plan.part_pages.append(pages)
            plan.pages += pages
    ranges: dict[str, list[int]] = {}
    page = first_page
    fillers_after: dict[str, bool] = {}
    for plan in printed:
        plan.first_page = page
        ranges[plan.number] = [page, page + plan.pages - 1]
        page += plan.pages
        fillers_after[plan.number] = page % 2 == 0  # the next item must start on an odd page
        if fillers_after[plan.number]:
            page += 1
    last_page = page - 1

    # Pass two: the front sheets with the real ranges (the public one says less about exempt items).
    fronts = {
        public: cache.pdf(
            front(
                meeting=meeting,
                members=members,
                plans=plans,
                printed=printed,
                ranges={k: tuple(v) for k, v in ranges.items()},
                public=public,
                published_on=published_on,
            )
        )
        for public in (False, True)
    }
    report(85)
    front_counts = {public: parsed.page_count(pdf) for public, pdf in fronts.items()}
    front_pages = max(front_counts.values())
    front_pages += front_pages % 2  # page 1 of the papers is a right-hand page
    blank = cache.pdf(blank_page_html())

    def pack_parts(public: bool) -> tuple[list[Part], list[OutlineEntry]]:
        parts = [Part(fronts[public], kind.capitalize())]
        parts += [Part(blank, "Blank page")] * (front_pages - front_counts[public])
        outline = [OutlineEntry(kind.capitalize(), 0)]
        physical = front_pages
        for plan in printed:
            item = plan.entry.item
            title = item.display_public_title if public else item.title
            entry = OutlineEntry(f"{plan.number} {title}", physical)
            if public and plan.exempt:
                notice = cache.pdf(
                    restricted_notice_html(
                        number=plan.number, paragraph=item.exempt_paragraph, pages=plan.pages, meeting=meeting
                    )
                )
                if parsed.page_count(notice) != plan.pages:
                    raise PackError(f"The notice for item {plan.number} did not come out at {plan.pages} pages.")
                parts.append(Part(notice, f"Agenda item {plan.number}: Document is Restricted"))
                entry.title += " (restricted)"
            else:
                starts = {}
                position = physical
                for index, (source, data, texts, count, filler) in enumerate(
                    zip(plan.sources, plan.pdfs, plan.texts, plan.part_pages, plan.filler_before, strict=True)
                ):
                    if filler:
                        parts.append(Part(blank, "Blank page"))
                        position += 1
                    starts[index] = position
                    parts.append(Part(data, source.label, upload=bool(source.upload_name), texts=texts))
                    position += count
                entry.children = [OutlineEntry(text, starts[index]) for text, index in plan.outline]
            outline.append(entry)
            physical += plan.pages
            if fillers_after[plan.number]:
                parts.append(Part(blank, "Blank page"))
                physical += 1
        return parts, outline

    labels: list[tuple[str, str]] = [("", "")] * front_pages
    starts = {plan.first_page: plan.number for plan in printed}
    numbers = range(first_page, last_page + 1)
    labels += [(f"Page {n}", f"Agenda Item {starts[n]}" if n in starts else "") for n in numbers]
    stamps = cache.pdf(stamps_html(labels=labels), tagged=False)
    report(90)

    heading = meeting_heading(meeting)
    packs = {}
    for public in (False, True):
        parts, outline = pack_parts(public)
        title = f"{heading}: {kind} ({'public pack' if public else 'full pack'})"
        packs[public] = assemble(parts=parts, stamps_pdf=stamps, outline=outline, title=title)
    report(97)
    return BuiltPacks(
        full=packs[False],
        public=packs[True],
        ranges=ranges,
        item_hashes={plan.number: plan.content_hash for plan in printed},
        page_count=front_pages + last_page - first_page + 1,
        rendered_parts=cache.rendered,
        cached_parts=cache.cached,
    )
