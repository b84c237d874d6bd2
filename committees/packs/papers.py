"""A published pack's papers one by one (issue 15): each item's pages cut from the public pack, and each generated
paper's HTML for a web page of its own.

An item's PDF is its run of pages taken from the public pack as it was published, so its pages carry the pack's
own stamped numbers ("Page 57" is page 57 in both) and nothing is rendered again. The cut keeps the tagging: the
structure tree keeps the ``Sect`` of every part on those pages (a part never spans two items, docs/adr/0003), the
pages keep their parent tree keys, and the item's outline entry (its papers and appendices) comes along.

Only what the public pack holds is ever read here, and exempt items are never cut (a notice is all the public pack
has of them anyway), so nothing exempt can reach a public paper.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from .pypdf_tuning import cyclic_gc_paused
from .structure import parent_tree_entries

XMP_TITLE = re.compile(rb"(<dc:title><rdf:Alt><rdf:li[^>]*>)(.*?)(</rdf:li>)", re.DOTALL)
BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.IGNORECASE | re.DOTALL)
HEADING_TAG = re.compile(r"<(/?)h([1-5])\b", re.IGNORECASE)
TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
STYLE_OR_SCRIPT = re.compile(r"<(style|script)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


@dataclass
class OutlineItem:
    title: str
    page_index: int  # 0-based physical page of the pack
    children: list[OutlineItem] = field(default_factory=list)


def pack_outline(reader: PdfReader) -> list[OutlineItem]:
    """The pack's outline as titles and physical page indexes (the builder writes one level per item)."""

    def walk(entries) -> list[OutlineItem]:
        found: list[OutlineItem] = []
        for entry in entries:
            if isinstance(entry, list):
                if found:
                    found[-1].children = walk(entry)
                continue
            found.append(OutlineItem(str(entry.title), reader.get_destination_page_number(entry)))
        return found

    return walk(reader.outline)


def item_entry(outline: list[OutlineItem], number: str) -> OutlineItem | None:
    """The outline entry of item ``number`` ("B1 Annual Business Plans")."""
    return next((entry for entry in outline if entry.title.startswith(f"{number} ")), None)


def cut_item(pack: bytes, *, start: int, stop: int, title: str, entry: OutlineItem, lang: str = "en-GB") -> bytes:
    """Pages ``start`` to ``stop - 1`` (0-based) of a merged pack as a tagged PDF of their own.

    The pages are taken as they are (stamps included); the structure tree keeps the pack's ``Sect`` elements
    that own content on those pages, under a new ``Document``; ``entry`` (the item's outline entry) becomes the
    outline. Read from a fresh parse: cloning cuts each kept part loose from the pack's tree.
    """
    with cyclic_gc_paused():
        reader = PdfReader(io.BytesIO(pack))
        writer = PdfWriter()
        writer.add_metadata({"/Title": title})
        keys: set[int] = set()
        for index in range(start, stop):
            source = reader.pages[index]
            page = writer.add_page(source)
            if "/StructParents" in source:
                # pypdf leaves the key out of the copy: the page's marked content is found through it.
                keys.add(int(source["/StructParents"]))
                page[NameObject("/StructParents")] = NumberObject(int(source["/StructParents"]))
            for annotation in page.get("/Annots", []) or []:
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    keys.add(int(annotation["/StructParent"]))
        tree = reader.root_object["/StructTreeRoot"].get_object()
        document = tree["/K"][0].get_object() if isinstance(tree["/K"], list) else tree["/K"].get_object()
        entries = [(key, value) for key, value in parent_tree_entries(tree["/ParentTree"]) if key in keys]
        sections = _sections_of(document, [value for _, value in entries])

        root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root_ref = writer._add_object(root)
        new_document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): root_ref,
                NameObject("/K"): ArrayObject(),
            }
        )
        document_ref = writer._add_object(new_document)
        root[NameObject("/K")] = ArrayObject([document_ref])
        for section in sections:
            source = section.get_object()
            del source["/P"]  # the pack's Document (and through it every other part) is not copied
            element = source.clone(writer)
            element[NameObject("/P")] = document_ref
            new_document["/K"].append(element.indirect_reference or writer._add_object(element))
        nums = ArrayObject()
        for key, value in entries:
            nums += [NumberObject(key), value.clone(writer)]
        root[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
        root[NameObject("/ParentTreeNextKey")] = NumberObject(max(keys, default=-1) + 1)
        if "/RoleMap" in tree:
            root[NameObject("/RoleMap")] = tree["/RoleMap"].clone(writer)
        _copy_destinations(reader, writer, start, stop)
        _outline(writer, entry, start)

        catalog = writer.root_object
        catalog[NameObject("/StructTreeRoot")] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        catalog[NameObject("/Lang")] = TextStringObject(lang)
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )
        catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
        metadata = reader.root_object.get("/Metadata")
        if metadata is not None:
            catalog[NameObject("/Metadata")] = writer._add_object(_retitled(metadata.get_object().get_data(), title))
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()


def _sections_of(document: DictionaryObject, values: list) -> list:
    """The children of the pack's ``Document`` (one ``Sect`` per part) that own any of ``values`` (parent tree
    entries: elements, or arrays of them), in the pack's order."""
    wanted: set[int] = set()
    for value in values:
        value = value.get_object()
        for element in value if isinstance(value, list) else [value]:
            node = element
            # Up to the child of the Document; a chain that never reaches it (a broken tree) is dropped.
            for _ in range(10_000):
                if node is None:
                    break
                parent = node.get_object().get("/P")
                if parent is None:
                    break
                if parent.get_object() is document:
                    wanted.add(_identity(node))
                    break
                node = parent
    return [kid for kid in document["/K"] if _identity(kid) in wanted]


def _identity(node) -> int:
    return node.idnum if isinstance(node, IndirectObject) else id(node)


def _copy_destinations(reader: PdfReader, writer: PdfWriter, start: int, stop: int) -> None:
    """Named destinations on the kept pages (the parts' internal links), at their new page numbers."""
    for name, destination in reader.named_destinations.items():
        try:
            number = reader.get_destination_page_number(destination)
        except Exception:  # noqa: BLE001 - a destination that cannot be followed is dropped, not fatal
            continue
        if start <= number < stop:
            writer.add_named_destination(name, number - start)


def _outline(writer: PdfWriter, entry: OutlineItem, start: int) -> None:
    parent = writer.add_outline_item(title=entry.title, page_number=entry.page_index - start)
    for child in entry.children:
        writer.add_outline_item(title=child.title, page_number=child.page_index - start, parent=parent)


def _retitled(xmp: bytes, title: str) -> DecodedStreamObject:
    """The pack's XMP packet (PDF/UA identification) with the item's title."""
    data = XMP_TITLE.sub(lambda match: match[1] + escape(title).encode() + match[3], xmp, count=1)
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    return stream


def web_body(html: str) -> str:
    """A generated paper's print HTML as the body of a web page: what its ``<body>`` holds, without style or script
    elements, each heading a level lower (the web page's own ``h1`` is the paper's title), each table in a box
    that scrolls on its own (the page reflows at 320 px; a keyboard can scroll the box)."""
    match = BODY.search(html)
    body = match[1] if match else html
    body = STYLE_OR_SCRIPT.sub("", body)
    body = HEADING_TAG.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", body)
    counter = iter(range(1, 10_000))
    body = TABLE_OPEN.sub(
        lambda m: (
            f'<div class="council-table-wrap" role="region" aria-label="Table {next(counter)}" tabindex="0">' + m[0]
        ),
        body,
    )
    return TABLE_CLOSE.sub("</table></div>", body)
