"""The pack's own marks never meet a paper's: uploaded pages fit between the stamp bands (scaled, never
cropped); appendices start on a right-hand page; a one-page item prints "(Page N)"."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committees import services
from committees.models import AppendixKind
from committees.packs.assemble import STAMP_BAND_BOTTOM, STAMP_BAND_TOP
from committees.packs.builder import build_packs
from kcc_planning.roles import Role
from plans.models import SnapshotKind
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.pdf import paper_with_own_footer, pdf_pages, pdf_words, printed_number, reading_problems
from ..support.users import user_in

pytestmark = pytest.mark.django_db


def _upload(item, title, pdf):
    return services.paper_upload(item=item, title=title, upload=SimpleUploadedFile(f"{title}.pdf", pdf))


@pytest.fixture
def footed_meeting(small_meeting):
    """The small meeting, with C1's report followed by a paper that prints its own header and "Page 1"… at the
    very edges of its pages, and one on A4 landscape."""
    item = small_meeting.items.get(section="C")
    _upload(item, "Own numbers", paper_with_own_footer("Numbered one", "Numbered two"))
    _upload(item, "Landscape", paper_with_own_footer("Landscape one", size="A4 landscape"))
    return small_meeting


def test_uploaded_pages_sit_between_the_stamp_bands(footed_meeting):
    """Every word of an uploaded page, its own footer and header included, prints between the bands the pack
    keeps for "Agenda Item" and "Page N"; the bands hold the pack's marks and nothing else."""
    built = build_packs(meeting_id=footed_meeting.pk)
    pages = pdf_words(built.full)
    uploaded = [page for page in pages if any(word.text in {"Numbered", "Landscape"} for word in page.words)]
    assert len(uploaded) == 3
    for page in uploaded:
        # A word's box runs to its font's full height, so a line at the very edge of the paper's page may
        # reach a hair past the edge of the space it was scaled into.
        footer_band = page.height - STAMP_BAND_BOTTOM + 1
        inside = {w.text for w in page.words if w.y0 >= STAMP_BAND_TOP - 1 and w.y1 <= footer_band}
        # Never cropped: the paper's own header, heading and footer are all there, inside the space.
        assert {"Own", "header", "Page"} <= inside
        assert [w.text for w in page.words if w.y1 > footer_band][:1] == ["Page"]
        assert len(page.page_numbers()) == 1  # the pack's own number, alone in its band
        assert not [w for w in page.words if w.y0 < STAMP_BAND_TOP - 1]  # nothing of the paper by the corner mark
    front = [printed_number(text) for text in pdf_pages(built.full)].index(1)  # the pages before "Page 1"
    assert reading_problems(built.full, unnumbered=front) == []


def test_a_paper_numbered_at_its_foot_keeps_its_number_and_gets_the_packs(footed_meeting):
    """Read as text, an uploaded page says its own "Page 1" and the pack's "Page N", apart, never run together."""
    texts = pdf_pages(build_packs(meeting_id=footed_meeting.pk).full)
    page = next(text for text in texts if "Numbered one" in text)
    assert "Page 1" in page
    assert page.endswith(f"Page {printed_number(page)}")
    assert printed_number(page) != 1


@pytest.fixture
def report_with_appendices(small_meeting):
    """B1's one-page report gets two plan appendices: Appendix A would start on an even page without a filler."""
    admin = user_in(Role.ADMINISTRATOR, "stamp_admin")
    plan = DivisionalPlanFactory()
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Lead the work stream")
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="For committee")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    report = small_meeting.items.get(section="B").papers.get()
    for title in ("Human Resources", "Governance and Law"):
        services.appendix_add(paper=report, title=title, kind=AppendixKind.PLAN_SNAPSHOT, document_id=snapshot.pk)
    return small_meeting


def test_appendices_start_on_an_odd_page_after_a_blank_filler(report_with_appendices):
    """As in the seed's Appendix B: each appendix starts on an odd page, a blank filler before it if needed, and
    the item's range on the front sheet counts the filler."""
    built = build_packs(meeting_id=report_with_appendices.pk)
    texts = pdf_pages(built.full)
    by_number = {printed_number(text): text for text in texts if printed_number(text)}
    first, last = built.ranges["B1"]
    starts = {
        match[1]: number
        for number, text in by_number.items()
        if first <= number <= last and (match := re.match(r"(?:DRAFT )?(Appendix [AB]) ", text))
    }
    assert set(starts) == {"Appendix A", "Appendix B"}
    assert all(number % 2 == 1 for number in starts.values())
    assert "This page is intentionally left blank" in by_number[starts["Appendix A"] - 1]
    assert starts["Appendix A"] - 1 > first  # the filler is inside the item, after its report


def test_a_one_page_item_prints_page_not_pages(small_meeting):
    """C1's report takes one page: the front sheet says "(Page N)", never "(Pages N - N)"."""
    built = build_packs(meeting_id=small_meeting.pk)
    first, last = built.ranges["C1"]
    assert first == last
    front = " ".join(text for text in pdf_pages(built.full) if printed_number(text) is None)
    assert f"(Page {first})" in front
    assert f"(Pages {first} - {first})" not in front
    assert "(Pages " in front  # longer items keep their range
