"""Agenda packs over HTTP: build, follow, publish, download (members download full packs)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kcc_planning.forms import error_list, form_errors_add

from .. import selectors, services
from ..forms import (
    BuildForm,
    PublishForm,
)
from ..models import PackBuild, Visibility
from .access import meeting_for, meeting_url
from .meetings import meeting_page


@login_required
@require_POST
def pack_build(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    form = BuildForm(request.POST, meeting_date=meeting.date)
    if form.is_valid():
        try:
            build = services.pack_build_request(
                meeting=meeting, requested_by=request.user, published_on=form.cleaned_data["published_on"]
            )
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        else:
            messages.success(
                request, "The full and public packs are being built. Next, check both packs, then publish them here."
            )
            for warning in form.warnings:
                messages.warning(request, f"{warning}.")
            return redirect("committees:pack_build_status", meeting_id=meeting.pk, build_id=build.pk)
    return meeting_page(request, meeting, build_form=form, status=400)


def _build(request, meeting_id: int, build_id, perm: str) -> PackBuild:
    meeting = meeting_for(request, meeting_id, perm)
    try:
        return selectors.pack_build_get(meeting=meeting, build_id=build_id)
    except PackBuild.DoesNotExist:
        raise Http404("No such pack build") from None


def _build_page(request, build: PackBuild, publish_form: PublishForm, status: int = 200):
    """The build's page: its progress, its files and (once it is done) the form to publish it."""
    return render(
        request,
        "committees/build_status.html",
        {
            "meeting": build.meeting,
            "build": build,
            "full": selectors.pack_file(build=build, visibility=Visibility.FULL),
            "public": selectors.pack_file(build=build, visibility=Visibility.PUBLIC),
            "may_view_full": request.user.has_perm("committees.view_full_pack", build.meeting),
            "may_manage": request.user.has_perm("committees.manage_meeting", build.meeting),
            "status_url": reverse("committees:pack_build_status", args=[build.meeting_id, build.pk]),
            "publish_form": publish_form,
            "errors": error_list(publish_form),
            "untagged": selectors.untagged_uploads(meeting=build.meeting),
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def pack_build_status(request, meeting_id: int, build_id):
    build = _build(request, meeting_id, build_id, "committees.view_meeting")
    if request.GET.get("format") == "json":
        # Polled by static/js/render_job.js while the build is queued or running.
        return JsonResponse(
            {
                "status": build.status,
                "status_label": build.status_label,
                "progress": build.progress,
                "progress_hidden": build.progress_hidden,
                "finished": build.is_finished,
            }
        )
    return _build_page(request, build, PublishForm())


@login_required
@require_POST
def pack_publish(request, meeting_id: int, build_id):
    build = _build(request, meeting_id, build_id, "committees.manage_meeting")
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            build = services.pack_publish(
                build=build, published_by=request.user, change_note=form.cleaned_data["change_note"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("change_note", message)
        else:
            messages.success(
                request,
                format_html(
                    "Version {} of {} is published. The public can now read the agenda and download the public "
                    'pack: <a class="govuk-notification-banner__link" href="{}">view the public meeting page</a>.',
                    build.version,
                    build.supplement.title.lower() if build.supplement_id else "the packs",
                    reverse("committees_public:meeting_detail", args=[meeting_id]),
                ),
            )
            return redirect(meeting_url(meeting_id, "supplements" if build.supplement_id else "packs"))
    return _build_page(request, build, form, status=400)


def serve_pack(build: PackBuild, visibility: str) -> FileResponse:
    record = selectors.pack_file(build=build, visibility=visibility)
    handle = selectors.pack_file_open(record=record) if record else None
    if handle is None:
        raise Http404("The pack is not available.")
    meeting = build.meeting
    kind = "full pack" if visibility == Visibility.FULL else "public pack"
    version = f" v{build.version}" if build.version else ""
    document = f"agenda {build.supplement.title.lower()}" if build.supplement_id else "agenda"
    name = f"{meeting.committee.name} {meeting.date:%Y-%m-%d} {document} {kind}{version}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@never_cache
@login_required
@require_GET
def pack_download(request, meeting_id: int, build_id, visibility: str):
    build = _build(request, meeting_id, build_id, "committees.view_meeting")
    if visibility == Visibility.FULL:
        if not request.user.has_perm("committees.view_full_pack", build.meeting):
            raise PermissionDenied
    elif visibility != Visibility.PUBLIC:
        raise Http404("No such pack")
    return serve_pack(build, visibility)
