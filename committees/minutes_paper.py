"""The public minutes as a paper: the PDF the next meeting's A4 item takes, printed like seed 001's minutes.

Only the public version is ever printed here: an exempt minute shows its number, title and the Schedule 12A
paragraph, never its text, because the A4 item is in the public part of the agenda.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string

from documents.pdf import html_to_pdf

from . import services
from .models import AgendaSection, Meeting, Minutes

A_SECTION = AgendaSection.A


def minutes_context(minutes: Minutes, *, public: bool) -> dict:
    """What the minutes page and paper show: attendance by kind, declarations, and each minute (public or full)."""
    attendance = list(minutes.attendance.select_related("substitute_for").order_by("kind", "position", "id"))
    by_kind = {kind: [row for row in attendance if row.kind == kind] for kind in ("present", "apologies")}
    by_kind["also_present"] = [row for row in attendance if row.kind == "also_present"]
    by_kind["in_attendance"] = [row for row in attendance if row.kind == "in_attendance"]
    entries = list(minutes.entries.select_related("item").prefetch_related("corrections").order_by("number"))
    return {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "attendance": by_kind,
        "declarations": list(minutes.declarations.select_related("item").order_by("id")),
        "entries": entries,
        "public": public,
    }


def minutes_pdf(minutes: Minutes) -> bytes:
    html = render_to_string("print/committees/minutes.html", minutes_context(minutes, public=True))
    return html_to_pdf(html)


def _next_meeting(minutes: Minutes) -> Meeting | None:
    meeting = minutes.meeting
    return (
        Meeting.objects.filter(committee_id=meeting.committee_id, date__gt=meeting.date)
        .order_by("date", "start_time")
        .first()
    )


def paper_title(minutes: Minutes) -> str:
    return f"Minutes of the meeting held on {minutes.meeting.date:%-d %B %Y}"


def minutes_attach_to_next_meeting(*, minutes_id: int) -> bool:
    """Give the next meeting's minutes item (A4) the published minutes as its paper; False when there is nothing to do.

    Idempotent: a paper of the same title already on the item is kept (a task run twice attaches once). The item
    is created at the end of section A when the next agenda has none.
    """
    minutes = Minutes.objects.select_related("meeting__committee").get(pk=minutes_id)
    target = _next_meeting(minutes)
    if target is None or minutes.published_on is None:
        return False
    title = paper_title(minutes)
    if target.items.filter(section=A_SECTION, papers__title=title).exists():
        return False  # already there (attached before, or uploaded by the clerk): nothing to render
    pdf = minutes_pdf(minutes)  # rendered outside the transaction: WeasyPrint never holds a row lock
    with transaction.atomic():
        item = (
            target.items.select_for_update()
            .filter(section=A_SECTION, title__istartswith="minutes")
            .order_by("position", "id")
            .first()
        )
        if item is None:
            item = services.agenda_item_create(meeting=target, values={"section": A_SECTION, "title": title})
        if item.papers.filter(title=title).exists():
            return False
        upload = SimpleUploadedFile(f"minutes-{minutes.meeting.date:%Y-%m-%d}.pdf", pdf, content_type="application/pdf")
        services.paper_upload(item=item, title=title, upload=upload)
    return True
