"""Stamping the pack's pages with the stamp sheet (page numbers, "Agenda Item B1") as pagination artifacts.

pypdf's ``merge_page`` parses each stamp's content twice and writes it again, for every page of each pack: the
stamp sheet is made once per build and what pypdf makes of a stamp's content is kept for the other pack. The packs
come out the same, byte for byte.
"""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, NameObject

# The resources pypdf's ``merge_page`` merges, in its order.
MERGED_RESOURCES = ("/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/XObject", "/Font", "/Properties")


def stamp_sheet(stamps_pdf: bytes) -> PdfWriter:
    """The stamps, each marked as an artifact, in a writer (pypdf only rewrites writer pages' contents); stamping
    only reads them, so both packs share them."""
    stamps = PdfWriter(clone_from=io.BytesIO(stamps_pdf))
    for stamp in stamps.pages:
        contents = stamp.get_contents()
        if contents is not None:
            wrapped = ContentStream(None, None)
            wrapped.set_data(b"/Artifact <</Type /Pagination>> BDC\n" + contents.get_data() + b"\nEMC\n")
            stamp.replace_contents(wrapped)
    return stamps


def merge_stamp(page, stamp, index: int, made: dict[tuple, bytes]) -> None:
    """``page.merge_page(stamp)`` (pypdf's ``_merge_page_writer`` for a stamp: no annotations, drawn over the page,
    not transformed), with the stamp's content (clipped, its resources renamed) kept in ``made`` for the other
    pack: it depends only on the stamp and on what the page's resources hold already."""
    raw = page.get("/Resources")
    resources = raw.get_object() if raw is not None else None
    if not isinstance(resources, DictionaryObject) or "/Annots" in stamp:
        page.merge_page(stamp)  # never the case in a pack; pypdf's own way
        return
    key = (index, *(_names(resources.get(name)) for name in MERGED_RESOURCES))
    content = made.get(key)
    if content is None:
        page.merge_page(stamp)
        made[key] = page["/Contents"].get_object()[-1].get_object().get_data()
        return
    stamp_resources = stamp.get("/Resources", DictionaryObject()).get_object()
    for name in MERGED_RESOURCES:
        if name in stamp_resources:
            if name not in resources:
                resources[NameObject(name)] = DictionaryObject()
            page._merge_resources(resources, stamp_resources, name, False)
    if "/ProcSet" in stamp_resources:
        if "/ProcSet" not in resources:
            resources[NameObject("/ProcSet")] = ArrayObject()
        procsets = resources["/ProcSet"]
        procsets.extend(value for value in stamp_resources["/ProcSet"] if value not in procsets)
        procsets.sort()
    original = page.get_contents()
    if original is not None:
        original.isolate_graphics_state()
    stamped = ContentStream(None, None)
    stamped.set_data(content)
    page.replace_contents(ArrayObject([original, stamped] if original is not None else [stamped]))


def _names(resources) -> tuple | None:
    """What decides whether pypdf renames a stamp's resource: the page's names, and any value given directly (it may
    equal the stamp's; a reference never does: the stamp's are the stamp sheet's)."""
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, DictionaryObject):
        return None
    return tuple(
        (name, None if isinstance(value, IndirectObject) else repr(value)) for name, value in resources.items()
    )
