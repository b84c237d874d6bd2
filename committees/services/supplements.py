"""Writes for supplementary agenda packs (issue 13): issue one after the pack is published, and build it again.

A supplement is built and published through the pack pipeline (``pack_build_request`` with the supplement,
``pack_publish``): the main pack's build, files and publication are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from ..agenda import number_items
from ..models import AgendaItem, Meeting, PackBuild, Supplement, SupplementNumbering
from .packs import pack_build_request

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def supplement_issue(
    *,
    meeting: Meeting,
    items: Iterable[AgendaItem],
    reason: str,
    numbering: str = SupplementNumbering.RUN_ON,
    created_by: User | None,
) -> PackBuild:
    """Number the meeting's next supplement, record its items and the chair's reason, and queue its build.

    Refused (``ValidationError`` by field) before the pack is published, without an item, with an item of another
    meeting or one without papers, and without a reason.
    """
    # The meeting's row lock numbers its supplements one at a time (no join: safe on PostgreSQL).
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not PackBuild.objects.filter(meeting=meeting, supplement__isnull=True, published_at__isnull=False).exists():
        raise ValidationError({"items": "Publish the agenda pack first: a supplement adds papers to a published pack"})
    items = list(items)
    errors: dict[str, list[str]] = {}
    numbers = {entry.item.pk: entry.number for entry in number_items(AgendaItem.objects.filter(meeting=meeting))}
    if not items:
        errors["items"] = ["Select at least one item for the supplement"]
    elif any(item.pk not in numbers for item in items):
        errors["items"] = ["Select items of this meeting's agenda"]
    else:
        bare = [numbers[item.pk] for item in items if not item.papers.exists()]
        if bare:
            errors["items"] = [f"Item {', '.join(bare)} has no paper yet: attach its paper first"]
    if not reason.strip():
        errors["reason"] = ["Enter the chair's reason for taking the items as urgent"]
    number = (Supplement.objects.filter(meeting=meeting).aggregate(last=Max("number"))["last"] or 0) + 1
    supplement = Supplement(
        meeting=meeting,
        number=number,
        reason=reason.strip(),
        numbering=numbering,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    try:
        supplement.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    supplement.save()
    supplement.items.set(items)
    return pack_build_request(meeting=meeting, requested_by=created_by, supplement=supplement)


@transaction.atomic
def supplement_rebuild(*, supplement: Supplement, requested_by: User | None) -> PackBuild:
    """Queue another build of a supplement (after a failed build, or to number it on from a republished pack)."""
    return pack_build_request(meeting=supplement.meeting, requested_by=requested_by, supplement=supplement)
