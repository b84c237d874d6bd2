"""Notices that a meeting will be held partly in private (regulation 5 of the 2012 Regulations).

The text is generated from the agenda (the exempt items by their public titles and Schedule 12A paragraphs), so
it always matches what the public agenda will say; the clerk gives it at 28 clear days and again at 5.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from ..agenda import number_items
from ..decision_dates import private_meeting_notice_check
from ..models import Meeting, PrivateMeetingNotice


def private_notice_text(*, meeting: Meeting, stage: str) -> str:
    """The notice as published: which items, why, and how to make representations."""
    exempt = [entry for entry in number_items(meeting.items.all()) if entry.item.exempt]
    lines = [
        f"Notice is given under regulation 5 of the Local Authorities (Executive Arrangements) (Meetings and Access "
        f"to Information) (England) Regulations 2012 that part of the meeting of the {meeting.committee.name} on "
        f"{meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y} at {meeting.venue} will be held in private, "
        f"because the following items are likely to disclose exempt information:",
        "",
    ]
    for entry in exempt:
        lines.append(
            f"{entry.number} {entry.item.display_public_title}: paragraph {entry.item.exempt_paragraph} of Part 1 "
            f"of Schedule 12A to the Local Government Act 1972."
        )
    lines += [
        "",
        f"Anyone may make representations about why these items should be considered in public to "
        f"{meeting.clerk_name} ({meeting.clerk_telephone}), Democratic Services.",
    ]
    if stage == PrivateMeetingNotice.Stage.FINAL:
        lines += ["", "This is the further notice given at least five clear days before the meeting."]
    return "\n".join(lines)


@transaction.atomic
def private_notice_give(*, meeting: Meeting, stage: str, given_on: datetime.date) -> PrivateMeetingNotice:
    """Record the notice of ``stage`` given on ``given_on``; a meeting with no exempt item needs none."""
    if stage not in PrivateMeetingNotice.Stage.values:
        raise ValidationError({"stage": ["Choose the 28-day or the 5-day notice"]})
    if not meeting.items.filter(exempt=True).exists():
        raise ValidationError({"stage": ["This meeting has no exempt items, so it needs no notice of privacy"]})
    if given_on > meeting.date:
        raise ValidationError({"given_on": ["A notice cannot be given after the meeting"]})
    if PrivateMeetingNotice.objects.filter(meeting=meeting, stage=stage).exists():
        raise ValidationError({"stage": ["That notice has already been given"]})
    notice = PrivateMeetingNotice(
        meeting=meeting, stage=stage, given_on=given_on, text=private_notice_text(meeting=meeting, stage=stage)
    )
    notice.full_clean()
    notice.save()
    return notice


@transaction.atomic
def private_notice_representations(*, notice: PrivateMeetingNotice, text: str) -> PrivateMeetingNotice:
    """Record the representations received about a notice and the council's response."""
    notice.representations = text
    notice.full_clean()
    notice.save(update_fields=["representations"])
    return notice


def private_notice_warnings(*, meeting: Meeting, today: datetime.date) -> list[str]:
    """What the meeting page warns about: a notice missed or given too late (none when nothing is exempt)."""
    if not any(item.exempt for item in meeting.items.all()):
        return []
    given = {notice.stage: notice.given_on for notice in meeting.private_notices.all()}
    return private_meeting_notice_check(
        meeting=meeting.date,
        first_notice=given.get(PrivateMeetingNotice.Stage.FIRST),
        final_notice=given.get(PrivateMeetingNotice.Stage.FINAL),
        today=today,
    ).warnings
