"""How a build reuses its pypdf work: parts parsed once for both packs, uploads placed once and cached."""

import io

from pypdf import PdfReader

from committees.packs import builder, cache
from committees.packs.assemble import ParsedParts

from .factories import CANARY, pdf_bytes


def _figure_alts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    alts = []

    def walk(element) -> None:
        element = element.get_object()
        if not hasattr(element, "get"):
            return
        if element.get("/S") == "/Figure" and "/Alt" in element:
            alts.append(str(element["/Alt"]))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.root_object["/StructTreeRoot"])
    return alts


def test_a_reader_is_shared_between_packs_but_not_within_one():
    """Both packs take a part from the same parsed reader; a part used twice in one pack gets a second reader,
    since a writer clones each reader's objects only once."""
    parsed = ParsedParts()
    pdf = pdf_bytes("one page")
    assert parsed.page_count(pdf) == 1
    full_pack, public_pack = set(), set()
    first = parsed.reader(pdf, used=full_pack)
    assert parsed.reader(pdf, used=public_pack) is first
    second = parsed.reader(pdf, used=full_pack)
    assert second is not first
    assert parsed.reader(pdf, used=public_pack) is second


def test_uploads_are_placed_once_and_taken_from_the_cache_on_a_rebuild(small_meeting, monkeypatch):
    """Uploaded pages keep one figure each with the page's text as alternative text (the exempt item's upload in
    the full pack only); a rebuild takes the placement and the text from the cache and prints the same files,
    byte for byte."""
    built = builder.build_packs(meeting_id=small_meeting.pk)
    minutes = [
        "Minutes of 22 November 2012, page 1 of 3: MINUTES page one",
        "Minutes of 22 November 2012, page 2 of 3: page two",
        "Minutes of 22 November 2012, page 3 of 3: page three",
    ]
    assert _figure_alts(built.full) == [*minutes, f"Tender evaluation {CANARY}, page 1 of 1: TENDER {CANARY}"]
    assert _figure_alts(built.public) == minutes

    def not_again(data):
        raise AssertionError("the upload was placed again")

    monkeypatch.setattr(cache, "place_upload", not_again)
    again = builder.build_packs(meeting_id=small_meeting.pk)
    assert again.full == built.full
    assert again.public == built.public
