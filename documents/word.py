"""Word copies (.docx) of documents, for officers who must send one: the kinds each app offers, and the rendering.

Each app registers a ``WordExport`` from ``AppConfig.ready()`` (like ``documents.registry`` for PDFs): how to build
the document's print HTML (the same HTML its PDF is made from, so the headings and tables match), its file name,
and who may have a copy. ``docx_bytes`` turns that HTML into a .docx through the council's active Word template
(``documents.word_templates``), whose styles, letterhead, headers and footers it keeps.

Word copies are staff-only: the download view needs a signed-in user for whom ``may_export`` is true, so nothing
that is exempt from publication reaches the public through them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import docx
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .word_html import Writer
from .word_templates import active_template_bytes

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The print HTML of the largest plan is a few hundred kilobytes; a document far beyond that is refused rather
# than held in memory several times over while it is converted.
MAX_HTML_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class WordExport:
    """One kind of document offered as a Word copy.

    ``build_html(subject)`` returns the print HTML; ``filename(subject)`` the name offered (".docx" is added);
    ``may_export(user, subject)`` whether this user may have a copy (the app's own permission rules).
    """

    key: str
    model: type[models.Model]
    build_html: Callable[[Any], str]
    filename: Callable[[Any], str]
    may_export: Callable[[Any, Any], bool]


_exports: dict[str, WordExport] = {}


class UnknownExport(LookupError):
    pass


class DocumentTooLarge(ValueError):
    pass


def register(export: WordExport) -> WordExport:
    """Add ``export``; registering the same one twice is harmless, a clash of keys is not."""
    existing = _exports.get(export.key)
    if existing is not None and existing != export:
        raise ImproperlyConfigured(f"Two Word exports use the key {export.key!r}.")
    _exports[export.key] = export
    return export


def get(key: str) -> WordExport:
    try:
        return _exports[key]
    except KeyError:
        raise UnknownExport(f"No Word export is registered as {key!r}.") from None


def keys() -> list[str]:
    return sorted(_exports)


def html_to_docx(html: str, *, template: bytes | None = None) -> bytes:
    """The .docx of a print HTML document, in ``template`` (a .docx; python-docx's default when None)."""
    if len(html) > MAX_HTML_BYTES:
        raise DocumentTooLarge("The document is too large for a Word copy.")
    document = docx.Document(io.BytesIO(template) if template else None)
    _clear_body(document)
    Writer(document).write_html(html)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def docx_bytes(export: WordExport, subject) -> bytes:
    """The Word copy of ``subject``, in the council's active template."""
    return html_to_docx(export.build_html(subject), template=active_template_bytes())


def download_name(export: WordExport, subject) -> str:
    """A file name safe in a Content-Disposition header and on any desktop, ending in .docx."""
    name = export.filename(subject).removesuffix(".pdf")
    cleaned = "".join(c if c.isalnum() or c in " -_.()" else "-" for c in name).strip(" .") or "document"
    return cleaned[:200] + ".docx"


def _clear_body(document) -> None:
    """Remove the template's sample text, keeping its section settings (page size, margins, headers, footers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != docx.oxml.ns.qn("w:sectPr"):
            body.remove(child)
