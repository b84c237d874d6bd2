"""Put the pack together from its parts, keeping each generated part's tagging (docs/adr/0003).

pypdf drops the structure tree when it merges PDFs, so this module merges it
itself: every part rendered by WeasyPrint (front sheet, cover reports,
appendices, notices, fillers) keeps its structure elements under one
``Sect`` per part, with the pages' ``/StructParents`` keys and the parent tree
renumbered so they do not collide. A tagged uploaded PDF is merged the same
way: ``placement`` keeps its structure tree (sanitised, like the rest of the
upload). Each page of an untagged upload becomes one ``Figure`` whose
alternative text is the text pypdf reads from that page.

Page numbers and the "Agenda Item B1" marks are stamped on every page from
one small WeasyPrint document and marked as pagination artifacts, so the
parts themselves do not depend on the page they start on and can be reused
from the cache when another paper changes.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from .stamping import merge_stamp, stamp_sheet

A4_WIDTH = 595.2756
A4_HEIGHT = 841.8898
MM = 72 / 25.4
# The margins of the stamp sheet (print/committees/stamps.html): the "Agenda Item" mark prints in the top one,
# "Page N" in the bottom one. Uploaded pages are placed between them, so nothing of theirs prints there.
STAMP_BAND_TOP = 20 * MM
STAMP_BAND_BOTTOM = 18 * MM
MAX_ALT_TEXT = 20_000


@dataclass
class Part:
    """A run of pages in the pack: a tagged WeasyPrint PDF, or an uploaded PDF placed on A4 (``upload=True``).

    An upload's ``pdf`` is what ``place_upload`` made of it and ``texts`` the text read from each page; a
    placed upload that has a structure tree (the upload was tagged) is merged like a generated part.
    """

    pdf: bytes
    label: str
    upload: bool = False
    texts: tuple[str, ...] = ()


@dataclass
class OutlineEntry:
    title: str
    page_index: int  # 0-based physical page
    children: list[OutlineEntry] = field(default_factory=list)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around pypdf's parsing, cloning and writing.

    pypdf makes millions of small objects that stay alive until the pack is
    written, so each full collection walks all of them again, for nothing:
    measured on the seed-sized pack, a third of the merge's time went to
    collections. Memory is still freed by reference counting; cycles made
    meanwhile are collected once the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ParsedParts:
    """Each part's PDF parsed once per build and shared by both packs.

    Parsing is most of pypdf's cost (WeasyPrint packs every object, the
    structure tree included, into object streams that pypdf parses whole), and
    a build used to parse every part three times: for its page count, and once
    for each pack. Sharing a reader between the two packs' writers is safe: each
    writer clones what it takes into objects of its own, so nothing is shared
    between the packs' files, and the public pack never takes anything from an
    exempt part. A part that occurs twice in one pack (the blank filler page)
    gets a reader per occurrence, because a writer clones a reader's objects
    only once and each occurrence needs its own pages and structure elements.
    """

    def __init__(self) -> None:
        self._readers: dict[bytes, list[PdfReader]] = {}
        self._stamps: dict[bytes, PdfWriter] = {}
        self.stamp_contents: dict[tuple, bytes] = {}  # ``stamping.merge_stamp``: made once for both packs

    def reader(self, pdf: bytes, *, used: set[int] | None = None) -> PdfReader:
        """A reader of ``pdf`` whose id is not in ``used`` (and is added to it)."""
        readers = self._readers.setdefault(pdf, [])
        for reader in readers:
            if used is None or id(reader) not in used:
                break
        else:
            with cyclic_gc_paused():
                reader = PdfReader(io.BytesIO(pdf))
                len(reader.pages)  # parses the object streams (the structure tree with them) here
            readers.append(reader)
        if used is not None:
            used.add(id(reader))
        return reader

    def page_count(self, pdf: bytes) -> int:
        return len(self.reader(pdf).pages)

    def stamps(self, stamps_pdf: bytes) -> PdfWriter:
        """The stamp sheet's pages, each marked as a pagination artifact, made once for both packs: stamping a
        pack reads them (their content and resources are copied into the pack's pages) and changes nothing."""
        stamps = self._stamps.get(stamps_pdf)
        if stamps is None:
            stamps = self._stamps[stamps_pdf] = stamp_sheet(stamps_pdf)
        return stamps

    def release(self) -> None:
        """Forget every parsed part (once both packs are written)."""
        self._readers.clear()
        self._stamps.clear()
        self.stamp_contents.clear()


class _Merger:
    def __init__(self, *, title: str, lang: str, parsed: ParsedParts):
        self.parsed = parsed
        self.used: set[int] = set()  # readers this pack has taken objects from
        self.writer = PdfWriter()
        self.writer.add_metadata({"/Title": title})
        self.root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self.root_ref = self.writer._add_object(self.root)
        self.document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): self.root_ref,
                NameObject("/K"): ArrayObject(),
            }
        )
        self.document_ref = self.writer._add_object(self.document)
        self.root[NameObject("/K")] = ArrayObject([self.document_ref])
        self.nums: list[tuple[int, object]] = []
        self.next_key = 0
        self.lang = lang
        self.role_map = DictionaryObject()  # a tagged upload's own element names → standard ones

    def _section(self, label: str):
        section = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Sect"),
                NameObject("/T"): TextStringObject(label),
                NameObject("/P"): self.document_ref,
                NameObject("/K"): ArrayObject(),
            }
        )
        ref = self.writer._add_object(section)
        self.document["/K"].append(ref)
        return section, ref

    def add_tagged(self, part: Part, index: int) -> None:
        reader = self.parsed.reader(part.pdf, used=self.used)
        offset = self.next_key
        highest = -1
        first_page = len(self.writer.pages)
        for page in reader.pages:
            new_page = self.writer.add_page(page)
            if "/StructParents" in page:
                key = int(page["/StructParents"]) + offset
                new_page[NameObject("/StructParents")] = NumberObject(key)
                highest = max(highest, key)
            for annotation in new_page.get("/Annots", []) or []:
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    key = int(annotation["/StructParent"]) + offset
                    annotation[NameObject("/StructParent")] = NumberObject(key)
                    highest = max(highest, key)
                # Internal links name destinations; names are made unique per part.
                if isinstance(annotation.get("/Dest"), str):
                    annotation[NameObject("/Dest")] = TextStringObject(f"p{index}-{annotation['/Dest']}")
        self._copy_destinations(reader, index, first_page)
        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            raise ValueError(f"Part {part.label!r} is not tagged.")
        tree = tree.get_object()
        section, section_ref = self._section(part.label)
        kids = tree["/K"]
        for document in kids if isinstance(kids, list) else [kids]:
            source = document.get_object()
            if not isinstance(source, DictionaryObject):
                continue
            # Cut the link back to the part's own root so cloning does not copy it as a stray object.
            if "/P" in source:
                del source["/P"]
            element = source.clone(self.writer)
            element[NameObject("/P")] = section_ref
            # The part's own Document element becomes a plain grouping inside our Sect (a tagged upload's
            # top elements may be anything else: a heading stays a heading).
            if element.get("/S") == "/Document":
                element[NameObject("/S")] = NameObject("/Div")
            section["/K"].append(element.indirect_reference or self.writer._add_object(element))
        role_map = tree.get("/RoleMap")
        if role_map is not None:
            for name, role in role_map.get_object().items():
                # The first part to name a role keeps it; WeasyPrint's parts use standard names only.
                self.role_map.setdefault(NameObject(name), role.clone(self.writer))
        parent_tree = tree["/ParentTree"].get_object()
        nums = parent_tree.get("/Nums", [])
        for position in range(0, len(nums), 2):
            key = int(nums[position]) + offset
            self.nums.append((key, nums[position + 1].clone(self.writer)))
            highest = max(highest, key)
        self.next_key = max(self.next_key, highest + 1)

    def _copy_destinations(self, reader: PdfReader, index: int, first_page: int) -> None:
        for name, destination in reader.named_destinations.items():
            try:
                page_number = reader.get_destination_page_number(destination)
            except Exception:  # noqa: BLE001 - a broken destination in a part is dropped, not fatal
                continue
            self.writer.add_named_destination(f"p{index}-{name}", first_page + page_number)

    def has_structure(self, part: Part) -> bool:
        """Whether a placed upload kept a structure tree (``placement`` keeps a tagged upload's)."""
        return "/StructTreeRoot" in self.parsed.reader(part.pdf).root_object

    def add_upload(self, part: Part) -> None:
        """Each placed page tagged as one Figure with the page's text as its alternative text."""
        reader = self.parsed.reader(part.pdf, used=self.used)
        section, section_ref = self._section(part.label)
        total = len(reader.pages)
        if len(part.texts) != total:
            raise ValueError(f"Part {part.label!r} has {total} pages but text for {len(part.texts)}.")
        for number, (source, text) in enumerate(zip(reader.pages, part.texts, strict=True), start=1):
            page = self.writer.add_page(source)
            for active in ("/Annots", "/AA"):  # placement never makes them; never let them through regardless
                if active in page:
                    del page[active]
            key = self.next_key
            self.next_key += 1
            page[NameObject("/StructParents")] = NumberObject(key)
            alt = f"{part.label}, page {number} of {total}" + (f": {text}" if text else " (no readable text)")
            figure = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/StructElem"),
                    NameObject("/S"): NameObject("/Figure"),
                    NameObject("/P"): section_ref,
                    NameObject("/Pg"): page.indirect_reference,
                    NameObject("/K"): NumberObject(0),
                    NameObject("/Alt"): TextStringObject(alt),
                }
            )
            figure_ref = self.writer._add_object(figure)
            section["/K"].append(figure_ref)
            self.nums.append((key, ArrayObject([figure_ref])))

    def stamp(self, stamps_pdf: bytes) -> None:
        stamps = self.parsed.stamps(stamps_pdf)
        if len(stamps.pages) != len(self.writer.pages):
            raise ValueError("The stamp sheet and the pack differ in length.")
        for index, (page, stamp) in enumerate(zip(self.writer.pages, stamps.pages, strict=True)):
            merge_stamp(page, stamp, index, self.parsed.stamp_contents)

    def outline(self, entries: list[OutlineEntry]) -> None:
        def add(entry: OutlineEntry, parent) -> None:
            item = self.writer.add_outline_item(title=entry.title, page_number=entry.page_index, parent=parent)
            for child in entry.children:
                add(child, item)

        for entry in entries:
            add(entry, None)

    def finish(self, *, metadata_source: bytes) -> bytes:
        ordered = sorted(self.nums, key=lambda pair: pair[0])
        number_tree = DictionaryObject(
            {NameObject("/Nums"): ArrayObject(x for key, value in ordered for x in (NumberObject(key), value))}
        )
        self.root[NameObject("/ParentTree")] = self.writer._add_object(number_tree)
        self.root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        if self.role_map:
            self.root[NameObject("/RoleMap")] = self.role_map
        catalog = self.writer.root_object
        catalog[NameObject("/StructTreeRoot")] = self.root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): _true()})
        catalog[NameObject("/Lang")] = TextStringObject(self.lang)
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): _true()})
        catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
        # The front sheet's XMP packet (PDF/UA identification, title) describes the whole pack.
        source = self.parsed.reader(metadata_source)
        metadata = source.root_object.get("/Metadata")
        if metadata is not None:
            catalog[NameObject("/Metadata")] = metadata.clone(self.writer).indirect_reference
        output = io.BytesIO()
        self.writer.write(output)
        return output.getvalue()


def _true():
    from pypdf.generic import BooleanObject

    return BooleanObject(True)


def assemble(
    *,
    parts: list[Part],
    stamps_pdf: bytes,
    outline: list[OutlineEntry],
    title: str,
    lang: str = "en-GB",
    parsed: ParsedParts | None = None,
) -> bytes:
    """One PDF of all ``parts`` in order, stamped, with the outline and a merged structure tree.

    Pass the same ``parsed`` to both packs of a build so each part is parsed once.
    """
    with cyclic_gc_paused():
        merger = _Merger(title=title, lang=lang, parsed=parsed or ParsedParts())
        for index, part in enumerate(parts):
            if part.upload and not merger.has_structure(part):
                merger.add_upload(part)
            else:
                merger.add_tagged(part, index)
        merger.stamp(stamps_pdf)
        merger.outline(outline)
        return merger.finish(metadata_source=parts[0].pdf)
