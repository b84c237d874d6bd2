"""A published supplement's public version and its public items' pages, no sign-in needed (issue 13).

Only the public version (an exempt item is a "Document is Restricted" notice there) and the papers cut from it are
served; an item that is exempt now is refused even if an older publication showed it, as on the pack's pages.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from .. import selectors
from ..selectors_supplements import published_supplement_get
from .public import _published_meeting


def _published(meeting_id: int, number: int):
    meeting, _publication = _published_meeting(meeting_id)
    found = published_supplement_get(meeting=meeting, number=number)
    if found is None:
        raise Http404("No such supplement")
    return meeting, found


@require_GET
def supplement_download(request, meeting_id: int, number: int):
    """A published supplement's public version: the only one anyone may download without signing in."""
    meeting, found = _published(meeting_id, number)
    handle = selectors.pack_file_open(record=found.public_file) if found.public_file else None
    if handle is None:
        raise Http404("The supplement is not available.")
    name = f"{meeting.committee.name} {meeting.date:%Y-%m-%d} agenda supplement {number} v{found.build.version}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@require_GET
def supplement_item(request, meeting_id: int, number: int, item: str):
    """One public item's pages of a published supplement (made from its public version, like the pack's)."""
    meeting, found = _published(meeting_id, number)
    if any(entry.item.exempt for entry in selectors.agenda(meeting=meeting) if entry.number == item):
        raise Http404("No such paper")
    paper = next((p for p in found.item_pdfs if p.number == item), None)
    handle = selectors.public_paper_open(paper=paper) if paper else None
    if handle is None:
        raise Http404("No such paper")
    name = f"{meeting.committee.name} {meeting.date:%Y-%m-%d} supplement {number} item {item}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
