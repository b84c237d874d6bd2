"""Meetings over HTTP: the list, a new meeting, a meeting's agenda page (democratic services).

Exempt papers and full packs need ``committees.view_full_pack``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kcc_planning.forms import error_list, form_errors_add

from .. import selectors, services
from ..clear_days import publication_date_check
from ..forms import (
    BuildForm,
    MeetingForm,
    PublishForm,
)
from ..selectors_supplements import meeting_supplements
from ..services.notices import private_notice_warnings
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
            messages.success(request, f"Meeting on {meeting.date:%-d %B %Y} added. Next, add its agenda items.")
            return redirect("committees:meeting_detail", meeting_id=meeting.pk)
    return render(request, "committees/meeting_form.html", {"form": form, "errors": error_list(form)})


@login_required
@require_GET
def meeting_detail(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.view_meeting")
    return meeting_page(request, meeting)


def meeting_page(request, meeting, *, build_form: BuildForm | None = None, status: int = 200):
    """The meeting's page; ``pack_build`` shows it again with its form when the date of publication is refused."""
    publication = selectors.latest_publication(meeting=meeting)
    publish_by = selectors.clear_days_status(meeting=meeting, publication=None).publish_by
    if build_form is None:
        build_form = BuildForm(initial={"published_on": publish_by}, meeting_date=meeting.date)
    builds = sorted(selectors.main_builds(meeting=meeting), key=lambda build: build.created_at, reverse=True)
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
            # The default date's own warnings (e.g. a 2013 meeting's date is more than a year ago), said up front.
            "publish_by_warnings": publication_date_check(
                published_on=publish_by, meeting=meeting.date, today=timezone.localdate()
            ).warnings,
            "may_manage": request.user.has_perm("committees.manage_meeting", meeting),
            # Regulation 5: a missed notice of a private meeting is said where the clerk works (services/notices.py).
            "notice_warnings": private_notice_warnings(meeting=meeting, today=timezone.localdate()),
            "may_view_full": request.user.has_perm("committees.view_full_pack", meeting),
            "build_form": build_form,
            "errors": error_list(build_form) if build_form.is_bound else [],
            "publish_form": PublishForm(),
            "supplements": meeting_supplements(meeting=meeting),
        },
        status=status,
    )
