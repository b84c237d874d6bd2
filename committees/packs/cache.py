"""The pack's part cache: rendered parts and placed uploads in private storage, keyed by what they print.

A rebuild after one paper changes renders only that paper's parts; everything else comes from here.
``committees.retention`` trims it to its budget.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint import HTML

from documents import storage
from documents.pdf import DOCUMENT_BASE_URL, StaticOnlyFetcher, html_to_pdf

from ..uploads import place_upload

# Bump when the way parts are rendered changes, so cached parts are not reused.
CACHE_VERSION = "pack-part-1"
# Bump when ``place_upload`` changes, so cached placements of uploaded PDFs are not reused.
UPLOAD_CACHE_VERSION = "placed-upload-5"  # 5: a tagged upload keeps its structure tree
CACHE_FOLDER = "pack_cache"
PRINT_CSS = ["print/base.css", "print/pack.css", "print/plan.css", "print/risks.css", "print/performance.css"]


class PartCache:
    """Rendered parts in private storage, keyed by a hash of their HTML and of the print stylesheets."""

    def __init__(self) -> None:
        digest = hashlib.sha256(CACHE_VERSION.encode())
        for name in PRINT_CSS:
            found = finders.find(name)
            if found:
                digest.update(Path(found).read_bytes())
        self.css_digest = digest.hexdigest()
        self.rendered = 0
        self.cached = 0

    def key(self, html: str, *, tagged: bool = True) -> str:
        """What the part is cached under: its content (HTML and print stylesheets), never the build or its place."""
        return hashlib.sha256(f"{self.css_digest}\n{int(tagged)}\n{html}".encode()).hexdigest()

    def pdf(self, html: str, *, tagged: bool = True) -> bytes:
        name = f"{CACHE_FOLDER}/{self.key(html, tagged=tagged)}.pdf"
        cached = storage.read(name)
        if cached is not None:
            self.cached += 1
            return cached
        data = html_to_pdf(html) if tagged else untagged_pdf(html)
        self.rendered += 1
        storage.save(name, data)
        return data

    def has(self, key: str) -> bool:
        return storage.exists(f"{CACHE_FOLDER}/{key}.pdf")

    def stage(self, html: str) -> str:
        """Keep a tagged part's HTML beside its cache entry for a part task (``render_staged``), which takes only
        the key; the key, as the task's name for its work, comes back."""
        key = self.key(html)
        storage.save(f"{CACHE_FOLDER}/{key}.html", html.encode())
        return key

    def render_staged(self, key: str) -> bool:
        """Render a staged part into the cache; ``False`` if neither it nor its HTML is there (a later build stages
        it again). Rendering a part already cached is skipped, so a redelivered task costs nothing."""
        if self.has(key):
            self.cached += 1
            return True
        html = storage.read(f"{CACHE_FOLDER}/{key}.html")
        if html is None:
            return self.has(key)  # another task may have rendered it and removed the HTML meanwhile
        storage.save(f"{CACHE_FOLDER}/{key}.pdf", html_to_pdf(html.decode()))
        self.rendered += 1
        storage.delete(f"{CACHE_FOLDER}/{key}.html")  # after the PDF: the part is never without either
        return True

    def placed_upload(self, data: bytes, checksum: str) -> tuple[bytes, tuple[str, ...]]:
        """The upload placed on A4 with its pages' text (``place_upload``), from the cache when it has it.

        Placed in a memory-limited child process (``committees.uploads.place_upload``): ``PdfRefused`` if the
        file cannot be. Not counted as a rendered part: WeasyPrint has no part in it.
        """
        key = hashlib.sha256(f"{UPLOAD_CACHE_VERSION}\n{checksum}".encode()).hexdigest()
        texts = storage.read(f"{CACHE_FOLDER}/{key}.json")
        placed = storage.read(f"{CACHE_FOLDER}/{key}.pdf") if texts is not None else None
        if texts is not None and placed is not None:
            return placed, tuple(json.loads(texts))
        placed, texts = place_upload(data)
        self.save_placed_upload(checksum, placed, texts)
        return placed, tuple(texts)

    def save_placed_upload(self, checksum: str, placed: bytes, texts: list[str]) -> None:
        """Keep a placement made elsewhere (the upload check places the file once already)."""
        key = hashlib.sha256(f"{UPLOAD_CACHE_VERSION}\n{checksum}".encode()).hexdigest()
        # The text first: a placement stored without its text is never taken as a hit.
        storage.save(f"{CACHE_FOLDER}/{key}.json", json.dumps(list(texts)).encode())
        storage.save(f"{CACHE_FOLDER}/{key}.pdf", placed)


def untagged_pdf(html: str) -> bytes:
    """The stamp sheet: no structure of its own, it is merged into the pack as pagination artifacts."""
    fetcher = StaticOnlyFetcher(base_url=DOCUMENT_BASE_URL)
    return HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=fetcher).write_pdf()
