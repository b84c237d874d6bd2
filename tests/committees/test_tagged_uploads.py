"""Uploaded papers stay accessible (issue 15, item 4): a tagged upload keeps its structure tree in the pack, an
untagged one is flagged to the clerk, and the public pack's outline has an entry for every paper and appendix."""

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from committees import services
from committees.packs.builder import build_packs
from committees.packs.placement import place_upload
from documents.pdf import html_to_pdf

from ..support.pdf import all_bytes, outline_titles, pdf_pages, reading_problems
from .factories import CANARY, AgendaItemFactory, CoverReportFactory, pdf_bytes

UNTAGGED_WARNING = "This paper is not accessible: ask its author for a tagged PDF."


def tagged_paper(*, title: str = "Treasury management strategy 2013-14", text: str = "Borrowing limits") -> bytes:
    """A tagged PDF (PDF/UA-1) as an author's word processor would make it: headings, a table and a link."""
    return html_to_pdf(
        f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head><body>
        <h1>{title}</h1><p>The council's strategy for borrowing and investment.</p>
        <h2>{text}</h2>
        <table><thead><tr><th scope="col">Limit</th><th scope="col">£m</th></tr></thead>
        <tbody><tr><td>Authorised limit</td><td>1,100</td></tr></tbody></table>
        <p>See <a href="https://www.kent.gov.uk/">kent.gov.uk</a>.</p>
        <h2 style="break-before: page">Prudential indicators</h2><p>Second page.</p></body></html>"""
    )


def struct_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout


def section_of(tree: str, label: str) -> str:
    """The lines of ``pdfinfo -struct-text`` under the pack's ``Sect "label"``, up to the next part's."""
    lines = tree.splitlines()
    start = next(index for index, line in enumerate(lines) if line.strip() == f'Sect "{label}"')
    end = next((index for index in range(start + 1, len(lines)) if lines[index].startswith('  Sect "')), len(lines))
    return "\n".join(lines[start:end])


@pytest.fixture
def treasury(small_meeting):
    """C2 with an uploaded tagged paper."""
    item = AgendaItemFactory(meeting=small_meeting, section="C", title="Treasury management")
    return services.paper_upload(
        item=item,
        title="Treasury management strategy",
        upload=SimpleUploadedFile("treasury.pdf", tagged_paper(), content_type="application/pdf"),
    )


def test_upload_check_records_whether_a_paper_is_tagged(small_meeting, treasury):
    """The upload check says whether the file is tagged: a tagged PDF is, a PDF with no structure tree is not."""
    assert treasury.tagged is True
    minutes = small_meeting.items.get(title__startswith="Minutes").papers.get()
    assert minutes.tagged is False
    assert minutes.untagged_upload
    assert not treasury.untagged_upload


def test_uploads_checked_before_tagged_was_recorded_get_it_on_the_next_build(client, small_meeting, treasury, clerk):
    """Papers uploaded before ``tagged`` existed have it unset; the next build records it from their placed file,
    so the build page does not call the tagged one untagged, and still lists the untagged one."""
    minutes = small_meeting.items.get(title__startswith="Minutes").papers.get()
    type(treasury).objects.filter(pk__in=[treasury.pk, minutes.pk]).update(tagged=None)
    treasury.refresh_from_db()
    assert treasury.untagged_upload  # unknown counts as untagged until it is checked
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    treasury.refresh_from_db()
    minutes.refresh_from_db()
    assert (treasury.tagged, minutes.tagged) == (True, False)
    client.force_login(clerk)
    page = client.get(reverse("committees:pack_build_status", args=[small_meeting.pk, build.pk])).content.decode()
    listed = page.split('id="untagged-papers"', 1)[1].split("</ul>", 1)[0]
    assert "Minutes of 22 November 2012" in listed
    assert "Treasury management strategy" not in listed


def test_tagged_upload_keeps_its_headings_in_the_pack(small_meeting, treasury, tmp_path):
    """``pdfinfo -struct`` shows the tagged upload's own headings, table and paragraphs in both packs, under a
    section named after the paper, and not as figures; an untagged upload is still one figure per page."""
    built = build_packs(meeting_id=small_meeting.pk)
    for pdf in (built.full, built.public):
        tree = struct_text(pdf, tmp_path)
        treasury_tree = section_of(tree, "Treasury management strategy")
        heading = treasury_tree.split("H1 (block)", 1)[1].split("(block)", 1)[0]
        assert '"Treasury management strategy"' in heading
        assert '"2013-14"' in heading
        assert treasury_tree.count("H2") == 2
        assert '"Prudential indicators"' in treasury_tree
        assert "TH" in treasury_tree
        assert "TD" in treasury_tree
        assert "Figure" not in treasury_tree
        assert "Figure" in section_of(tree, "Minutes of 22 November 2012")
        reader = PdfReader(io.BytesIO(pdf))
        assert all("/StructParents" in page for page in reader.pages)
        assert "Page 2" in " ".join(pdf_pages(pdf))  # still numbered like the rest
    text = " ".join(pdf_pages(built.full))
    assert "Treasury management strategy 2013-14" in text
    assert "Prudential indicators" in text
    front = [n for n, page in enumerate(pdf_pages(built.full)) if "Page 1" in page][0]
    assert reading_problems(built.full, unnumbered=front) == []


def test_tagged_upload_is_placed_without_its_active_content():
    """The placement keeps the structure tree but drops the link annotation (and the tree's reference to it),
    actions and the upload's own catalog entries; it fits between the stamp bands like any upload."""
    placed, texts = place_upload(tagged_paper())
    reader = PdfReader(io.BytesIO(placed))
    assert "/StructTreeRoot" in reader.root_object
    assert len(texts) == 2
    assert "Borrowing limits" in texts[0]
    data = all_bytes(placed)
    assert b"/URI" not in data
    assert b"/OBJR" not in data
    assert b"/Annot" not in data
    assert b"https://www.kent.gov.uk/" not in data  # the link's address went with it
    for page in reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
        assert "/Annots" not in page


def test_untagged_upload_is_flagged_on_the_agenda_the_paper_and_the_build_page(client, small_meeting, clerk):
    """The clerk sees "not accessible: ask its author for a tagged PDF" beside the untagged upload on the agenda
    and on its page, and the build page lists it before publishing; a tagged upload is not flagged."""
    client.force_login(clerk)
    item = small_meeting.items.get(title__startswith="Minutes")
    minutes = item.papers.get()
    tagged = services.paper_upload(
        item=item, title="Tagged annex", upload=SimpleUploadedFile("annex.pdf", tagged_paper(title="Annex"))
    )
    agenda = client.get(reverse("committees:meeting_detail", args=[small_meeting.pk])).content.decode()
    assert agenda.count(UNTAGGED_WARNING) == 2  # the minutes and the exempt tender (the clerk sees both)
    assert (
        client.get(reverse("committees:paper_detail", args=[small_meeting.pk, minutes.pk]))
        .content.decode()
        .count(UNTAGGED_WARNING)
    )
    assert (
        UNTAGGED_WARNING
        not in client.get(reverse("committees:paper_detail", args=[small_meeting.pk, tagged.pk])).content.decode()
    )
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    page = client.get(reverse("committees:pack_build_status", args=[small_meeting.pk, build.pk])).content.decode()
    assert "These papers are not accessible: ask their authors for tagged PDFs before publishing." in page
    listed = page.split('id="untagged-papers"', 1)[1].split("</ul>", 1)[0]
    assert "Item A3: " in listed
    assert "Minutes of 22 November 2012" in listed
    assert "Item E1: " in listed
    assert "Tagged annex" not in listed


def test_public_pack_outline_has_every_paper_and_appendix(small_meeting):
    """Each public item's entry lists every paper (reports and uploads); an exempt item's entry lists none of its
    papers (their titles are exempt)."""
    item = small_meeting.items.get(section="B")
    CoverReportFactory(item=item, title="Equality impact assessment")
    services.paper_upload(
        item=item, title="Consultation responses", upload=SimpleUploadedFile("c.pdf", pdf_bytes("Responses"))
    )
    titles = outline_titles(build_packs(meeting_id=small_meeting.pk).public)
    for title in (
        "Minutes of 22 November 2012",
        "Business Planning 2013/14 - Substantive Draft Plans",
        "Equality impact assessment",
        "Consultation responses",
        "Performance Benchmarking",
    ):
        assert title in titles
    assert not any(CANARY in title for title in titles)
