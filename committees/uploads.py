"""Uploaded PDFs (minutes, finance monitoring): checked, then kept in private storage.

Refused with a message for the form field: not a PDF, unreadable or corrupt,
encrypted, over 50 MB, over 500 pages, with no pages, with a page of no size,
too complex, or expanding to more than the budget when opened (a
decompression bomb). Files are stored in private storage under
``committee_papers/`` by checksum and are only ever served
through permission-checked views.

A PDF is only ever opened with pypdf in a child process with a hard memory
limit (``RLIMIT_AS``), never in the web or build worker itself: the child
first counts what every stream expands to, streaming (zlib in chunks, nothing
kept), against the budgets below, then places the pages exactly as the pack
build does (``place_upload``), so a file that is accepted is known to place
within the limit; that placement is kept in the pack cache for the first
build (``store``). The build places uploads through the same child
(``place_upload`` here), so a file stored before a check was added cannot
take a build worker down either. The placement keeps only each page's
drawing (and a tagged file's structure tree): links, form fields, actions,
JavaScript and attached files are dropped
(``committees.packs.sanitise.strip_active_content``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

from documents import storage

logger = logging.getLogger(__name__)

FOLDER = "committee_papers"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_PAGES = 500
# What the streams a check or a build decodes (page content, fonts, forms, object streams) may expand to, in all.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
# What any one of those streams may expand to (pypdf itself refuses to decode more than 75 MB).
MAX_STREAM_EXPANDED_BYTES = 64 * 1024 * 1024
# What the images may expand to, in all: never decoded here, but a viewer of the pack has to.
MAX_IMAGE_EXPANDED_BYTES = 2 * 1024 * 1024 * 1024
MAX_OBJECTS = 250_000
# The child process that opens a PDF: address space (so its RSS stays below this), CPU seconds and wall time.
CHILD_MEMORY_BYTES = 480 * 1024 * 1024
CHILD_CPU_SECONDS = 120
CHILD_TIMEOUT_SECONDS = 180
CHUNK_BYTES = 1024 * 1024
MIN_PAGE_SIDE = 1.0  # points
MAX_PAGE_SIDE = 14_400.0  # points: the largest page PDF allows (200 inches)

NOT_PDF = "The selected file must be a PDF"
CORRUPT = "The selected file could not be read. It may be damaged: save it as a PDF again and upload it"
ENCRYPTED = "The selected file is password protected. Upload a copy without a password"
TOO_BIG = "The selected file must be smaller than 50 MB"
TOO_LONG = "The selected file must have 500 pages or fewer"
EMPTY = "The selected file is empty"
EXPANDS = (
    "This PDF expands to more than {mb} MB when opened, so it cannot go in a pack. "
    "Save it as a PDF again (for example, print it to PDF) and upload that"
)
TOO_COMPLEX = (
    "The selected file is too complex to go in a pack. Save it as a PDF again (for example, print it to PDF) "
    "and upload that"
)
NO_PAGE_SIZE = (
    "Page {page} of the selected file has no size or an impossible size. Save it as a PDF again and upload it"
)
TOO_SLOW = "The selected file took too long to read. Save it as a PDF again and upload it"


def _messages() -> dict[str, str]:
    return {
        "corrupt": CORRUPT,
        "encrypted": ENCRYPTED,
        "too_long": TOO_LONG,
        "expands": EXPANDS.format(mb=MAX_EXPANDED_BYTES // (1024 * 1024)),
        "stream_expands": EXPANDS.format(mb=MAX_STREAM_EXPANDED_BYTES // (1024 * 1024)),
        "images_expand": EXPANDS.format(mb=MAX_IMAGE_EXPANDED_BYTES // (1024 * 1024)),
        "too_complex": TOO_COMPLEX,
        "too_slow": TOO_SLOW,
    }


@dataclass(frozen=True)
class CheckedPdf:
    data: bytes
    page_count: int
    checksum: str
    peak_rss_bytes: int = 0  # of the child process that checked it
    # The file placed for the pack by that child (``place_upload``) and each page's text, kept for the build.
    placed: bytes = b""
    texts: tuple[str, ...] = ()
    # Whether the file is tagged and its structure tree was kept by the placement (an accessible paper).
    tagged: bool = False


class PdfRefused(Exception):
    """A PDF that cannot be placed in a pack; ``message`` is fit for the user."""

    def __init__(self, code: str, message: str, *, peak_rss_bytes: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.peak_rss_bytes = peak_rss_bytes  # of the child process that refused it (0 if it died)


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
        header, placed = _run_child(data, place=True)
    except PdfRefused as refused:
        logger.info("Refused a PDF upload (%s)", refused.code)
        raise ValidationError(refused.message, code=refused.code) from None
    return CheckedPdf(
        data=data,
        page_count=header["pages"],
        checksum=hashlib.sha256(data).hexdigest(),
        peak_rss_bytes=header["peak_rss_bytes"],
        placed=placed,
        texts=tuple(header["texts"]),
        tagged=bool(header.get("tagged")),
    )


def place_upload(data: bytes) -> tuple[bytes, list[str]]:
    """``committees.packs.placement.place_upload`` run in a memory-limited child; ``PdfRefused`` if it cannot be."""
    header, placed = _run_child(data, place=True)
    return placed, list(header["texts"])


def _own_peak_rss_bytes() -> int:
    """This process's peak RSS since it started. ``ru_maxrss`` is no use here: Linux keeps it across exec,
    so a child of a large parent would report the parent's size; ``VmHWM`` belongs to this program's own
    memory and starts afresh at exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource  # Unix only, like the limits the child sets

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _run_child(data: bytes, *, place: bool) -> tuple[dict, bytes]:
    limits = f"{CHILD_MEMORY_BYTES},{CHILD_CPU_SECONDS}"
    code = (
        "import resource as r\n"
        f"r.setrlimit(r.RLIMIT_AS, ({CHILD_MEMORY_BYTES}, {CHILD_MEMORY_BYTES}))\n"
        f"r.setrlimit(r.RLIMIT_CPU, ({CHILD_CPU_SECONDS}, {CHILD_CPU_SECONDS}))\n"
        "from committees.uploads import child_main\n"
        "child_main()\n"
    )
    project = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [project, os.environ.get("PYTHONPATH")]))}
    try:
        finished = subprocess.run(
            [sys.executable, "-c", code, "place" if place else "check", limits],
            input=data,
            capture_output=True,
            timeout=CHILD_TIMEOUT_SECONDS,
            env=env,
            cwd=project,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PdfRefused("too_slow", TOO_SLOW) from None
    line, _, rest = finished.stdout.partition(b"\n")
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict):
        # Killed (over the CPU limit), or out of memory before it could say so.
        stderr = finished.stderr[-2000:].decode(errors="replace")
        logger.warning("The PDF checking process failed (exit %s): %s", finished.returncode, stderr)
        if finished.returncode in (-9, -24) and "MemoryError" not in stderr:  # SIGKILL / SIGXCPU
            raise PdfRefused("too_slow", TOO_SLOW)
        raise PdfRefused("expands", _messages()["expands"])
    if not header.get("ok"):
        code = header.get("code", "corrupt")
        message = _messages().get(code, CORRUPT)
        if code == "no_page_size":
            message = NO_PAGE_SIZE.format(page=header.get("page", "?"))
        if header.get("detail"):
            logger.info("PDF refused (%s): %s", code, header["detail"])
        raise PdfRefused(code, message, peak_rss_bytes=header.get("peak_rss_bytes", 0))
    return header, rest


