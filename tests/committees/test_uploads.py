"""Uploaded papers: bad files are refused with a clear message next to the field, and nothing is saved."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from committees import uploads
from committees.models import Paper
from committees.selectors import paper_file_path

from ..factories import PASSWORD
from .factories import AgendaItemFactory, pdf_bytes


def _encrypted() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes("secret")))
    writer.encrypt("password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class BigUpload:
    """Reports a size over the limit without holding 50 MB in memory."""

    name = "huge.pdf"
    size = uploads.MAX_UPLOAD_BYTES + 1

    def read(self, *args):
        return b"%PDF-1.7\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.pdf", b"Just some text, renamed to .pdf", uploads.NOT_PDF),
        ("picture.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, uploads.NOT_PDF),
        (
            "broken.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>",
            uploads.CORRUPT,
        ),
        ("truncated.pdf", pdf_bytes("one page")[:200], uploads.CORRUPT),
        ("locked.pdf", _encrypted(), uploads.ENCRYPTED),
        ("long.pdf", _pages(uploads.MAX_UPLOAD_PAGES + 1), uploads.TOO_LONG),
    ],
)
@pytest.mark.django_db
def test_bad_uploads_are_refused_next_to_the_field(client, clerk, name, data, message):
    """Not a PDF, corrupt, encrypted or over 500 pages: the form shows the reason and no paper is attached."""
    item = AgendaItemFactory()
    client.login(username=clerk.username, password=PASSWORD)
    response = client.post(
        reverse("committees:paper_upload", args=[item.meeting_id, item.pk]),
        {"title": "Minutes", "file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Paper.objects.exists()


def test_file_over_50_mb_is_refused_before_it_is_read():
    """The size limit is checked from the upload's size, so a huge file is not parsed."""
    with pytest.raises(ValidationError, match="smaller than 50 MB"):
        uploads.check_pdf(BigUpload())


@pytest.mark.django_db
def test_good_upload_is_stored_privately_and_served_only_through_the_app(client, clerk, officer, settings):
    """A good PDF is kept under PRIVATE_STORAGE_ROOT (not MEDIA) and downloads through a permission-checked view."""
    item = AgendaItemFactory()
    client.login(username=clerk.username, password=PASSWORD)
    data = pdf_bytes("one", "two")
    response = client.post(
        reverse("committees:paper_upload", args=[item.meeting_id, item.pk]),
        {"title": "Minutes", "file": SimpleUploadedFile("minutes.pdf", data, content_type="application/pdf")},
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.page_count == 2
    assert paper_file_path(paper=paper).is_relative_to(settings.PRIVATE_STORAGE_ROOT)
    client.logout()
    url = reverse("committees:paper_file", args=[item.meeting_id, paper.pk])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.login(username=officer.username, password=PASSWORD)
    assert b"".join(client.get(url).streaming_content) == data


@pytest.mark.django_db
def test_a_paper_whose_file_changed_since_upload_is_not_served(client, clerk, officer, settings):
    """A stored paper that no longer matches its upload checksum gives 404, never the altered file."""
    item = AgendaItemFactory()
    client.login(username=clerk.username, password=PASSWORD)
    client.post(
        reverse("committees:paper_upload", args=[item.meeting_id, item.pk]),
        {
            "title": "Minutes",
            "file": SimpleUploadedFile("minutes.pdf", pdf_bytes("one"), content_type="application/pdf"),
        },
    )
    paper = Paper.objects.get()
    (settings.PRIVATE_STORAGE_ROOT / paper.file_name).write_bytes(pdf_bytes("swapped"))
    client.logout()
    client.login(username=officer.username, password=PASSWORD)
    assert client.get(reverse("committees:paper_file", args=[item.meeting_id, paper.pk])).status_code == 404
