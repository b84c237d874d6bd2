"""Put the pack together from its parts, keeping each generated part's tagging (docs/adr/0003).

The merge is done with pikepdf (qpdf): parsing the parts, copying their objects into each pack and writing it
run in C++, where pypdf spent more time on them than WeasyPrint spends on all but the largest parts (issue 15;
docs/benchmarks.md "Agenda pack"). Neither library merges structure trees, so this module does: every part
rendered by WeasyPrint (front sheet, cover reports, appendices, notices, fillers) keeps its structure elements
under one ``Sect`` per part, with the pages' ``/StructParents`` keys and the parent tree renumbered so they do
not collide. A tagged uploaded PDF is merged the same way: ``placement`` keeps its structure tree (sanitised,
like the rest of the upload). Each page of an untagged upload becomes one ``Figure`` whose alternative text is
the text read from that page.

Each pack is a ``Pdf`` of its own, and qpdf writes only the objects reachable from the pack's catalog: nothing of
an exempt part can reach the public pack, which never copies from one.

Page numbers and the "Agenda Item B1" marks are stamped on every page from one small WeasyPrint document (each
stamp drawn as a form XObject, marked as a pagination artifact), so the parts themselves do not depend on the
page they start on and can be reused from the cache when another paper changes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String

A4_WIDTH = 595.2756
A4_HEIGHT = 841.8898
MM = 72 / 25.4
# The margins of the stamp sheet (print/committees/stamps.html): the "Agenda Item" mark prints in the top one,
# "Page N" in the bottom one. Uploaded pages are placed between them, so nothing of theirs prints there.
STAMP_BAND_TOP = 20 * MM
STAMP_BAND_BOTTOM = 18 * MM
MAX_ALT_TEXT = 20_000
# PDF/UA-1 is PDF 1.7, as WeasyPrint writes each part.
PDF_VERSION = "1.7"


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


def open_pdf(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def page_count(pdf: bytes) -> int:
    with open_pdf(pdf) as document:
        return len(document.pages)


class ParsedParts:
    """The page count of each part, read once per build (qpdf reads only the page tree for it).

    Every copy of a part into a pack is opened afresh (``_Merger.open``): qpdf opens a file lazily, reading an
    object only when it is copied, and a part that occurs twice in one pack (the blank filler page) needs its
    own pages and structure elements each time, since qpdf copies a source's object into a pack only once.
    """

    def __init__(self) -> None:
        self._counts: dict[bytes, int] = {}

    def page_count(self, pdf: bytes) -> int:
        count = self._counts.get(pdf)
        if count is None:
            count = self._counts[pdf] = page_count(pdf)
        return count

    def release(self) -> None:
        self._counts.clear()


def _struct_element(kind: str, **entries) -> Dictionary:
    return Dictionary(Type=Name.StructElem, S=Name("/" + kind), **entries)


def _copy(pack: pikepdf.Pdf, value):
    """``value`` (an object of a part) as an object of ``pack``: indirect objects through qpdf's copy (each copied
    once per pack and source, references to pages already copied becoming references to their copies), direct
    arrays and dictionaries member by member (qpdf copies indirect objects only)."""
    if isinstance(value, pikepdf.Object):
        if value.is_indirect:
            return pack.copy_foreign(value)
        if isinstance(value, Array):
            return Array([_copy(pack, item) for item in value])
        if isinstance(value, Dictionary):
            return Dictionary({key: _copy(pack, item) for key, item in value.items()})
    return value


def _kids(value) -> list:
    return list(value) if isinstance(value, Array) else [value]


def parent_tree_nums(tree) -> list[tuple[int, object]]:
    """A number tree's (key, value) pairs, from its ``/Nums`` and its ``/Kids`` at any depth."""
    found = []
    stack = [tree]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if not isinstance(node, Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        nums = node.get("/Nums", Array())
        found += [(int(nums[index]), nums[index + 1]) for index in range(0, len(nums) - 1, 2)]
        stack += list(node.get("/Kids", Array()))
    return found


class _Merger:
    def __init__(self, *, title: str, lang: str):
        self.pack = pikepdf.new()
        self.opened: list[pikepdf.Pdf] = []  # the parts copied from: qpdf reads their streams when it writes
        self.pack.docinfo[Name.Title] = String(title)
        self.document = self.pack.make_indirect(_struct_element("Document", K=Array()))
        self.root = self.pack.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([self.document])))
        self.document.P = self.root
        self.nums: list[tuple[int, object]] = []
        self.next_key = 0
        self.lang = lang
        self.role_map = Dictionary()  # a tagged upload's own element names → standard ones
        self.destinations: list[tuple[str, object]] = []

    def open(self, pdf: bytes) -> pikepdf.Pdf:
        source = open_pdf(pdf)
        self.opened.append(source)
        return source

    def close(self) -> None:
        for source in self.opened:
            source.close()
        self.opened.clear()
        self.pack.close()

    def _section(self, label: str):
        section = self.pack.make_indirect(_struct_element("Sect", T=String(label), P=self.document, K=Array()))
        self.document.K.append(section)
        return section

    def add_tagged(self, part: Part, index: int, source: pikepdf.Pdf) -> None:
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            raise ValueError(f"Part {part.label!r} is not tagged.")
        offset = self.next_key
        highest = -1
        # Pages first: the structure elements copied after them point at the pack's copies of the pages.
        for page in source.pages:
            self.pack.pages.append(page)
            new_page = self.pack.pages[-1].obj
            if "/StructParents" in new_page:
                key = int(new_page.StructParents) + offset
                new_page.StructParents = key
                highest = max(highest, key)
            for annotation in new_page.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    key = int(annotation.StructParent) + offset
                    annotation.StructParent = key
                    highest = max(highest, key)
                # Internal links name destinations; names are made unique per part.
                if isinstance(annotation.get("/Dest"), String):
                    annotation.Dest = String(f"p{index}-{annotation.Dest}")
        self._copy_destinations(source, index)
        section = self._section(part.label)
        for kid in _kids(tree.get("/K", Array())):
            if not isinstance(kid, Dictionary):
                continue
            # Cut the link back to the part's own root so copying does not take it along as a stray object.
            if "/P" in kid:
                del kid["/P"]
            element = _copy(self.pack, kid)
            if not element.is_indirect:
                element = self.pack.make_indirect(element)
            element.P = section
            # The part's own Document element becomes a plain grouping inside our Sect (a tagged upload's
            # top elements may be anything else: a heading stays a heading).
            if element.get("/S") == Name.Document:
                element.S = Name.Div
            section.K.append(element)
        role_map = tree.get("/RoleMap")
        if isinstance(role_map, Dictionary):
            for name, role in role_map.items():
                # The first part to name a role keeps it; WeasyPrint's parts use standard names only.
                if name not in self.role_map:
                    self.role_map[name] = _copy(self.pack, role)
        entries = parent_tree_nums(tree.get("/ParentTree"))
        # One copy of all the values (WeasyPrint writes them as direct arrays, which qpdf copies only inside an
        # indirect object): made indirect in the part, copied by qpdf, instead of walked here member by member.
        values = self.pack.copy_foreign(source.make_indirect(Array([value for _, value in entries])))
        for (key, _), value in zip(entries, values, strict=True):
            key += offset
            self.nums.append((key, value))
            highest = max(highest, key)
        self.next_key = max(self.next_key, highest + 1)

    def _copy_destinations(self, source: pikepdf.Pdf, index: int) -> None:
        names = source.Root.get("/Names")
        dests = names.get("/Dests") if isinstance(names, Dictionary) else None
        if dests is None:
            return
        for name, destination in pikepdf.NameTree(dests).items():
            self.destinations.append((f"p{index}-{name}", _copy(self.pack, destination)))

    def add_upload(self, part: Part, source: pikepdf.Pdf) -> None:
        """Each placed page tagged as one Figure with the page's text as its alternative text."""
        section = self._section(part.label)
        total = len(source.pages)
        if len(part.texts) != total:
            raise ValueError(f"Part {part.label!r} has {total} pages but text for {len(part.texts)}.")
        for number, (page, text) in enumerate(zip(source.pages, part.texts, strict=True), start=1):
            self.pack.pages.append(page)
            page = self.pack.pages[-1].obj
            for active in ("/Annots", "/AA"):  # placement never makes them; never let them through regardless
                if active in page:
                    del page[active]
            key = self.next_key
            self.next_key += 1
            page.StructParents = key
            alt = f"{part.label}, page {number} of {total}" + (f": {text}" if text else " (no readable text)")
            figure = self.pack.make_indirect(_struct_element("Figure", P=section, Pg=page, K=0, Alt=String(alt)))
            section.K.append(figure)
            self.nums.append((key, Array([figure])))

    def stamp(self, stamps_pdf: bytes) -> None:
        """Draw stamp N over page N: the page's own drawing isolated in ``q``/``Q``, then the stamp as a form
        XObject inside a pagination artifact (a reader's text layer reads it; assistive technology skips it)."""
        stamps = self.open(stamps_pdf)
        if len(stamps.pages) != len(self.pack.pages):
            raise ValueError("The stamp sheet and the pack differ in length.")
        for page, stamp in zip(self.pack.pages, stamps.pages, strict=True):
            form = self.pack.copy_foreign(stamp.as_form_xobject())
            name = page.add_resource(form, Name.XObject, _free_name(page, "/PackStamp"))
            page.contents_add(self.pack.make_stream(b"q\n"), prepend=True)
            page.contents_add(
                self.pack.make_stream(b"Q\n/Artifact <</Type /Pagination>> BDC\nq " + bytes(name) + b" Do Q\nEMC\n")
            )

    def outline(self, entries: list[OutlineEntry]) -> None:
        def item(entry: OutlineEntry) -> pikepdf.OutlineItem:
            made = pikepdf.OutlineItem(entry.title, entry.page_index)
            made.children.extend(item(child) for child in entry.children)
            return made

        with self.pack.open_outline() as outline:
            outline.root.extend(item(entry) for entry in entries)

    def finish(self, *, metadata_source: bytes) -> bytes:
        ordered = sorted(self.nums, key=lambda pair: pair[0])
        self.root.ParentTree = self.pack.make_indirect(
            Dictionary(Nums=Array([x for key, value in ordered for x in (key, value)]))
        )
        self.root.ParentTreeNextKey = self.next_key
        if self.role_map:
            self.root.RoleMap = self.role_map
        catalog = self.pack.Root
        catalog.StructTreeRoot = self.root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = String(self.lang)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        catalog.PageMode = Name.UseOutlines
        if self.destinations:
            tree = pikepdf.NameTree.new(self.pack)
            for name, destination in self.destinations:
                tree[name] = destination
            catalog.Names = Dictionary(Dests=tree.obj)
        # The front sheet's XMP packet (PDF/UA identification, title) describes the whole pack.
        source = self.open(metadata_source)
        metadata = source.Root.get("/Metadata")
        if metadata is not None:
            catalog.Metadata = self.pack.copy_foreign(metadata)
        output = io.BytesIO()
        # A fixed /ID made from the content: the same parts make the same file, byte for byte (a rebuild, or a
        # build whose parts were rendered by other workers); object streams keep the file near the parts' size.
        self.pack.save(
            output,
            min_version=PDF_VERSION,
            fix_metadata_version=False,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
        return output.getvalue()


def _free_name(page: pikepdf.Page, wanted: str) -> Name:
    """``wanted``, or ``wanted`` and a number, whichever the page's form XObjects do not name yet (not a random
    name, as pikepdf's prefix gives: the same parts must make the same file)."""
    taken = page.resources.get("/XObject", Dictionary()).keys() if "/Resources" in page.obj else ()
    number = 0
    name = wanted
    while name in taken:
        number += 1
        name = f"{wanted}{number}"
    return Name(name)


def assemble(
    *,
    parts: list[Part],
    stamps_pdf: bytes,
    outline: list[OutlineEntry],
    title: str,
    lang: str = "en-GB",
) -> bytes:
    """One PDF of all ``parts`` in order, stamped, with the outline and a merged structure tree."""
    merger = _Merger(title=title, lang=lang)
    try:
        for index, part in enumerate(parts):
            source = merger.open(part.pdf)
            # A placed upload that kept a structure tree (``placement`` keeps a tagged upload's) merges like a part.
            if part.upload and "/StructTreeRoot" not in source.Root:
                merger.add_upload(part, source)
            else:
                merger.add_tagged(part, index, source)
        merger.stamp(stamps_pdf)
        merger.outline(outline)
        return merger.finish(metadata_source=parts[0].pdf)
    finally:
        merger.close()
