"""Meetings over HTTP: the list, a new meeting, a meeting's agenda page (democratic services).

Exempt papers and full packs need ``committees.view_full_pack``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from kcc_planning.forms import error_list, form_errors_add

from .. import selectors, services
from ..forms import (
    BuildForm,
    MeetingForm,
    PublishForm,
)
from .access import meeting_for


@login_required
@require_GET
def meeting_list(request):
    if not request.user.has_perm("committees.view_meeting"):
        raise PermissionDenied
    return render(
        request,
        "committees/meeting_list.html",
        {"meetings": selectors.meeting_list(), "may_manage": request.user.has_perm("committees.manage_meeting")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not request.user.has_perm("committees.manage_meeting"):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(values=form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        else:
            return redirect("committees:meeting_detail", meeting_id=meeting.pk)
    return render(request, "committees/meeting_form.html", {"form": form, "errors": error_list(form)})


@login_required
@require_GET
def meeting_detail(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.view_meeting")
    publication = selectors.latest_publication(meeting=meeting)
    publish_by = selectors.clear_days_status(meeting=meeting, publication=None).publish_by
    builds = sorted(meeting.pack_builds.all(), key=lambda build: build.created_at, reverse=True)
    entries = selectors.agenda(meeting=meeting)
    sections = []
    for entry in entries:
        if not sections or sections[-1]["letter"] != entry.item.section:
            sections.append({"letter": entry.item.section, "heading": entry.section_heading, "entries": []})
        sections[-1]["entries"].append(entry)
    for section in sections:
        count = len(section["entries"])
        for index, entry in enumerate(section["entries"]):
            entry.first_in_section = index == 0
            entry.last_in_section = index == count - 1
    return render(
        request,
        "committees/meeting_detail.html",
        {
            "meeting": meeting,
            "sections": sections,
            "builds": builds[:10],
            "publication": publication,
            "clear_days": selectors.clear_days_status(meeting=meeting, publication=publication),
            "may_manage": request.user.has_perm("committees.manage_meeting", meeting),
            "may_view_full": request.user.has_perm("committees.view_full_pack", meeting),
            "build_form": BuildForm(initial={"published_on": publish_by}),
            "publish_form": PublishForm(),
        },
    )
