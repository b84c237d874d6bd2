"""Notices of a meeting held partly in private (regulation 5): democratic services give them; anyone reads them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcc_planning.forms import error_list

from ..decision_dates import PRIVATE_FINAL_NOTICE_CLEAR_DAYS
from ..forms_decisions import PrivateNoticeForm, RepresentationsForm
from ..models import Meeting, PrivateMeetingNotice
from ..services.notices import (
    private_notice_give,
    private_notice_representations,
    private_notice_text,
    private_notice_warnings,
)
from .access import meeting_for
from .decisions import add_errors


def _page(request, meeting: Meeting, form: PrivateNoticeForm | None = None, status: int = 200):
    form = form or PrivateNoticeForm(initial={"given_on": timezone.localdate()})
    has_exempt = meeting.items.filter(exempt=True).exists()
    return render(
        request,
        "committees/notices/notices.html",
        {
            "meeting": meeting,
            "notices": list(meeting.private_notices.all()),
            "warnings": private_notice_warnings(meeting=meeting, today=timezone.localdate()),
            "has_exempt": has_exempt,
            "preview": private_notice_text(meeting=meeting, stage="first") if has_exempt else "",
            "form": form,
            "errors": error_list(form) if form.is_bound else [],
            "final_days": PRIVATE_FINAL_NOTICE_CLEAR_DAYS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notices(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    if request.method == "GET":
        return _page(request, meeting)
    form = PrivateNoticeForm(request.POST)
    if form.is_valid():
        try:
            notice = private_notice_give(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"{notice.get_stage_display()} recorded and published on the meeting's notices page."
            )
            return redirect("committees:notices", meeting_id=meeting.pk)
    return _page(request, meeting, form, status=400)


@login_required
@require_POST
def notice_representations(request, meeting_id: int, notice_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    notice = get_object_or_404(PrivateMeetingNotice, pk=notice_id, meeting=meeting)
    form = RepresentationsForm(request.POST)
    if form.is_valid():
        private_notice_representations(notice=notice, text=form.cleaned_data["representations"])
        messages.success(request, "Representations recorded.")
    else:
        messages.error(request, "Enter the representations received and the response.")
    return redirect("committees:notices", meeting_id=meeting.pk)


@require_GET
def public_notices(request, meeting_id: int):
    """The notices given for a meeting, as published (their text names exempt items by public titles only)."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=meeting_id)
    notices = list(meeting.private_notices.all())
    if not notices:
        raise Http404("No notice of a private meeting has been given for this meeting")
    return render(request, "committees/public/notices.html", {"meeting": meeting, "notices": notices})
