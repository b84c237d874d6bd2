"""Uploaded PDFs (minutes, finance monitoring): checked, then kept in private storage.

Refused with a message for the form field: not a PDF, unreadable or corrupt,
encrypted, over 50 MB, over 500 pages, or with no pages. Files are stored
under ``PRIVATE_STORAGE_ROOT/committee_papers`` by checksum and are only ever
served through permission-checked views.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from documents import storage

logger = logging.getLogger(__name__)

FOLDER = "committee_papers"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_PAGES = 500

NOT_PDF = "The selected file must be a PDF"
CORRUPT = "The selected file could not be read. It may be damaged: save it as a PDF again and upload it"
ENCRYPTED = "The selected file is password protected. Upload a copy without a password"
TOO_BIG = "The selected file must be smaller than 50 MB"
TOO_LONG = "The selected file must have 500 pages or fewer"
EMPTY = "The selected file is empty"


@dataclass(frozen=True)
class CheckedPdf:
    data: bytes
    page_count: int
    checksum: str


def folder() -> Path:
    path = storage.root() / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def check_pdf(upload) -> CheckedPdf:
    """Read and check an uploaded file (a Django ``UploadedFile`` or any object with ``size``/``read``)."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    if not data:
        raise ValidationError(EMPTY, code="empty")
    # Trust the content, not the name or the browser's content type.
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise ValidationError(NOT_PDF, code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(ENCRYPTED, code="encrypted")
        pages = len(reader.pages)
        if pages > MAX_UPLOAD_PAGES:
            raise ValidationError(TOO_LONG, code="too_long")
        if pages == 0:
            raise ValidationError(CORRUPT, code="corrupt")
        # Touch every page's content, so a file whose pages cannot be read is refused now, not at build time.
        for page in reader.pages:
            page.get_contents()
            _ = page.mediabox.width
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as error:
        logger.info("Refused an unreadable PDF upload: %s", error)
        raise ValidationError(CORRUPT, code="corrupt") from None
    return CheckedPdf(data=data, page_count=pages, checksum=hashlib.sha256(data).hexdigest())


def store(checked: CheckedPdf) -> str:
    """Write the file once (named by its checksum) and return its name relative to private storage.

    Read it back with ``documents.storage.verified_path`` and the checksum, as every stored file is.
    """
    name = f"{checked.checksum}.pdf"
    if not (folder() / name).exists():
        storage.write_atomically(folder(), name, checked.data)
    return f"{FOLDER}/{name}"
