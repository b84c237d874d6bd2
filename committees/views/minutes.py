"""Minutes over HTTP: democratic services write them; anyone reads the published, public version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcc_planning.forms import error_list
from kcc_planning.locking import EditConflict, LockVersionForm, conflict_context

from ..forms_minutes import (
    AttendanceForm,
    ConfirmMinutesForm,
    CorrectionForm,
    DeclarationForm,
    MinuteForm,
    PublishMinutesForm,
)
from ..minutes_paper import minutes_context
from ..models import Attendance, Meeting, Minute, Minutes, MinutesStatus
from ..services import minutes as services
from .access import meeting_for
from .decisions import add_errors

FORMS = {
    "attendance": AttendanceForm,
    "declaration": DeclarationForm,
    "minute": MinuteForm,
    "publish": PublishMinutesForm,
    "confirm": ConfirmMinutesForm,
}


def _minutes(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("meeting__committee", "confirmed_at").first()


def _page(request, meeting: Meeting, minutes: Minutes | None, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    forms = {}
    for name, form_class in FORMS.items():  # the correction form is bound under "correction" (below)
        if name in bound:
            forms[name] = bound[name]
        elif name in {"attendance", "declaration", "minute", "confirm"}:
            forms[name] = form_class(meeting=meeting, prefix=name)
        else:
            forms[name] = form_class(prefix=name, initial={"published_on": timezone.localdate()})
    context = minutes_context(minutes, public=False) if minutes else {"meeting": meeting, "minutes": None}
    return render(
        request,
        "committees/minutes/minutes.html",
        context
        | {
            "meeting": meeting,
            "forms": forms,
            "errors": error_list(*bound.values()) if bound else [],
            "correction_form": bound.get("correction") or CorrectionForm(prefix="correction"),
        },
        status=status,
    )


@login_required
@require_GET
def minutes_detail(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    return _page(request, meeting, _minutes(meeting))


@login_required
@require_POST
def minutes_start(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    services.minutes_start(meeting=meeting)
    messages.success(request, "Minutes started from the committee's membership: mark apologies and substitutes.")
    return redirect("committees:minutes_detail", meeting_id=meeting.pk)


def _post_form(request, meeting: Meeting, name: str, write) -> object:
    """Bind the named form, run ``write(minutes, cleaned_data)``; back to the page with errors, or redirect."""
    minutes = _minutes(meeting)
    if minutes is None:
        raise Http404("Start the minutes first")
    form_class = FORMS[name]
    kwargs = {"meeting": meeting} if name in {"attendance", "declaration", "minute", "confirm"} else {}
    form = form_class(request.POST, prefix=name, **kwargs)
    if form.is_valid():
        try:
            message = write(minutes, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("committees:minutes_detail", meeting_id=meeting.pk)
    return _page(request, meeting, minutes, bound={name: form}, status=400)


@login_required
@require_POST
def attendance_add(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")

    def write(minutes, data):
        row = services.attendance_add(minutes=minutes, values=data)
        return f"{row.name} added to the attendance."

    return _post_form(request, meeting, "attendance", write)


@login_required
@require_POST
def attendance_mark(request, meeting_id: int, row_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    row = get_object_or_404(Attendance, pk=row_id, minutes__meeting=meeting)
    try:
        services.attendance_mark(minutes=row.minutes, row=row, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{row.name}: {row.get_kind_display().lower()}.")
    return redirect("committees:minutes_detail", meeting_id=meeting.pk)


@login_required
@require_POST
def declaration_add(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")

    def write(minutes, data):
        services.declaration_add(minutes=minutes, values=data)
        return "Declaration of interest recorded."

    return _post_form(request, meeting, "declaration", write)


@login_required
@require_POST
def minute_add(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")

    def write(minutes, data):
        minute = services.minute_add(minutes=minutes, values=data)
        return f"Minute {minute.number} added."

    return _post_form(request, meeting, "minute", write)


@login_required
@require_POST
def minutes_publish(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")

    def write(minutes, data):
        services.minutes_publish(minutes=minutes, published_on=data["published_on"])
        return "Minutes published as unconfirmed; they go to the next meeting's agenda as its minutes item."

    return _post_form(request, meeting, "publish", write)


@login_required
@require_POST
def minutes_confirm(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")

    def write(minutes, data):
        services.minutes_confirm(minutes=minutes, at_meeting=data["at_meeting"], signed_by=data["signed_by"])
        return "Minutes confirmed and signed: they can no longer be changed."

    return _post_form(request, meeting, "confirm", write)


@login_required
@require_http_methods(["GET", "POST"])
def minute_edit(request, meeting_id: int, minute_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    minute = get_object_or_404(Minute.objects.select_related("minutes"), pk=minute_id, minutes__meeting=meeting)
    if minute.minutes.status == MinutesStatus.CONFIRMED:
        messages.info(request, "These minutes are confirmed: record a correction instead.")
        return redirect("committees:minutes_detail", meeting_id=meeting.pk)
    form = MinuteForm(request.POST or None, instance=minute, meeting=meeting)
    lock_form = LockVersionForm.for_instance(minute, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.minute_update(minute=minute, values=form.cleaned_data, lock_version=lock_form.submitted)
        except ValidationError as error:
            add_errors(form, error)
        except EditConflict as error:
            conflict = conflict_context(error, form=form, noun="minute")
            lock_form = LockVersionForm.for_instance(error.saved)
        else:
            messages.success(request, f"Minute {minute.number} saved.")
            return redirect("committees:minutes_detail", meeting_id=meeting.pk)
    return render(
        request,
        "committees/minutes/minute_form.html",
        {
            "meeting": meeting,
            "minute": minute,
            "form": form,
            "lock_form": lock_form,
            "conflict": conflict,
            "errors": error_list(form),
        },
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def correction_add(request, meeting_id: int, minute_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    minute = get_object_or_404(Minute.objects.select_related("minutes"), pk=minute_id, minutes__meeting=meeting)
    form = CorrectionForm(request.POST, prefix="correction")
    if form.is_valid():
        try:
            services.minute_correction_add(minute=minute, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Correction to minute {minute.number} recorded.")
            return redirect("committees:minutes_detail", meeting_id=meeting.pk)
    return _page(request, meeting, _minutes(meeting), bound={"correction": form}, status=400)


@require_GET
def public_minutes(request, meeting_id: int):
    """Published minutes without sign-in: unconfirmed until agreed; exempt minutes by title and paragraph only."""
    minutes = (
        Minutes.objects.exclude(status=MinutesStatus.DRAFT)
        .select_related("meeting__committee", "confirmed_at")
        .filter(meeting_id=meeting_id)
        .first()
    )
    if minutes is None:
        raise Http404("These minutes have not been published")
    return render(request, "committees/public/minutes.html", minutes_context(minutes, public=True))
