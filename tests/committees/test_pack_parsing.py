"""How a build reuses its work: each part's page count read once, each copy of a part its own pages and
elements, uploads placed once and cached."""

import io

from pypdf import PdfReader

from committees.packs import builder, cache
from committees.packs.assemble import OutlineEntry, ParsedParts, Part, assemble
from documents.pdf import html_to_pdf

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


def test_a_part_used_twice_in_one_pack_gets_its_own_pages_and_elements_each_time():
    """The blank filler occurs many times in a pack: each occurrence is its own page, with its own structure
    elements and parent tree key (qpdf copies a source's object into a pack only once, so each copy is opened
    afresh); the page count is read once per build."""
    pdf = html_to_pdf('<html lang="en-GB"><head><title>Blank</title></head><body><p>One page</p></body></html>')
    parsed = ParsedParts()
    assert parsed.page_count(pdf) == 1
    packed = assemble(
        parts=[Part(pdf, "First"), Part(pdf, "Second")],
        stamps_pdf=pdf_bytes("stamp one", "stamp two"),
        outline=[OutlineEntry("First", 0), OutlineEntry("Second", 1)],
        title="Twice",
    )
    reader = PdfReader(io.BytesIO(packed))
    assert len({page.indirect_reference.idnum for page in reader.pages}) == 2
    assert [int(page["/StructParents"]) for page in reader.pages] == [0, 1]
    document = reader.root_object["/StructTreeRoot"]["/K"][0].get_object()
    sections = [kid.get_object() for kid in document["/K"]]
    assert [str(section["/T"]) for section in sections] == ["First", "Second"]
    firsts = [section["/K"][0].indirect_reference.idnum for section in sections]
    assert firsts[0] != firsts[1]


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
