"""Papers one by one on the public meeting page (issue 15, item 5): each public item's papers as a PDF of their
own with the pack's page numbers, each generated paper as a web page, and nothing of an exempt item."""

import io
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from committees import services
from committees.models import AppendixKind, PublicPaper, PublicPaperKind
from committees.services.papers import public_papers_make
from kcc_planning.roles import Role
from plans.models import SnapshotKind
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..risks.factories import DivisionRegisterFactory, RiskFactory
from ..support.pdf import all_bytes, outline_titles, pdf_pages, printed_number, reading_problems
from ..support.users import user_in
from .factories import CANARY


@pytest.fixture
def published(small_meeting, clerk, django_capture_on_commit_callbacks):
    """The small meeting built and published; publishing queues the papers one by one (eager here)."""
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.pack_publish(build=build, published_by=clerk)
    return build


def _download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def _public_pack(client, meeting) -> bytes:
    return _download(client, reverse("committees_public:pack_download", args=[meeting.pk]))


def test_each_public_item_has_a_pdf_numbered_as_in_the_pack(client, small_meeting, published):
    """Every public item with papers has its own PDF; its pages are the pack's pages for that item, with the same
    printed numbers ("Page 3" is page 3 in both) and the same text."""
    pack_pages = pdf_pages(_public_pack(client, small_meeting))
    by_number = {printed_number(text): text for text in pack_pages if printed_number(text)}
    items = {paper.number: paper for paper in PublicPaper.objects.filter(kind=PublicPaperKind.ITEM_PDF)}
    assert sorted(items) == ["A3", "B1", "C1"]
    for number, paper in items.items():
        assert [paper.first_page, paper.last_page] == published.ranges[number]
        pdf = _download(client, reverse("committees_public:item_pdf", args=[small_meeting.pk, number]))
        pages = pdf_pages(pdf)
        assert [printed_number(text) for text in pages] == list(range(paper.first_page, paper.last_page + 1))
        assert pages == [by_number[n] for n in range(paper.first_page, paper.last_page + 1)]
        assert f"Agenda Item {number}" in pages[0]
        assert reading_problems(pdf) == []


def test_item_pdfs_are_tagged_with_their_own_outline(client, small_meeting, published, tmp_path):
    """An item's PDF keeps the structure tree of its parts (the cover report's heading under a Sect named after
    it), says it is tagged, has its own title and an outline of the item and its papers."""
    pdf = _download(client, reverse("committees_public:item_pdf", args=[small_meeting.pk, "B1"]))
    path = tmp_path / "b1.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "agenda item B1 Annual Business Plans" in info
    tree = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    assert tree.splitlines()[0] == "Document"
    assert 'Sect "B1 Business Planning 2013/14 - Substantive Draft Plans"' in tree
    assert '"Business Planning 2013/14 - Substantive Draft Plans"' in tree
    assert "Agenda" not in tree.split("\n", 2)[1]  # no other part (the front sheet) came with it
    reader = PdfReader(io.BytesIO(pdf))
    assert all("/StructParents" in page for page in reader.pages)
    assert reader.root_object["/Lang"] == "en-GB"
    assert outline_titles(pdf) == [
        "B1 Annual Business Plans",
        "Business Planning 2013/14 - Substantive Draft Plans",
    ]


