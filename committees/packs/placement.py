"""Uploaded PDFs placed for the pack: each page drawn on A4 (scaled to fit between the stamp bands, never
cropped), with its text read, and every action, script, attached file, form and annotation of the upload
dropped (a published pack never carries an uploader's active content).

A tagged upload keeps its structure tree (``_place_tagged``): its pages keep their own content, drawn
through a transformation, so the tree's marked-content references still hold, and the pack merges the tree
like a generated part's. An untagged upload's pages are drawn as form XObjects, each becoming one figure in
the pack with its text as alternative text (docs/adr/0003).

Runs inside the memory-limited child of ``committees.uploads`` (``place_upload`` there), never in a web
or build worker directly.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    RectangleObject,
)

from .assemble import A4_HEIGHT, A4_WIDTH, MAX_ALT_TEXT, STAMP_BAND_BOTTOM, STAMP_BAND_TOP
from .pypdf_tuning import cyclic_gc_paused
from .sanitise import strip_active_content
from .structure import drop_object_references, is_tagged, parent_tree_entries, placed_is_tagged

__all__ = ["place_upload", "placed_is_tagged", "strip_active_content"]


def place_upload(pdf: bytes) -> tuple[bytes, list[str]]:
    """An uploaded PDF placed page by page on A4, with each page's text: a tagged one with its structure tree, an
    untagged one marked as one figure per page (the text is its alternative text).

    Each page is scaled (keeping its shape, never cropped) to fit between the bands the pack keeps free for
    its stamps, and centred there: a paper's own footer or header can then never print under the pack's
    "Page N" or "Agenda Item" mark.

    Done once per upload (the builder caches the result by the upload's checksum): placing rewrites every page's
    content and reading the text parses it, which cost more than all the rest of an upload's share of a build.
    """
    with cyclic_gc_paused():
        reader = PdfReader(io.BytesIO(pdf))
        if is_tagged(reader):
            try:
                return _place_tagged(reader)
            except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
                # A structure tree we cannot follow: the upload is placed as figures, like an untagged one.
                reader = PdfReader(io.BytesIO(pdf))
        return _place_upload(reader)


def _placement(source, number: int) -> Transformation:
    """The matrix that draws ``source`` on A4 between the stamp bands, scaled to fit and centred."""
    box = source.cropbox
    left, bottom, right, top = (float(value) for value in (box.left, box.bottom, box.right, box.top))
    # The page's /Rotate (clockwise) goes into the matrix, so the content is never parsed and rewritten.
    transform = Transformation().rotate(-(source.rotation % 360))
    corners = [transform.apply_on((x, y)) for x in (left, right) for y in (bottom, top)]
    low_x, low_y = min(x for x, _ in corners), min(y for _, y in corners)
    width, height = max(x for x, _ in corners) - low_x, max(y for _, y in corners) - low_y
    if not (width >= 1 and height >= 1):
        raise ValueError(f"Page {number} has no size.")
    space = A4_HEIGHT - STAMP_BAND_TOP - STAMP_BAND_BOTTOM
    scale = min(A4_WIDTH / width, space / height)
    return (
        transform.translate(-low_x, -low_y)
        .scale(scale, scale)
        .translate((A4_WIDTH - width * scale) / 2, STAMP_BAND_BOTTOM + (space - height * scale) / 2)
    )


def _page_text(source) -> str:
    return " ".join((source.extract_text() or "").split())[:MAX_ALT_TEXT]


def _place_upload(reader: PdfReader) -> tuple[bytes, list[str]]:
    writer = PdfWriter()
    texts = []
    for number, source in enumerate(reader.pages, start=1):
        page = writer.add_blank_page(A4_WIDTH, A4_HEIGHT)
        # Only the drawing is carried over: links, form fields and other annotations of the upload are dropped.
        _draw_as_form(writer, page, source, _placement(source, number))
        texts.append(_page_text(source))
    strip_active_content(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), texts


# What a tagged upload's page keeps: its resources and its content (redrawn), its key in the parent tree, its
# transparency group and tab order. Annotations, actions, thumbnails, transitions and its own boxes go.
TAGGED_PAGE_KEYS = frozenset({"/Type", "/Parent", "/Resources", "/StructParents", "/Group", "/Tabs"})


def _place_tagged(reader: PdfReader) -> tuple[bytes, list[str]]:
    """The upload's pages on A4 with their own content and its structure tree.

    Each page's content stays on the page (not in a form XObject), drawn through the placement matrix and
    clipped to its crop box, so the tree's marked-content ids still point at it. The tree keeps its
    elements, role map and class map; the parent tree is flattened into one ``/Nums`` array (what
    ``assemble`` reads); references to annotations (dropped with every other active content) are removed.
    """
    writer = PdfWriter()
    texts = []
    for number, source in enumerate(reader.pages, start=1):
        transform = _placement(source, number)
        box = source.cropbox
        left, bottom, width, height = (float(box.left), float(box.bottom), float(box.width), float(box.height))
        texts.append(_page_text(source))
        contents = source.get_contents()
        data = contents.get_data() if contents is not None else b""
        for key in list(source.keys()):
            if key not in TAGGED_PAGE_KEYS:
                del source[key]
        key = source.get("/StructParents")
        page = writer.add_page(source)
        if key is not None:
            page[NameObject("/StructParents")] = NumberObject(int(key))  # pypdf leaves it out of the copy
        page[NameObject("/MediaBox")] = RectangleObject([0, 0, A4_WIDTH, A4_HEIGHT])
        matrix = " ".join(f"{value:.6f}" for value in transform.ctm)
        clip = f"{left:.6f} {bottom:.6f} {width:.6f} {height:.6f} re W n"
        stream = DecodedStreamObject()
        stream.set_data(f"q {matrix} cm {clip}\n".encode() + data + b"\nQ\n")
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    tree = reader.root_object["/StructTreeRoot"].get_object()
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    lang = reader.root_object.get("/Lang")
    kids = tree["/K"]
    # Before cloning, so the annotations (and the references to them) are never copied at all.
    drop_object_references(kids if isinstance(kids, ArrayObject) else ArrayObject([kids]))
    elements = ArrayObject()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        source = kid.get_object()
        if not isinstance(source, DictionaryObject):
            continue
        if "/P" in source:
            del source["/P"]  # the upload's own root is not cloned: the tree hangs from ours
        element = source.clone(writer)
        element[NameObject("/P")] = root_ref
        if lang is not None and "/Lang" not in element:
            element[NameObject("/Lang")] = lang.clone(writer)
        elements.append(element.indirect_reference or writer._add_object(element))
    if not elements:
        raise ValueError("The structure tree has no elements.")
    root[NameObject("/K")] = elements
    nums = ArrayObject()
    for key, value in parent_tree_entries(tree["/ParentTree"]):
        nums += [NumberObject(key), value.clone(writer)]
    root[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    for key in ("/RoleMap", "/ClassMap"):
        if isinstance(tree.get(key), DictionaryObject | IndirectObject):
            root[NameObject(key)] = tree[key].clone(writer)
    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    strip_active_content(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), texts


def _draw_as_form(writer: PdfWriter, page, source, transform: Transformation) -> None:
    """Draw ``source`` on ``page`` as a form XObject: its content is carried over as it is, not parsed and
    rewritten as ``merge_transformed_page`` does (which parsed each page's content twice)."""
    box = source.cropbox
    contents = source.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                FloatObject(value) for value in (box.left, box.bottom, box.right, box.top)
            ),
            NameObject("/Resources"): (source.get("/Resources") or DictionaryObject()).clone(writer),
        }
    )
    form_ref = writer._add_object(form.flate_encode())
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Upload"): form_ref})}
    )
    matrix = " ".join(f"{value:.6f}" for value in transform.ctm)
    content = ContentStream(None, None)
    content.set_data(f"/Figure <</MCID 0>> BDC\nq {matrix} cm /Upload Do Q\nEMC\n".encode())
    page.replace_contents(content)
