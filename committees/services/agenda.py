"""Writes for meetings, agenda items, cover reports, uploaded papers and appendices."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max

from kcc_planning.locking import lock_bump

from .. import uploads
from ..models import (
    AgendaItem,
    Appendix,
    AppendixKind,
    Meeting,
    Paper,
    PaperKind,
)

if TYPE_CHECKING:
    pass


# What each write takes, in the order the forms show it (the forms use these lists too).
MEETING_FIELDS = (
    "committee",
    "date",
    "start_time",
    "venue",
    "clerk_name",
    "clerk_telephone",
    "refreshments_note",
    "webcast",
    "webcast_notice",
    "signed_off_by",
    "signed_off_title",
    "signed_off_telephone",
)
AGENDA_ITEM_FIELDS = ("section", "title", "decision_number", "exempt", "exempt_paragraph", "public_title")
COVER_REPORT_FIELDS = (
    "title",
    "from_by",
    "to",
    "past_pathway",
    "future_pathway",
    "electoral_division",
    "summary",
    "recommendations",
    "body",
    "background_documents",
    "contact",
)


def _apply(instance, values: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(instance, name, value)


# Meetings and agenda ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, values: Mapping[str, Any]) -> Meeting:
    """A new meeting from ``values`` (``MEETING_FIELDS``); ``ValidationError`` by field and nothing saved if bad."""
    meeting = Meeting()
    _apply(meeting, values, MEETING_FIELDS)
    meeting.full_clean()
    meeting.save()
    return meeting


def _next_position(meeting: Meeting, section: str) -> int:
    highest = meeting.items.filter(section=section).aggregate(top=Max("position"))["top"]
    return (highest or 0) + 1


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, values: Mapping[str, Any]) -> AgendaItem:
    """A new item at the end of its section, from ``values`` (``AGENDA_ITEM_FIELDS``)."""
    item = AgendaItem(meeting=meeting)
    _apply(item, values, AGENDA_ITEM_FIELDS)
    return _agenda_item_save(item)


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, values: Mapping[str, Any], lock_version: int | None = None) -> AgendaItem:
    """Change an item; moved to another section, it goes to the end of that section.

    ``lock_version``: the version the edit page was loaded with; ``EditConflict`` if the item was saved since.
    """
    lock_bump(instance=item, submitted=lock_version)
    _apply(item, values, AGENDA_ITEM_FIELDS)
    return _agenda_item_save(item)


def _agenda_item_save(item: AgendaItem) -> AgendaItem:
    if not item.exempt:
        item.exempt_paragraph = None
        item.public_title = ""
    if item.pk is None:
        item.position = _next_position(item.meeting, item.section)
    else:
        previous = AgendaItem.objects.filter(pk=item.pk).values_list("section", flat=True).first()
        if previous != item.section:
            item.position = _next_position(item.meeting, item.section)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> None:
    """Swap the item with its neighbour above ("up") or below ("down") in its section."""
    siblings = list(AgendaItem.objects.select_for_update().filter(meeting=item.meeting_id, section=item.section))
    siblings.sort(key=lambda other: (other.position, other.pk))
    index = next(i for i, other in enumerate(siblings) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    _renumber(siblings)


@transaction.atomic
def agenda_section_reorder(*, meeting: Meeting, section: str, item_ids: list[int]) -> None:
    """Put a section's items in the given order (drag and drop); the ids must be exactly the section's items."""
    siblings = {
        item.pk: item for item in AgendaItem.objects.select_for_update().filter(meeting=meeting, section=section)
    }
    if sorted(item_ids) != sorted(siblings) or len(set(item_ids)) != len(item_ids):
        raise ValidationError("The order sent does not match the items in this section. Reload the page and try again.")
    _renumber([siblings[pk] for pk in item_ids])


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    item.delete()


# Papers ---------------------------------------------------------------------------------------


def _next_paper_position(item: AgendaItem) -> int:
    return (item.papers.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def cover_report_create(*, item: AgendaItem, values: Mapping[str, Any]) -> Paper:
    """A new cover report on the item, after its other papers, from ``values`` (``COVER_REPORT_FIELDS``)."""
    paper = Paper(item=item, kind=PaperKind.COVER_REPORT, position=_next_paper_position(item))
    _apply(paper, values, COVER_REPORT_FIELDS)
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def cover_report_update(*, paper: Paper, values: Mapping[str, Any], lock_version: int | None = None) -> Paper:
    """Change a cover report; ``lock_version`` as for ``agenda_item_update``."""
    if paper.kind != PaperKind.COVER_REPORT:
        raise ValidationError({NON_FIELD_ERRORS: ["Only a cover report can be edited here."]})
    lock_bump(instance=paper, submitted=lock_version)
    _apply(paper, values, COVER_REPORT_FIELDS)
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def paper_upload(*, item: AgendaItem, title: str, upload) -> Paper:
    """Check and store an uploaded PDF and attach it to the item (``ValidationError`` with a field message if bad)."""
    checked = uploads.check_pdf(upload)
    paper = Paper(
        item=item,
        kind=PaperKind.UPLOAD,
        title=title,
        position=_next_paper_position(item),
        original_name=os.path.basename(getattr(upload, "name", "") or "")[:300],
        file_size=len(checked.data),
        page_count=checked.page_count,
        checksum=checked.checksum,
        file_name=f"{uploads.FOLDER}/{checked.checksum}.pdf",
        tagged=checked.tagged,
    )
    paper.full_clean()
    uploads.store(checked)
    paper.save()
    return paper


@transaction.atomic
def paper_delete(*, paper: Paper) -> None:
    """Delete a paper; its uploaded file goes once the deletion is committed, unless another paper uses it."""
    from ..retention import paper_file_release

    file_name = paper.file_name
    paper.delete()
    if file_name:
        transaction.on_commit(lambda: paper_file_release(file_name))


@transaction.atomic
def appendix_add(
    *,
    paper: Paper,
    title: str,
    kind: str,
    document_id: int,
    continues_previous: bool = False,
    options: Mapping[str, Any] | None = None,
) -> Appendix:
    """Add an appendix after the paper's others: a plan snapshot (``document_id`` is the snapshot's id) or
    a document of another app's renderer (``kind`` is its key, ``document_id`` its subject's id)."""
    appendix = Appendix(
        paper=paper,
        title=title,
        kind=kind,
        continues_previous=continues_previous,
        options=dict(options or {}),
        position=(paper.appendices.aggregate(top=Max("position"))["top"] or 0) + 1,
    )
    if kind == AppendixKind.PLAN_SNAPSHOT:
        appendix.snapshot_id = document_id
    else:
        appendix.subject_id = document_id
    appendix.full_clean()
    appendix.save()
    return appendix


@transaction.atomic
def appendix_delete(*, appendix: Appendix) -> None:
    appendix.delete()


# Packs ----------------------------------------------------------------------------------------
