"""Writes for minutes: start them from the committee's seats, record who came, declarations and minutes,
publish them as unconfirmed, and confirm them at the next meeting. Confirmed minutes never change.

Publishing sends the public version of the minutes to the next meeting's A4 item as its paper (a task on commit:
rendering a PDF never holds up the clerk's request). Exempt minutes are left out of that paper and of every public
page; they stay with the members' record.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from kcc_planning.locking import lock_bump

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceKind,
    Declaration,
    Meeting,
    Minute,
    MinuteCorrection,
    Minutes,
    MinutesStatus,
)
from .agenda import _apply

MINUTE_FIELDS = ("item", "title", "body", "resolution", "exempt_paragraph")
ATTENDANCE_FIELDS = ("kind", "name", "title", "seat", "substitute_for")
DECLARATION_FIELDS = ("member", "item", "nature")


def council_year(day: datetime.date) -> int:
    """The council year a meeting falls in, by the May it starts in (annual council meets in May)."""
    return day.year if day.month >= 5 else day.year - 1


def _editable(minutes: Minutes) -> None:
    if minutes.status == MinutesStatus.CONFIRMED:
        raise ValidationError("These minutes have been confirmed and signed: record a correction instead")


@transaction.atomic
def minutes_start(*, meeting: Meeting) -> Minutes:
    """The meeting's minutes, started with every filled seat as present (the clerk then marks apologies)."""
    minutes, created = Minutes.objects.get_or_create(meeting=meeting)
    if created:
        seats = meeting.committee.members.filter(vacant=False).order_by("position", "id")
        for position, seat in enumerate(seats, start=1):
            role = seat.get_role_display() if seat.role in {"chairman", "vice_chairman"} else ""
            Attendance.objects.create(
                minutes=minutes, kind=AttendanceKind.PRESENT, name=seat.name, title=role, seat=seat, position=position
            )
    return minutes


@transaction.atomic
def attendance_add(*, minutes: Minutes, values: Mapping[str, Any]) -> Attendance:
    """Add someone to the attendance: a substitute names the seat they sat in for, and that member sent apologies."""
    _editable(minutes)
    row = Attendance(minutes=minutes)
    _apply(row, values, ATTENDANCE_FIELDS)
    if row.substitute_for is not None:
        if row.kind != AttendanceKind.PRESENT:
            raise ValidationError({"kind": ["A substitute is present"]})
        if row.substitute_for.committee_id != minutes.meeting.committee_id:
            raise ValidationError({"substitute_for": ["Choose a member of this committee"]})
    row.position = (minutes.attendance.filter(kind=row.kind).aggregate(top=Max("position"))["top"] or 0) + 1
    row.full_clean()
    row.save()
    if row.substitute_for is not None:
        # The member substituted for was not there: their seat's row becomes their apologies.
        minutes.attendance.filter(seat=row.substitute_for, kind=AttendanceKind.PRESENT).update(
            kind=AttendanceKind.APOLOGIES
        )
    return row


@transaction.atomic
def attendance_mark(*, minutes: Minutes, row: Attendance, kind: str) -> Attendance:
    """Mark a member present or as having sent apologies."""
    _editable(minutes)
    if row.minutes_id != minutes.pk:
        raise ValidationError("That person is not in these minutes' attendance")
    if kind not in {AttendanceKind.PRESENT, AttendanceKind.APOLOGIES}:
        raise ValidationError({"kind": ["Choose present or apologies"]})
    row.kind = kind
    row.full_clean()
    row.save(update_fields=["kind"])
    return row


@transaction.atomic
def declaration_add(*, minutes: Minutes, values: Mapping[str, Any]) -> Declaration:
    _editable(minutes)
    declaration = Declaration(minutes=minutes)
    _apply(declaration, values, DECLARATION_FIELDS)
    if declaration.item is not None and declaration.item.meeting_id != minutes.meeting_id:
        raise ValidationError({"item": ["Choose an item of this meeting"]})
    declaration.full_clean()
    declaration.save()
    return declaration


def _clean_minute(minute: Minute, minutes: Minutes) -> None:
    item: AgendaItem | None = minute.item
    if item is not None and item.meeting_id != minutes.meeting_id:
        raise ValidationError({"item": ["Choose an item of this meeting"]})
    if item is not None and item.exempt and not minute.exempt_paragraph:
        # The minute of an exempt item is exempt too, for the same reason, unless the clerk says otherwise.
        minute.exempt_paragraph = item.exempt_paragraph


