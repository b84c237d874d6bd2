"""HTML to tagged PDF with WeasyPrint, fetching nothing but the app's own static files.

WeasyPrint's default fetcher follows ``file://``, any network address and
redirects, so a URL that reached a template (a user's ``<img src>``, a CSS
``url()``) could read local files or probe the network. ``StaticOnlyFetcher``
serves the files ``django.contrib.staticfiles`` knows about and refuses
everything else without touching the filesystem or the network.
"""

from __future__ import annotations

import logging
import posixpath
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: Base URL of rendered documents when the caller gives none. ``.invalid`` can
#: never resolve, so even a fetcher bug could not turn it into a request.
DOCUMENT_BASE_URL = "https://documents.kcc-planning.invalid/"

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

# What a print stylesheet may pull in. Anything else (HTML, scripts, archives…) is refused.
ALLOWED_SUFFIXES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
MAX_STATIC_BYTES = 5 * 1024 * 1024


class FetchRefused(ValueError):
    """A URL the renderer may not fetch."""


@dataclass
class FetchLog:
    """URLs a render asked for: ``served`` were read from static files, ``refused`` never left the process."""

    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


_observers: list[FetchLog] = []
_observers_lock = threading.Lock()


@contextmanager
def record_fetches() -> Iterator[FetchLog]:
    """Record every fetch attempt made by renders inside the block (a test and audit hook)."""
    log = FetchLog()
    with _observers_lock:
        _observers.append(log)
    try:
        yield log
    finally:
        with _observers_lock:
            _observers.remove(log)


def _notify(kind: str, url: str) -> None:
    with _observers_lock:
        for log in _observers:
            getattr(log, kind).append(url)


def _static_prefixes(base_url: str) -> list[tuple[str, str, str]]:
    """(scheme, host, path prefix) triples under which static files are served."""
    static_url = settings.STATIC_URL or "/static/"
    if "://" in static_url:  # Static files on another host (a CDN): only that address.
        parts = urlsplit(static_url)
        return [(parts.scheme.lower(), parts.netloc.lower(), parts.path)]
    if not static_url.startswith("/"):
        static_url = "/" + static_url
    bases = {urlsplit(base_url), urlsplit(DOCUMENT_BASE_URL)}
    return [(base.scheme.lower(), base.netloc.lower(), static_url) for base in bases]


class StaticOnlyFetcher(URLFetcher):
    """Serves ``<base>/static/...`` from the staticfiles finders; refuses everything else.

    Refusals raise inside WeasyPrint, which turns them into a logged warning
    and renders without the resource: a refused URL never stops a render.
    """

    def __init__(self, *, base_url: str):
        # No redirects and no protocols beyond http(s); ``fetch`` below never opens a connection anyway.
        super().__init__(timeout=1, allowed_protocols=("http", "https"), allow_redirects=False)
        self._prefixes = _static_prefixes(base_url)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        try:
            path = self._static_file(url)
        except FetchRefused as refusal:
            _notify("refused", url)
            logger.warning("PDF render refused to fetch %.200s: %s", url, refusal)
            raise
        body = path.read_bytes()
        _notify("served", url)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": ALLOWED_SUFFIXES[path.suffix.lower()]})

    def _static_file(self, url: str) -> Path:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), parts.netloc.lower()
        if scheme not in {"http", "https"}:
            raise FetchRefused(f"scheme {scheme or '(none)'!r} is not allowed")
        if parts.username or parts.password or parts.query:
            raise FetchRefused("credentials and query strings are not allowed")
        for prefix_scheme, prefix_host, prefix_path in self._prefixes:
            if scheme == prefix_scheme and host == prefix_host and parts.path.startswith(prefix_path):
                relative = unquote(parts.path[len(prefix_path) :])
                break
        else:
            raise FetchRefused("only the app's own static files may be fetched")
        normalised = posixpath.normpath(relative)
        if relative != normalised or normalised.startswith(("/", "..")) or "\\" in relative or "\x00" in relative:
            raise FetchRefused("path is not a plain static file path")
        suffix = posixpath.splitext(normalised)[1].lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise FetchRefused(f"file type {suffix or '(none)'!r} is not allowed")
        # The finders know the source files; in production ``{% static %}`` names the hashed copies collected
        # into STATIC_ROOT by collectstatic (WhiteNoise's manifest storage), which only exist there.
        found = finders.find(normalised) or _collected(normalised)
        if not found:
            raise FetchRefused("no such static file")
        path = Path(found)
        if not path.is_file() or path.stat().st_size > MAX_STATIC_BYTES:
            raise FetchRefused("not a regular file of reasonable size")
        return path


def _collected(name: str) -> Path | None:
    """A file collected into STATIC_ROOT (``name`` is already a plain relative path), or None."""
    if not settings.STATIC_ROOT:
        return None
    path = Path(settings.STATIC_ROOT) / name
    return path if path.is_file() else None


def html_to_pdf(html: str, *, base_url: str | None = None, laid_out: Callable[[], object] | None = None) -> bytes:
    """Render ``html`` to a tagged PDF (PDF/UA-1).

    The document title comes from ``<title>`` and the language from
    ``<html lang="…">``; both are required by PDF/UA, so templates must set them.
    Relative and ``/static/…`` URLs resolve against ``base_url`` (default: an
    address that cannot resolve) and only static files are ever read. ``laid_out`` (optional) is called
    between the layout and the writing of the file, for a progress bar.
    """
    base = base_url or DOCUMENT_BASE_URL
    fetcher = StaticOnlyFetcher(base_url=base)
    document = HTML(string=html, base_url=base, url_fetcher=fetcher).render(**PDF_OPTIONS)
    if laid_out is not None:
        laid_out()
    return document.write_pdf(**PDF_OPTIONS)
