"""Helpers for the PDF tests: a local HTTP server that counts requests, and PDF text extraction."""

import http.server
import io
import threading
from contextlib import contextmanager

from pypdf import PdfReader


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
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def image_count(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        count += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count
