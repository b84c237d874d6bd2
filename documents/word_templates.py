"""The council's Word template: checked on upload, kept in private storage, one active at a time.

A .docx is a zip of XML parts. An upload is refused unless it is a Word document (not a macro-enabled .docm, a
.dotx template or another zip renamed), carries no macros or ActiveX controls, is of reasonable size packed and
unpacked (a zip bomb is refused before anything is unpacked), and opens with python-docx.
"""

from __future__ import annotations

import hashlib
import io
import logging
import posixpath
import uuid
import zipfile
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from lxml import etree

from . import storage
from .models import WordTemplate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

FOLDER = "word_templates"
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 500
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Parts that carry code: VBA projects, ActiveX controls and their binary data.
MACRO_MARKERS = ("vbaproject", "vbadata", "activex", "macroenabled", "ms-office.vba")

NOT_DOCX = "The file must be a Word document (.docx)."
HAS_MACROS = "The file contains macros or ActiveX controls. Save it as a Word Document (.docx) without macros."
TOO_BIG = "The file must be smaller than 5 MB."
DAMAGED = "The file could not be read as a Word document. Open it in Word, save it as .docx and upload it again."


def template_check(data: bytes) -> None:
    """Raise ``ValidationError`` (a message for the person uploading) unless ``data`` is a safe, real .docx."""
    if len(data) > MAX_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(NOT_DOCX, code="not_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                raise ValidationError(TOO_BIG, code="too_big")
            names = [part.filename for part in parts]
            if any(posixpath.isabs(name) or ".." in name.split("/") for name in names):
                raise ValidationError(DAMAGED, code="damaged")
            if any(marker in name.lower() for name in names for marker in MACRO_MARKERS):
                raise ValidationError(HAS_MACROS, code="macros")
            content_types = _content_types(archive)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError) as error:
        raise ValidationError(DAMAGED, code="damaged") from error
    if any(marker in kind.lower() for kind in content_types.values() for marker in MACRO_MARKERS):
        raise ValidationError(HAS_MACROS, code="macros")
    if content_types.get("/word/document.xml") != DOCUMENT_TYPE:
        raise ValidationError(NOT_DOCX, code="not_docx")
    try:
        import docx

        docx.Document(io.BytesIO(data))
    except Exception as error:
        raise ValidationError(DAMAGED, code="damaged") from error


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name → content type from ``[Content_Types].xml`` (overrides only), parsed without entities."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(archive.read("[Content_Types].xml"), parser)
    namespace = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    found = {
        element.get("PartName", ""): element.get("ContentType", "") for element in root.iter(f"{namespace}Override")
    }
    found.update(
        {
            f"*.{element.get('Extension', '')}": element.get("ContentType", "")
            for element in root.iter(f"{namespace}Default")
        }
    )
    return found


@transaction.atomic
def word_template_create(
    *, name: str, data: bytes, original_name: str = "", is_active: bool = True, uploaded_by: User | None = None
) -> WordTemplate:
    """Check and store an uploaded template; made active, it retires the active one (kept, for going back)."""
    template_check(data)
    file_name = storage.save(f"{FOLDER}/{uuid.uuid4()}.docx", data)
    template = WordTemplate(
        name=name,
        file_name=file_name,
        original_name=original_name[:255],
        checksum=hashlib.sha256(data).hexdigest(),
        size=len(data),
        is_active=is_active,
        uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
    )
    try:
        if is_active:
            WordTemplate.objects.filter(is_active=True).update(is_active=False)
        template.full_clean()
        template.save()
    except BaseException:
        storage.delete(file_name)
        raise
    # Should an outer transaction roll back later, the orphan sweep (documents/retention.py) removes the file.
    return template


@transaction.atomic
def word_template_activate(*, template: WordTemplate, is_active: bool) -> WordTemplate:
    if is_active:
        WordTemplate.objects.filter(is_active=True).exclude(pk=template.pk).update(is_active=False)
    template.is_active = is_active
    template.save(update_fields=["is_active"])
    return template


@transaction.atomic
def word_template_delete(*, template: WordTemplate) -> None:
    """Delete the row now and its file once that is committed."""
    file_name = template.file_name
    template.delete()
    transaction.on_commit(lambda: storage.delete(file_name))


def active_template_bytes() -> bytes | None:
    """The active template's bytes, checked against its recorded checksum; None for the default template."""
    template = WordTemplate.objects.filter(is_active=True).first()
    if template is None:
        return None
    data = storage.verified_bytes(name=template.file_name, checksum=template.checksum)
    if data is None:
        logger.warning("Word template %s is missing or damaged; using the default template", template.pk)
    return data


def referenced_names() -> list[str]:
    """For the retention registry: the template files rows still reference."""
    return list(WordTemplate.objects.values_list("file_name", flat=True))
