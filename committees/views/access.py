"""Fetching a meeting (or its item, paper) with the permission check every committee view makes.

Anonymous → sign-in page (login_required on the views), not allowed → 403, not there → 404.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from kcc_planning.access import object_for

from .. import selectors
from ..models import AgendaItem, Meeting, Paper


def meeting_for(request, meeting_id: int, perm: str) -> Meeting:
    """The meeting, or 404 if there is none; 403 if the user may not ``perm`` it."""
    return object_for(
        request, fetch=lambda: selectors.meeting_get(meeting_id=meeting_id), perm=perm, missing="No such meeting"
    )


def item_for(request, meeting_id: int, item_id: int, perm: str = "committees.manage_meeting") -> AgendaItem:
    meeting = meeting_for(request, meeting_id, perm)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__committee"), pk=item_id, meeting=meeting)
    return item


def paper_for(request, meeting_id: int, paper_id: int, perm: str = "committees.manage_meeting") -> Paper:
    meeting = meeting_for(request, meeting_id, perm)
    return get_object_or_404(
        Paper.objects.select_related("item__meeting__committee"), pk=paper_id, item__meeting=meeting
    )


def meeting_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("committees:meeting_detail", args=[meeting_id]) + (f"#{anchor}" if anchor else "")
