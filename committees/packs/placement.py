"""Uploaded PDFs placed for the pack: each page drawn on A4 (scaled to fit between the stamp bands, never
cropped) as a form XObject, with its text read for the page's alternative text, and every action, script,
attached file, form and annotation of the upload dropped (a published pack never carries an uploader's
active content).

Runs inside the memory-limited child of ``committees.uploads`` (``place_upload`` there), never in a web
or build worker directly.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    StreamObject,
)

from .assemble import A4_HEIGHT, A4_WIDTH, MAX_ALT_TEXT, STAMP_BAND_BOTTOM, STAMP_BAND_TOP, cyclic_gc_paused


def place_upload(pdf: bytes) -> tuple[bytes, list[str]]:
    """An uploaded PDF placed page by page on A4 and marked as one figure per page, with each page's text for
    its alternative text.

    Each page is scaled (keeping its shape, never cropped) to fit between the bands the pack keeps free for
    its stamps, and centred there: a paper's own footer or header can then never print under the pack's
    "Page N" or "Agenda Item" mark.

    Done once per upload (the builder caches the result by the upload's checksum): placing rewrites every page's
    content and reading the text parses it, which cost more than all the rest of an upload's share of a build.
    """
    with cyclic_gc_paused():
        return _place_upload(pdf)


def _place_upload(pdf: bytes) -> tuple[bytes, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    texts = []
    for number, source in enumerate(reader.pages, start=1):
        page = writer.add_blank_page(A4_WIDTH, A4_HEIGHT)
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
        transform = (
            transform.translate(-low_x, -low_y)
            .scale(scale, scale)
            .translate((A4_WIDTH - width * scale) / 2, STAMP_BAND_BOTTOM + (space - height * scale) / 2)
        )
        # Only the drawing is carried over: links, form fields and other annotations of the upload are dropped.
        _draw_as_form(writer, page, source, transform)
        texts.append(" ".join((source.extract_text() or "").split())[:MAX_ALT_TEXT])
    strip_active_content(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), texts


# Keys that carry actions, scripts, attached files, forms or annotations; never kept from an upload.
ACTIVE_KEYS = frozenset(
    {
        "/A",
        "/AA",
        "/AcroForm",
        "/Annots",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/JS",
        "/JavaScript",
        "/Launch",
        "/Names",
        "/OpenAction",
        "/RichMedia",
        "/RichMediaContent",
        "/URI",
        "/XFA",
    }
)
# Action types, and names that only occur in active content: a dictionary of one of these types is emptied.
ACTIVE_NAMES = frozenset(
    {
        "/GoTo3DView",
        "/GoToE",
        "/GoToR",
        "/Hide",
        "/ImportData",
        "/JavaScript",
        "/Launch",
        "/Movie",
        "/Named",
        "/Rendition",
        "/ResetForm",
        "/RichMediaExecute",
        "/SetOCGState",
        "/Sound",
        "/SubmitForm",
        "/Thread",
        "/Trans",
        "/URI",
    }
)
ACTIVE_TYPES = frozenset({"/Action", "/Annot", "/EmbeddedFile", "/Filespec"})


def strip_active_content(writer: PdfWriter) -> None:
    """Remove actions, JavaScript, embedded files, forms and annotations from every object of ``writer``."""
    for obj in writer._objects:
        if obj is not None:
            _strip(obj)


def _strip(obj) -> None:
    if isinstance(obj, DictionaryObject):
        if obj.get("/S") in ACTIVE_NAMES or obj.get("/Type") in ACTIVE_TYPES:
            obj.clear()
            if isinstance(obj, StreamObject):
                obj._data = b""
                obj.decoded_self = None
            return
        for key in list(obj.keys()):
            value = obj[key]
            if key in ACTIVE_KEYS or (isinstance(value, NameObject) and value in ACTIVE_NAMES):
                del obj[key]
            elif not isinstance(value, IndirectObject):
                _strip(value)
    elif isinstance(obj, ArrayObject):
        for index, value in enumerate(obj):
            if isinstance(value, NameObject) and value in ACTIVE_NAMES:
                obj[index] = NullObject()
            elif not isinstance(value, IndirectObject):
                _strip(value)


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
