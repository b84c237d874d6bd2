"""Public pages (no sign-in): published meetings, their agendas, public packs and papers one by one.

Only what a publication made public is shown: the agenda as printed on the
public pack (public titles of exempt items, the published page ranges), the
public pack file, and the papers made from it (``committees.services.papers``:
each public item's pages cut from the public pack, each generated paper's
web page). Nothing here reads an exempt paper: none is ever made from one,
and an item that is exempt now is refused even if an older publication
showed it.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import Committee, Meeting, Minutes, MinutesStatus, PublicPaperKind, Visibility
from ..selectors_supplements import published_supplements
from .packs import serve_pack


def _published_meeting(meeting_id: int):
    try:
        meeting = selectors.meeting_get(meeting_id=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    publication = selectors.latest_publication(meeting=meeting)
    if publication is None:
        raise Http404("This meeting's papers have not been published")
    return meeting, publication


@require_GET
def meeting_list(request):
    return render(
        request,
        "committees/public/meeting_list.html",
        # Every committee can be followed (its calendar and feed), published papers or not.
        {
            "meetings": selectors.published_meetings(),
            "committees": Committee.objects.order_by("name"),
            # Minutes are published on their own, after the meeting, whether or not its pack was published here.
            "minuted": Meeting.objects.filter(minutes__isnull=False)
            .exclude(minutes__status=MinutesStatus.DRAFT)
            .select_related("committee")
            .order_by("-date"),
        },
    )


@require_GET
def meeting_detail(request, meeting_id: int):
    meeting, publication = _published_meeting(meeting_id)
    entries = selectors.agenda(meeting=meeting)
    papers = selectors.public_papers(build=publication)
    rows = [
        {
            "entry": entry,
            "title": entry.item.display_public_title,
            "range": publication.ranges.get(entry.number),
            "pdf": next((p for p in papers if p.number == entry.number and p.kind == PublicPaperKind.ITEM_PDF), None),
            "pages": [p for p in papers if p.number == entry.number and p.kind == PublicPaperKind.PAPER_HTML],
        }
        for entry in entries
    ]
    for row in rows:
        if row["entry"].item.exempt:
            row["pdf"], row["pages"] = None, []
    return render(
        request,
        "committees/public/meeting_detail.html",
        {
            "meeting": meeting,
            "publication": publication,
            "rows": rows,
            "public_file": selectors.pack_file(build=publication, visibility=Visibility.PUBLIC),
            "minutes_published": Minutes.objects.filter(meeting=meeting).exclude(status=MinutesStatus.DRAFT).exists(),
            "notices_given": meeting.private_notices.exists(),
            "supplements": _supplements(meeting, rows),
        },
    )


def _supplements(meeting, rows: list[dict]) -> list[dict]:
    """Each published supplement with its items as the public agenda names them (public titles, no exempt PDF)."""
    listed = []
    for found in published_supplements(meeting=meeting):
        pdfs = {paper.number: paper for paper in found.item_pdfs}
        items = [
            row | {"range": found.build.ranges[row["entry"].number], "pdf": pdfs.get(row["entry"].number)}
            for row in rows
            if row["entry"].number in found.build.ranges
        ]
        for item in items:
            if item["entry"].item.exempt:
                item["pdf"] = None
        listed.append({"found": found, "items": items})
    return listed


@require_GET
def pack_download(request, meeting_id: int):
    """The latest published public pack: the only pack anyone may download without signing in."""
    meeting, publication = _published_meeting(meeting_id)
    return serve_pack(publication, Visibility.PUBLIC)


def _public_paper(meeting_id: int, number: str, kind: str, position: int = 0):
    meeting, publication = _published_meeting(meeting_id)
    if any(entry.item.exempt for entry in selectors.agenda(meeting=meeting) if entry.number == number):
        raise Http404("No such paper")
    paper = selectors.public_paper_get(build=publication, number=number, kind=kind, position=position)
    if paper is None:
        raise Http404("No such paper")
    return meeting, publication, paper


@require_GET
def item_pdf(request, meeting_id: int, number: str):
    """One item's papers as a PDF: its pages of the latest public pack, with the pack's page numbers."""
    meeting, publication, paper = _public_paper(meeting_id, number, PublicPaperKind.ITEM_PDF)
    handle = selectors.public_paper_open(paper=paper)
    if handle is None:
        raise Http404("The paper is not available.")
    name = f"{meeting.committee.name} {meeting.date:%Y-%m-%d} agenda item {number} v{publication.version}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@require_GET
def paper_page(request, meeting_id: int, number: str, position: int):
    """A generated paper (cover report or appendix) of the latest publication as a web page."""
    meeting, publication, paper = _public_paper(meeting_id, number, PublicPaperKind.PAPER_HTML, position)
    body = selectors.public_paper_text(paper=paper)
    if body is None:
        raise Http404("The paper is not available.")
    return render(
        request,
        "committees/public/paper.html",
        {
            "meeting": meeting,
            "publication": publication,
            "paper": paper,
            "item_pdf": selectors.public_paper_get(build=publication, number=number, kind=PublicPaperKind.ITEM_PDF),
            # Made by our own print templates (every user text escaped) when the pack was published.
            "body": mark_safe(body),  # noqa: S308
        },
    )
