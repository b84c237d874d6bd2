"""The PDF renderer fetches only the app's own static files: no file://, no network, no data: URIs, no redirects."""

import io

import pytest
from pypdf import PdfReader

from documents.pdf import DOCUMENT_BASE_URL, FetchRefused, StaticOnlyFetcher, html_to_pdf, record_fetches

from ..support.pdf import counting_server, image_count


@pytest.fixture
def local_server():
    with counting_server() as server:
        yield server


def _document(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Fetch test</title>'
        f'<link rel="stylesheet" href="/static/print/base.css">{head}</head><body>{body}</body></html>'
    )


@pytest.fixture
def fetcher():
    return StaticOnlyFetcher(base_url=DOCUMENT_BASE_URL)


def test_serves_the_apps_own_print_stylesheet(fetcher):
    """/static/print/base.css resolves through the staticfiles finders and is served as CSS."""
    response = fetcher.fetch(DOCUMENT_BASE_URL + "static/print/base.css")
    body = response.read()
    assert b"@page" in body
    assert response.content_type == "text/css"


def test_serves_hashed_copies_collected_for_production(fetcher, settings, tmp_path):
    """In production ``{% static %}`` names the hashed copy collectstatic made (WhiteNoise's manifest storage);
    the fetcher finds it in STATIC_ROOT, still refusing a path that climbs out of it."""
    settings.STATIC_ROOT = tmp_path / "static"
    (tmp_path / "static" / "print").mkdir(parents=True)
    (tmp_path / "static" / "print" / "base.0123abcd.css").write_text("@page { size: A4 }")
    (tmp_path / "secret.css").write_text("secret")
    response = fetcher.fetch(DOCUMENT_BASE_URL + "static/print/base.0123abcd.css")
    assert response.read() == b"@page { size: A4 }"
    with pytest.raises(FetchRefused):
        fetcher.fetch(DOCUMENT_BASE_URL + "static/../secret.css")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "https://example.org/static/print/base.css",
        "http://127.0.0.1:8000/static/print/base.css",
        "http://localhost/static/print/base.css",
        "ftp://example.org/x.css",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "data:text/css,body{background:url(file:///etc/passwd)}",
        DOCUMENT_BASE_URL + "static/print/%2e%2e/%2e%2e/kcc_planning/settings.py",
        DOCUMENT_BASE_URL + "static/print/..%2f..%2fkcc_planning/settings.py",
        DOCUMENT_BASE_URL + "static/js/app.js",
        DOCUMENT_BASE_URL + "static/print/base.css?x=1",
        DOCUMENT_BASE_URL + "static/no-such-file.css",
        DOCUMENT_BASE_URL + "admin/",
        "https://user:pass@documents.kcc-planning.invalid/static/print/base.css",
    ],
)
def test_refuses_anything_but_static_files(fetcher, url):
    """Local files, other hosts, data URIs, traversal, scripts, queries and missing files are all refused."""
    with record_fetches() as log, pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert log.refused == [url]
    assert log.served == []


def test_rendering_never_contacts_the_network_or_local_files(local_server):
    """Images, stylesheets, CSS url() and objects pointing at a local server or file:// are never fetched.

    The local server would answer with a redirect to file:///etc/passwd; it must receive zero requests.
    """
    port = local_server.server_address[1]
    local = f"http://127.0.0.1:{port}"
    html = _document(
        body=(
            f'<p>Text</p><img src="{local}/logo.png" alt="">'
            '<img src="file:///etc/passwd" alt="">'
            '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'
            '+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="">'
            f'<object data="{local}/object.svg"></object>'
            f'<div style="background: url({local}/bg.png)">Styled</div>'
            f'<img src="https://127.0.0.1:{port}/tls.png" alt="">'
        ),
        head=(
            f'<link rel="stylesheet" href="{local}/evil.css">'
            f'<style>@import url("{local}/import.css"); @font-face {{ font-family: X; src: url({local}/font.ttf); }}'
            " body { font-family: X, 'DejaVu Sans'; }</style>"
        ),
    )
    with record_fetches() as log:
        pdf = html_to_pdf(html)
    assert local_server.hits == []
    assert log.served == [DOCUMENT_BASE_URL + "static/print/base.css"]
    assert {url.split("/")[-1] for url in log.refused} >= {"evil.css", "import.css", "logo.png", "bg.png", "passwd"}
    assert image_count(pdf) == 0
    assert "Text" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_refused_resource_does_not_stop_the_render():
    """A document whose stylesheet is refused still renders, without it."""
    with record_fetches() as log:
        pdf = html_to_pdf(_document("<h1>Still here</h1>", head='<link rel="stylesheet" href="file:///etc/passwd">'))
    assert log.refused == ["file:///etc/passwd"]
    assert "Still here" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_pdf_is_tagged_with_title_and_language():
    """PDF/UA: a structure tree, MarkInfo Marked true, /Lang from <html lang> and the title from <title>."""
    reader = PdfReader(io.BytesIO(html_to_pdf(_document("<h1>Heading</h1><p>Body</p>"))))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Fetch test"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