@transaction.atomic
def minute_add(*, minutes: Minutes, values: Mapping[str, Any], first_number: int | None = None) -> Minute:
    """A new minute, numbered on from the committee's last minute of the council year.

    ``first_number`` starts the year's numbering where the paper records left off (a council that starts using
    the system mid-year); it is refused once the year has a minute here, so numbers never clash or jump.
    """
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    _editable(minutes)
    meeting = minutes.meeting
    minute = Minute(minutes=minutes, committee_id=meeting.committee_id, council_year=council_year(meeting.date))
    _apply(minute, values, MINUTE_FIELDS)
    _clean_minute(minute, minutes)
    # Serialised by the committee's row, so two clerks adding minutes at once never take the same number.
    type(meeting.committee).objects.select_for_update().get(pk=meeting.committee_id)
    last = Minute.objects.filter(committee_id=minute.committee_id, council_year=minute.council_year).aggregate(
        top=Max("number")
    )["top"]
    if first_number is not None:
        if last is not None:
            raise ValidationError({"number": [f"This council year's minutes are already numbered (last: {last})"]})
        minute.number = first_number
    else:
        minute.number = (last or 0) + 1
    minute.full_clean()
    minute.save()
    return minute


@transaction.atomic
def minute_update(*, minute: Minute, values: Mapping[str, Any], lock_version: int | None) -> Minute:
    """Change a minute's text; refused once the minutes are confirmed (a correction is a new record)."""
    minute = Minute.objects.select_related("minutes").get(pk=minute.pk)
    lock_bump(instance=minute, submitted=lock_version)
    _editable(minute.minutes)
    _apply(minute, values, MINUTE_FIELDS)
    _clean_minute(minute, minute.minutes)
    minute.full_clean()
    minute.save()
    return minute


@transaction.atomic
def minutes_publish(*, minutes: Minutes, published_on: datetime.date) -> Minutes:
    """Publish the draft as unconfirmed minutes, and queue them as the next meeting's A4 paper."""
    from ..cycle_tasks import attach_minutes_to_next_meeting  # the task module imports this one

    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError({"published_on": ["These minutes have already been published"]})
    if not minutes.entries.exists():
        raise ValidationError({"published_on": ["Add the minutes before publishing them"]})
    if published_on < minutes.meeting.date:
        raise ValidationError({"published_on": ["Minutes cannot be published before the meeting was held"]})
    minutes.status = MinutesStatus.UNCONFIRMED
    minutes.published_on = published_on
    minutes.full_clean()
    minutes.save(update_fields=["status", "published_on"])
    transaction.on_commit(lambda: attach_minutes_to_next_meeting.delay(minutes.pk))
    return minutes


@transaction.atomic
def minutes_confirm(*, minutes: Minutes, at_meeting: Meeting, signed_by: str) -> Minutes:
    """Record that a later meeting agreed the minutes as a correct record and the chair signed them."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if minutes.status != MinutesStatus.UNCONFIRMED:
        raise ValidationError("Only published, unconfirmed minutes can be confirmed")
    errors = {}
    if at_meeting.committee_id != minutes.meeting.committee_id or at_meeting.date <= minutes.meeting.date:
        errors["at_meeting"] = ["Choose a later meeting of the same committee"]
    if not signed_by.strip():
        errors["signed_by"] = ["Enter the name of the chair who signed the minutes"]
    if errors:
        raise ValidationError(errors)
    minutes.status = MinutesStatus.CONFIRMED
    minutes.confirmed_at = at_meeting
    minutes.signed_by = signed_by.strip()
    minutes.full_clean()
    minutes.save(update_fields=["status", "confirmed_at", "signed_by"])
    return minutes


@transaction.atomic
def minute_correction_add(*, minute: Minute, text: str, agreed_on: datetime.date) -> MinuteCorrection:
    """A correction to a confirmed minute, as a record of its own."""
    if Minutes.objects.get(pk=minute.minutes_id).status != MinutesStatus.CONFIRMED:
        raise ValidationError({"text": ["Minutes not yet confirmed are corrected by editing them"]})
    correction = MinuteCorrection(minute=minute, text=text, agreed_on=agreed_on)
    correction.full_clean()
    correction.save()
    return correction