def test_generated_papers_are_web_pages_too(client, small_meeting, published):
    """Each cover report of a public item is a web page with the pack's page numbers; an upload is not (its pages
    are in the item's PDF)."""
    pages = PublicPaper.objects.filter(kind=PublicPaperKind.PAPER_HTML).order_by("first_page")
    assert [(page.number, page.title) for page in pages] == [
        ("B1", "Business Planning 2013/14 - Substantive Draft Plans"),
        ("C1", "Performance Benchmarking"),
    ]
    page = pages[0]
    response = client.get(reverse("committees_public:paper_page", args=[small_meeting.pk, "B1", page.position]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This report sets out the approach." in html
    assert f"Pages {page.first_page} to {page.last_page} of the agenda pack" in html
    assert "<h1" not in html.split('class="council-paper', 1)[1]  # the paper's own headings sit under the page's
    meeting_page = client.get(reverse("committees_public:meeting_detail", args=[small_meeting.pk])).content.decode()
    assert "Download item B1's papers" in meeting_page
    assert reverse("committees_public:paper_page", args=[small_meeting.pk, "C1", pages[1].position]) in meeting_page


def test_a_paper_changed_since_publication_has_no_web_page(small_meeting, clerk):
    """A web page shows only what the committee was sent: a cover report edited after the build gets none (its
    item's pages are still in the item's PDF, cut from the published pack)."""
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    services.pack_publish(build=build, published_by=clerk)  # its papers are made below, after the edit
    paper = small_meeting.items.get(section="C").papers.get()
    paper.summary = "Changed after the pack was built."
    paper.save()
    assert public_papers_make(build_id=build.pk) > 0
    assert public_papers_make(build_id=build.pk) == 0  # made once
    made = {(p.number, p.kind) for p in PublicPaper.objects.filter(build=build)}
    assert ("C1", PublicPaperKind.ITEM_PDF) in made
    assert ("C1", PublicPaperKind.PAPER_HTML) not in made
    assert ("B1", PublicPaperKind.PAPER_HTML) in made


def test_exempt_item_has_no_public_paper_and_no_canary_anywhere(client, small_meeting, published):
    """The exempt item E1 has no PDF and no web page (404 at any guessed address), and no public paper made from
    the publication holds the canary, in its text or any decompressed byte."""
    assert not PublicPaper.objects.filter(number="E1").exists()
    assert client.get(reverse("committees_public:item_pdf", args=[small_meeting.pk, "E1"])).status_code == 404
    for position in range(4):
        url = reverse("committees_public:paper_page", args=[small_meeting.pk, "E1", position])
        assert client.get(url).status_code == 404
    assert client.get(reverse("committees_public:item_pdf", args=[small_meeting.pk, "Z9"])).status_code == 404
    meeting_page = client.get(reverse("committees_public:meeting_detail", args=[small_meeting.pk])).content.decode()
    assert CANARY not in meeting_page
    for paper in PublicPaper.objects.all():
        if paper.kind == PublicPaperKind.ITEM_PDF:
            data = _download(client, reverse("committees_public:item_pdf", args=[small_meeting.pk, paper.number]))
            assert CANARY not in " ".join(pdf_pages(data))
            assert CANARY not in " ".join(outline_titles(data))
            assert CANARY.encode() not in all_bytes(data)
            assert CANARY.encode("utf-16-be") not in all_bytes(data)
        else:
            url = reverse("committees_public:paper_page", args=[small_meeting.pk, paper.number, paper.position])
            assert CANARY not in client.get(url).content.decode()


def test_an_item_made_exempt_after_publication_is_refused(client, small_meeting, published):
    """If an item becomes exempt after publication, its papers one by one are no longer served."""
    item = small_meeting.items.get(section="C")
    item.exempt, item.exempt_paragraph, item.public_title = True, 3, "Benchmarking"
    item.save()
    assert client.get(reverse("committees_public:item_pdf", args=[small_meeting.pk, "C1"])).status_code == 404
    page = PublicPaper.objects.get(number="C1", kind=PublicPaperKind.PAPER_HTML)
    url = reverse("committees_public:paper_page", args=[small_meeting.pk, "C1", page.position])
    assert client.get(url).status_code == 404
    meeting_page = client.get(reverse("committees_public:meeting_detail", args=[small_meeting.pk])).content.decode()
    assert "items/C1" not in meeting_page


def _fits_320(page) -> None:
    """Reflow: at 320 px the page itself never scrolls sideways (wide tables scroll inside their own box)."""
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways at 320 px: {width}"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_papers_in_the_browser(page, live_server, page_checker, small_meeting, clerk, tmp_path):
    """A visitor finds an item's papers on the public meeting page, downloads them as a PDF and reads a cover
    report, a plan snapshot and a risk register as web pages; every page passes axe-core and the Nu HTML checker
    and reflows at 320 px."""
    admin = user_in(Role.ADMINISTRATOR, "papers_admin")
    plan = DivisionalPlanFactory()
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Lead the work stream")
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path")
    report = small_meeting.items.get(section="B").papers.get()
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    services.appendix_add(
        paper=report, title="Divisional plan", kind=AppendixKind.PLAN_SNAPSHOT, document_id=snapshot.pk
    )
    register = RiskFactory(register=DivisionRegisterFactory(division=plan.division)).register
    services.appendix_add(paper=report, title="Risk register", kind=AppendixKind.RISK_REGISTER, document_id=register.pk)
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    services.pack_publish(build=build, published_by=clerk)
    public_papers_make(build_id=build.pk)
    page.goto(f"{live_server.url}/public/meetings/{small_meeting.pk}/")
    page_checker.check(page, "public agenda with papers")
    _fits_320(page)
    expect(page.get_by_role("link", name="Download item E1's papers")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download item B1's papers").click()
    pdf = Path(download.value.path()).read_bytes()
    assert printed_number(pdf_pages(pdf)[0]) == build.ranges["B1"][0]
    subprocess.run(["pdftoppm", "-r", "50", "-png", download.value.path(), str(tmp_path / "b1")], check=True)
    page.get_by_role("link", name="Performance Benchmarking (item C1)").click()
    expect(page.get_by_role("heading", level=1, name="Performance Benchmarking")).to_be_visible()
    expect(page.get_by_text("This report sets out the approach.")).to_be_visible()
    page_checker.check(page, "cover report as a web page")
    _fits_320(page)
    expect(page.get_by_role("link", name="Download item C1's papers")).to_be_visible()
    risk = register.risks.get()
    for title, text in (
        ("Appendix A: Divisional plan", "Lead the work stream"),
        ("Appendix B: Risk register", risk.title),
    ):
        page.goto(f"{live_server.url}/public/meetings/{small_meeting.pk}/")
        page.get_by_role("link", name=f"{title} (item B1)").click()
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        expect(page.locator("main")).to_contain_text(text)
        page_checker.check(page, f"{title} as a web page")
        _fits_320(page)
