"""Reading PDFs back in tests: page texts, images, outlines, front-sheet ranges, every decompressed byte;
and a local HTTP server that counts requests (to prove the renderer fetches nothing)."""

import http.server
import io
import re
import threading
import zlib
from contextlib import contextmanager

from pypdf import PdfReader

RANGE = re.compile(r"\(Pages (\d+) - (\d+)\)")
NUMBER = re.compile(r"\b([A-F]\d{1,2})\b")


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    """Answers every request with a redirect to file:///etc/passwd, and records it."""

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.server.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def counting_server():
    """A tiny HTTP server on 127.0.0.1 (random port); ``server.hits`` lists the paths it was asked for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace collapsed, so table cells and wrapped lines compare simply."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def image_count(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        count += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count


def front_sheet_ranges(texts: list[str]) -> dict[str, tuple[int, int]]:
    """The ranges printed on a pack's front sheet (the unnumbered pages before "Page 1")."""
    front = []
    for text in texts:
        if re.search(r"\bPage \d+$", text):
            break
        front.append(text)
    text = " ".join(front)
    ranges = {}
    for match in RANGE.finditer(text):
        # The range belongs to the last item number printed before it.
        number = NUMBER.findall(text[: match.start()])[-1]
        ranges[number] = (int(match.group(1)), int(match.group(2)))
    return ranges


def printed_number(text: str) -> int | None:
    match = re.search(r"\bPage (\d+)$", text)
    return int(match.group(1)) if match else None


def outline_titles(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    titles = []

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    return titles


def all_bytes(pdf: bytes) -> bytes:
    """The file's raw bytes plus every stream decompressed, so nothing hides inside a compressed stream."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)
