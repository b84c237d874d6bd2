"""Hostile PDFs for upload tests, written by hand so each carries exactly one problem.

Nothing here decompresses anything: a bomb is built by compressing zeros in chunks, and the file stays small
(about 1 KB per MB it expands to).
"""

from __future__ import annotations

import functools
import io
import zlib

from pypdf import PdfWriter

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 "
    + FONT
    + b" >> >> >>"
)
TEXT = b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET"


def raw_pdf(objects: dict[int, bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given objects (numbered 1..n, each the text between ``obj`` and ``endobj``) and an xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        if number in offsets:
            out.write(b"%010d 00000 n \n" % offsets[number])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"", *, flate: bool = False) -> bytes:
    if flate:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


@functools.cache
def zeros_deflated(megabytes: int) -> bytes:
    """``megabytes`` MiB of zero bytes, zlib-compressed chunk by chunk (never held whole)."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(megabytes)]
    parts.append(compressor.flush())
    return b"".join(parts)


def one_page(*, page: bytes = PAGE, catalog_extra: bytes = b"", more: dict[int, bytes] | None = None) -> bytes:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: page,
        4: stream(TEXT),
    }
    objects.update(more or {})
    return raw_pdf(objects)


def bomb(*, pages: int, megabytes_per_page: int) -> bytes:
    """Each page's content a separate Flate stream of ``megabytes_per_page`` MiB of zeros."""
    compressed = zeros_deflated(megabytes_per_page)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = []
    for index in range(pages):
        page, content = 3 + 2 * index, 4 + 2 * index
        kids.append(b"%d 0 R" % page)
        objects[page] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % content
        objects[content] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed
        objects[content] += b"\nendstream"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return raw_pdf(objects)


def deep_page_tree(depth: int = 150) -> bytes:
    """One page under ``depth`` nested /Pages nodes (pypdf stops at 100)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for level in range(depth):
        number = 2 + level
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects[number] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent)
    page_number = 2 + depth
    objects[page_number] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (
        page_number - 1,
        page_number + 1,
    )
    objects[page_number + 1] = stream(TEXT)
    return raw_pdf(objects)


def zero_mediabox() -> bytes:
    return one_page(page=PAGE.replace(b"[0 0 595 842]", b"[0 0 0 0]"))


def encrypted() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def active_content() -> bytes:
    """A page with Launch, URI and JavaScript link actions, a form field, page /AA, an /OpenAction, document
    JavaScript and an embedded file; a JavaScript action is also hidden in the page's resources."""
    annots = b"/Annots [5 0 R 6 0 R 7 0 R 8 0 R] /AA << /O 9 0 R >>"
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 13 0 R >> /X 9 0 R >> " + annots + b" >>"
    )
    catalog = (
        b" /OpenAction 9 0 R /AcroForm << /Fields [8 0 R] >>"
        b" /Names << /JavaScript << /Names [(a) 9 0 R] >> /EmbeddedFiles << /Names [(evil.exe) 10 0 R] >> >>"
    )
    link = b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 730] /Border [0 0 0] /A %s >>"
    more = {
        5: link % b"<< /S /Launch /F (cmd.exe) >>",
        6: link % b"<< /S /URI /URI (https://attacker.example/) >>",
        7: link % b"<< /S /JavaScript /JS (app.alert(1)) >>",
        8: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [72 600 300 630] /P 3 0 R >>",
        9: b"<< /S /JavaScript /JS (app.alert('open')) >>",
        10: b"<< /Type /Filespec /F (evil.exe) /EF << /F 11 0 R >> >>",
        11: stream(b"MZ not really", b" /Type /EmbeddedFile"),
        13: FONT,
    }
    return one_page(page=page, catalog_extra=catalog, more=more)
