"""Hostile uploads (issue 11): decompression bombs, pypdf's limits, pages of no size, encryption and active content.

Each file is made here (tests/support/hostile_pdfs.py) and kept small: a bomb is zeros compressed in chunks. This
process never opens one: the check runs pypdf in a child process with a memory limit, and reports its peak RSS.
"""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from committees import services, uploads
from committees.models import Paper
from committees.packs import builder

from ..factories import PASSWORD
from ..support import hostile_pdfs, memory
from .factories import AgendaItemFactory, MeetingFactory, pdf_bytes

MB = 1024 * 1024
RSS_LIMIT = 500 * MB
ACTIVE = {"/Launch", "/URI", "/JavaScript", "/JS", "/EmbeddedFile", "/EmbeddedFiles", "/AcroForm", "/OpenAction"}
ACTIVE |= {"/AA", "/Annots", "/Widget", "/Filespec"}


def _expands(mb: int) -> str:
    return f"This PDF expands to more than {mb} MB when opened"


HOSTILE = [
    # Four pages of 60 MB each: every stream within the per-stream limit, the file over the total.
    ("bomb", lambda: hostile_pdfs.bomb(pages=4, megabytes_per_page=60), _expands(200)),
    # The pages: each a 70 MB Flate stream (and one past pypdf's 75 MB limit).
    ("issue-bomb", lambda: hostile_pdfs.bomb(pages=3, megabytes_per_page=70), _expands(64)),
    ("over-pypdf-limit", lambda: hostile_pdfs.bomb(pages=1, megabytes_per_page=80), _expands(64)),
    ("deep-page-tree", hostile_pdfs.deep_page_tree, uploads.TOO_COMPLEX),
    ("zero-mediabox", hostile_pdfs.zero_mediabox, "Page 1 of the selected file has no size"),
    ("encrypted", hostile_pdfs.encrypted, uploads.ENCRYPTED),
]


@pytest.mark.parametrize(("name", "make", "message"), HOSTILE, ids=[case[0] for case in HOSTILE])
@pytest.mark.django_db
def test_hostile_uploads_are_refused_next_to_the_field(client, clerk, name, make, message):
    """Each is refused with a message by the field (no 500) and nothing is attached."""
    data = make()
    assert len(data) < 300_000  # the corpus stays small
    item = AgendaItemFactory()
    client.login(username=clerk.username, password=PASSWORD)
    response = client.post(
        reverse("committees:paper_upload", args=[item.meeting_id, item.pk]),
        {"title": "Hostile", "file": SimpleUploadedFile(f"{name}.pdf", data, content_type="application/pdf")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "govuk-error-summary" in page
    assert not Paper.objects.exists()


def test_the_bomb_check_stays_far_below_500_mb():
    """The child that checks a bomb stops counting at the budget: its peak RSS (its own ``ru_maxrss``, not
    this process's children's, which other tests' subprocesses share) is far below 500 MB, and it could
    never pass its own address-space limit."""
    with pytest.raises(uploads.PdfRefused) as refused:
        uploads.place_upload(hostile_pdfs.bomb(pages=4, megabytes_per_page=60))
    assert refused.value.code == "expands"
    assert 0 < refused.value.peak_rss_bytes < 200 * MB
    assert uploads.CHILD_MEMORY_BYTES <= RSS_LIMIT


def test_a_file_just_within_the_budget_is_accepted_within_500_mb():
    """Two pages of 60 MB of content (120 MB in all) pass, and placing them peaks below 500 MB."""
    data = hostile_pdfs.bomb(pages=2, megabytes_per_page=60)
    checked = uploads.check_pdf(SimpleUploadedFile("big.pdf", data))
    assert checked.page_count == 2
    assert 0 < checked.peak_rss_bytes < RSS_LIMIT


def _names(pdf: bytes) -> set[str]:
    """Every name used as a key or a value in any object of the file (streams' data not decoded)."""
    reader = PdfReader(io.BytesIO(pdf))
    found: set[str] = set()

    def walk(obj):
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                found.add(str(key))
                if not isinstance(value, IndirectObject):
                    walk(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                if not isinstance(value, IndirectObject):
                    walk(value)
        elif isinstance(obj, NameObject):
            found.add(str(obj))

    for generation, numbers in reader.xref.items():
        for number in numbers:
            walk(IndirectObject(number, generation, reader).get_object())
    for number in reader.xref_objStm:
        walk(reader.get_object(number))
    walk(reader.trailer)
    return found


@pytest.mark.django_db
def test_active_content_never_reaches_the_packs(client, clerk):
    """A page with Launch/URI/JavaScript links, a form field, /AA, /OpenAction, document JavaScript and an embedded
    file is accepted, and neither pack carries any of it; the page's text still does."""
    data = hostile_pdfs.active_content()
    assert ACTIVE - {"/Filespec"} <= _names(data)  # the upload does carry them
    item = AgendaItemFactory(title="Minutes")
    client.login(username=clerk.username, password=PASSWORD)
    response = client.post(
        reverse("committees:paper_upload", args=[item.meeting_id, item.pk]),
        {"title": "Active minutes", "file": SimpleUploadedFile("active.pdf", data, content_type="application/pdf")},
    )
    assert response.status_code == 302
    built = builder.build_packs(meeting_id=item.meeting_id)
    for pack in (built.public, built.full):
        assert not ACTIVE & _names(pack)
        assert "Hello" in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pack)).pages)


@pytest.mark.django_db
def test_a_build_that_fails_on_a_paper_names_it(monkeypatch):
    """A zero-MediaBox paper stored before the check existed stops the build with its title and item number."""
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, section="A", title="Introduction")
    good = AgendaItemFactory(meeting=meeting, section="A", title="Minutes")
    services.paper_upload(item=good, title="Good minutes", upload=SimpleUploadedFile("ok.pdf", pdf_bytes("fine")))
    bad = AgendaItemFactory(meeting=meeting, section="B", title="Finance")
    data = hostile_pdfs.zero_mediabox()
    unchecked = uploads.CheckedPdf(data=data, page_count=1, checksum=hashlib.sha256(data).hexdigest())
    monkeypatch.setattr(uploads, "check_pdf", lambda upload: unchecked)
    services.paper_upload(item=bad, title="Broken monitoring", upload=SimpleUploadedFile("bad.pdf", data))
    with pytest.raises(builder.PackError, match=r"Item B1: the uploaded paper 'Broken monitoring'"):
        builder.build_packs(meeting_id=meeting.pk)


@pytest.mark.django_db
def test_a_pack_of_many_large_accepted_papers_builds_within_500_mb():
    """Five papers each just inside the upload budget (two pages of 60 MB of content): building both packs keeps
    this process's peak RSS below 500 MB, because uploaded pages are copied as they are, never decoded."""
    meeting = MeetingFactory()
    for number in range(5):
        item = AgendaItemFactory(meeting=meeting, section="B", title=f"Large report {number}")
        data = hostile_pdfs.bomb(pages=2, megabytes_per_page=60)
        services.paper_upload(item=item, title=f"Large paper {number}", upload=SimpleUploadedFile("big.pdf", data))
    built, peak = memory.peak_rss_during(lambda: builder.build_packs(meeting_id=meeting.pk))
    assert built.page_count > 10
    assert peak < RSS_LIMIT, f"peak RSS {peak // MB} MB"
