"""Active content removed from an uploaded PDF: actions, JavaScript, attached files, forms and annotations.

Runs on everything a placement writes (``committees.packs.placement``), so a published pack never carries an
uploader's active content. A tagged upload's structure elements keep their attributes (``/A`` on a structure
element is attributes, not an action), which are searched like everything else.
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NullObject, StreamObject

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
            if key == "/A" and _is_structure_element(obj):
                _strip(value)  # a structure element's attributes, kept (and searched like the rest)
            elif key in ACTIVE_KEYS or (isinstance(value, NameObject) and value in ACTIVE_NAMES):
                del obj[key]
            elif not isinstance(value, IndirectObject):
                _strip(value)
    elif isinstance(obj, ArrayObject):
        for index, value in enumerate(obj):
            if isinstance(value, NameObject) and value in ACTIVE_NAMES:
                obj[index] = NullObject()
            elif not isinstance(value, IndirectObject):
                _strip(value)


def _is_structure_element(obj: DictionaryObject) -> bool:
    """A structure element (whose ``/A`` holds attributes, not an action): a type and a parent, no subtype."""
    return obj.get("/Type") == "/StructElem" or ("/S" in obj and "/P" in obj and "/Subtype" not in obj)