# ---------------------------------------------------------------------------------------------------------------
# The child process. Nothing below runs in a web or build worker.


class _Refuse(Exception):
    def __init__(self, code: str, **extra):
        super().__init__(code)
        self.code = code
        self.extra = extra


FLATE = frozenset({"/FlateDecode", "/Fl"})
IMAGE_CODECS = frozenset({"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"})


def child_main() -> None:

    place = sys.argv[1] == "place"
    data = sys.stdin.buffer.read()
    placed = b""
    try:
        header = _inspect(data)
        from committees.packs.placement import place_upload as place_in_process
        from committees.packs.placement import placed_is_tagged

        placed, texts = place_in_process(data)
        header = {"ok": True, **header, "texts": texts if place else [], "tagged": placed_is_tagged(placed)}
    except _Refuse as refused:
        header = {"ok": False, "code": refused.code, **refused.extra}
    except MemoryError:
        placed = b""
        header = {"ok": False, "code": "expands"}
    except RecursionError:
        header = {"ok": False, "code": "too_complex"}
    except Exception as error:  # noqa: BLE001 - any failure to read the file refuses it
        from pypdf.errors import LimitReachedError

        code = "too_complex" if isinstance(error, LimitReachedError) else "corrupt"
        header = {"ok": False, "code": code, "detail": f"{type(error).__name__}: {error}"[:500]}
    header["peak_rss_bytes"] = _own_peak_rss_bytes()
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode() + b"\n")
    if place and header["ok"]:
        out.write(placed)
    out.flush()


