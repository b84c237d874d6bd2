"""Public pages (no sign-in): published meetings, their agendas and public packs.

Only what a publication made public is shown: the agenda as printed on the
public pack (public titles of exempt items, the published page ranges) and
the public pack file. Nothing here reads an exempt paper.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from ..models import Meeting, Visibility
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
    return render(request, "committees/public/meeting_list.html", {"meetings": selectors.published_meetings()})


@require_GET
def meeting_detail(request, meeting_id: int):
    meeting, publication = _published_meeting(meeting_id)
    entries = selectors.agenda(meeting=meeting)
    rows = [
        {
            "entry": entry,
            "title": entry.item.display_public_title,
            "range": publication.ranges.get(entry.number),
        }
        for entry in entries
    ]
    return render(
        request,
        "committees/public/meeting_detail.html",
        {
            "meeting": meeting,
            "publication": publication,
            "rows": rows,
            "public_file": selectors.pack_file(build=publication, visibility=Visibility.PUBLIC),
        },
    )


@require_GET
def pack_download(request, meeting_id: int):
    """The latest published public pack: the only pack anyone may download without signing in."""
    meeting, publication = _published_meeting(meeting_id)
    return serve_pack(publication, Visibility.PUBLIC)
