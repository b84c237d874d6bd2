"""The built packs read back: ranges on the front sheet are real, numbering is continuous, exempt content stays out."""

import io

import pytest
from pypdf import PdfReader

from committees.packs.builder import build_packs

from ..support.pdf import all_bytes, front_sheet_ranges, outline_titles, pdf_pages, printed_number
from .factories import CANARY


@pytest.fixture
def built(small_meeting):
    return build_packs(meeting_id=small_meeting.pk)


def test_front_sheet_ranges_are_where_each_item_really_is(built, small_meeting):
    """Each item's title is on the first page of its printed range, ranges are contiguous and start on odd pages."""
    texts = pdf_pages(built.full)
    ranges = front_sheet_ranges(texts)
    assert ranges == {number: tuple(pages) for number, pages in built.ranges.items()}
    assert list(ranges) == ["A3", "B1", "C1", "E1"]  # A1, A2 have no papers and no pages
    by_number = {printed_number(text): text for text in texts if printed_number(text)}
    titles = {
        "A3": "MINUTES page one",
        "B1": "Business Planning 2013/14 - Substantive Draft Plans",
        "C1": "Performance Benchmarking",
        "E1": f"Contract award {CANARY}",
    }
    previous_end = 0
    for number, (first, last) in ranges.items():
        assert first % 2 == 1, f"{number} starts on an even page"
        assert f"Agenda Item {number}" in by_number[first]
        assert titles[number] in by_number[first]
        if number != "A3":
            assert f"Agenda Item {number}" not in by_number[first - 1]
        # Contiguous: the next item starts right after this one, or after one blank filler page.
        assert first in (previous_end + 1, previous_end + 2)
        if first == previous_end + 2:
            assert "This page is intentionally left blank" in by_number[previous_end + 1]
        previous_end = last
    assert max(by_number) == previous_end


def test_every_page_after_the_front_sheet_is_numbered_in_order(built):
    """ "Page 1", "Page 2"… run on without gaps, uploaded pages included, in both packs."""
    for pdf in (built.full, built.public):
        texts = pdf_pages(pdf)
        numbers = [printed_number(text) for text in texts]
        front = numbers.index(1)
        assert front % 2 == 0
        assert all(n is None for n in numbers[:front])
        assert numbers[front:] == list(range(1, len(texts) - front + 1))


def test_public_and_full_packs_have_the_same_pages_and_numbers(built):
    """The public pack keeps the full pack's page count and numbering; the exempt item becomes the notice."""
    full, public = pdf_pages(built.full), pdf_pages(built.public)
    assert len(full) == len(public) == built.page_count
    assert [printed_number(t) for t in full] == [printed_number(t) for t in public]
    first, last = built.ranges["E1"]
    notice = public[full.index(next(t for t in full if printed_number(t) == first))]
    assert "Agenda Item E1" in notice
    assert "Document is Restricted" in notice
    assert "By virtue of paragraph(s) 3 of Part 1 of Schedule 12A of the Local Government Act 1972" in notice
    assert last - first + 1 >= 2  # the exempt report and its upload take several pages, all replaced


def test_canary_in_exempt_item_is_nowhere_in_the_public_pack(built):
    """Text, outline, metadata and every decompressed byte of the public pack are free of the exempt canary."""
    assert CANARY in " ".join(pdf_pages(built.full))  # the canary is really in the full pack
    assert any(CANARY in title for title in outline_titles(built.full))
    assert CANARY not in " ".join(pdf_pages(built.public))
    assert not any(CANARY in title for title in outline_titles(built.public))
    reader = PdfReader(io.BytesIO(built.public))
    assert CANARY not in str(reader.metadata)
    assert CANARY.encode() not in all_bytes(built.public)
    # Also not as UTF-16 (PDF text strings).
    assert CANARY.encode("utf-16-be") not in all_bytes(built.public)
    assert "Kent and Medway Broadband Delivery UK (BDUK) Project" in " ".join(pdf_pages(built.public))


def test_packs_are_tagged_with_an_outline_per_item(built):
    """Tagged PDF with a structure tree and language; one outline entry per item with papers."""
    for pdf in (built.full, built.public):
        reader = PdfReader(io.BytesIO(pdf))
        root = reader.root_object
        assert root["/MarkInfo"]["/Marked"]
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "en-GB"
        titles = outline_titles(pdf)
        assert titles[0] == "Agenda"
        for number in ("A3", "B1", "C1", "E1"):
            assert any(title.startswith(f"{number} ") for title in titles)
        # Every page belongs to the structure tree (uploaded pages as figures).
        assert all("/StructParents" in page for page in reader.pages)


def test_rebuild_reuses_unchanged_parts_and_prints_the_same(small_meeting, built):
    """After one paper changes only that paper is rendered again; a rebuild with no change renders nothing and
    makes the same file, byte for byte."""
    again = build_packs(meeting_id=small_meeting.pk)
    assert again.rendered_parts == 0
    assert again.full == built.full
    assert again.public == built.public
    paper = small_meeting.items.get(section="C").papers.get()
    paper.summary = "A changed summary."
    paper.save()
    rebuilt = build_packs(meeting_id=small_meeting.pk)
    assert rebuilt.rendered_parts == 1  # the changed report; the front sheets' ranges did not move
    before, after = pdf_pages(built.full), pdf_pages(rebuilt.full)
    first, last = rebuilt.ranges["C1"]
    changed = [printed_number(b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed
    assert all(first <= number <= last for number in changed)
    assert "A changed summary." in " ".join(after)