def _inspect(data: bytes) -> dict:
    """Structure, page sizes and the budgets, without decoding any stream whole."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _Refuse("encrypted")
    objects = sum(len(entries) for entries in reader.xref.values()) + len(reader.xref_objStm)
    if objects > MAX_OBJECTS:
        raise _Refuse("too_complex", detail=f"{objects} objects")
    pages = len(reader.pages)
    if pages > MAX_UPLOAD_PAGES:
        raise _Refuse("too_long")
    if pages == 0:
        raise _Refuse("corrupt", detail="no pages")
    contents = set()
    for number, page in enumerate(reader.pages, start=1):
        box = page.cropbox
        width, height = abs(float(box.width)), abs(float(box.height))
        if not (MIN_PAGE_SIDE <= width <= MAX_PAGE_SIDE and MIN_PAGE_SIDE <= height <= MAX_PAGE_SIDE):
            raise _Refuse("no_page_size", page=number)
        if page.rotation % 90:
            raise _Refuse("corrupt", detail=f"page {number} rotated by {page.rotation}")
        reference = page.get("/Contents")
        for ref in reference if isinstance(reference, list) else [reference]:
            if getattr(ref, "idnum", None) is not None:
                contents.add(ref.idnum)
    expanded = images = 0
    references = [(num, gen) for gen, entries in reader.xref.items() for num in entries]
    references += [(num, 0) for num in reader.xref_objStm]
    for num, gen in references:
        obj = reader.get_object(num) if gen == 0 else _get(reader, num, gen)
        if not isinstance(obj, StreamObject):
            continue
        if obj.get("/Subtype") == "/Image" and num not in contents:
            images += _expanded_size(obj, MAX_IMAGE_EXPANDED_BYTES - images)
            if images > MAX_IMAGE_EXPANDED_BYTES:
                raise _Refuse("images_expand")
        else:
            size = _expanded_size(obj, min(MAX_STREAM_EXPANDED_BYTES, MAX_EXPANDED_BYTES - expanded))
            if size > MAX_STREAM_EXPANDED_BYTES:
                raise _Refuse("stream_expands")
            expanded += size
            if expanded > MAX_EXPANDED_BYTES:
                raise _Refuse("expands")
    return {"pages": pages, "objects": objects, "expanded_bytes": expanded, "image_bytes": images}


def _get(reader, num: int, gen: int):
    from pypdf.generic import IndirectObject

    return IndirectObject(num, gen, reader).get_object()


def _expanded_size(stream, budget: int) -> int:
    """How many bytes ``stream`` decodes to, counted in chunks; stops once over ``budget``."""
    filters = stream.get("/Filter")
    if filters is None:
        filters = []
    elif not isinstance(filters, list):
        filters = [filters]
    filters = [str(getattr(f, "get_object", lambda f=f: f)()) for f in filters]
    raw = stream._data or b""
    chunks = (raw[start : start + CHUNK_BYTES] for start in range(0, len(raw), CHUNK_BYTES))
    remaining = list(filters)
    while remaining and remaining[0] in FLATE:
        chunks = _inflate(chunks)
        remaining.pop(0)
    if remaining and remaining[0] not in IMAGE_CODECS:
        # ASCIIHex, ASCII85, LZW, RunLength: decoded by pypdf (within its own limits and the child's memory limit).
        data = stream.get_data()
        stream.decoded_self = None
        return len(data)
    total = 0
    try:
        for chunk in chunks:
            total += len(chunk)
            if total > budget:
                break
    except zlib.error:
        # Not plain zlib (raw deflate, a damaged tail): pypdf's own decoder, within its per-stream cap and the
        # child's memory limit.
        data = stream.get_data()
        stream.decoded_self = None
        return len(data)
    return total


def _inflate(chunks):
    """Inflate a stream of chunks, giving at most ``CHUNK_BYTES`` at a time (``zlib.error`` if it is not zlib)."""
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 32)
    for chunk in chunks:
        pending = chunk
        while pending and not decompressor.eof:
            out = decompressor.decompress(pending, CHUNK_BYTES)
            if out:
                yield out
            pending = decompressor.unconsumed_tail
        if decompressor.eof:
            return
    while not decompressor.eof:
        out = decompressor.decompress(b"", CHUNK_BYTES)
        if not out:
            return
        yield out


def store(checked: CheckedPdf) -> str:
    """Write the file once (named by its checksum) and return its name relative to private storage.

    Read it back with ``documents.storage.verified_open`` and the checksum, as every stored file is.
    """
    name = f"{FOLDER}/{checked.checksum}.pdf"
    if not storage.exists(name):
        storage.save(name, checked.data)
    if checked.placed:
        # The check placed it already: the first build takes that placement instead of making it again.
        from .packs.builder import PartCache

        PartCache().save_placed_upload(checked.checksum, checked.placed, list(checked.texts))
    return name
