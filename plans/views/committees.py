"""Meetings, agendas, papers and packs over HTTP (democratic services; members download full packs).

Every view checks its permission on the meeting: anonymous → sign-in page,
not allowed → 403; exempt papers and full packs need ``plans.view_full_pack``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcc_planning.forms import error_list

from ..models import AgendaItem, AgendaSection, Appendix, Meeting, PackBuild, Paper, PaperKind, Visibility
from ..packs import selectors, services, uploads
from ..packs.forms import (
    AgendaItemForm,
    AppendixForm,
    BuildForm,
    CoverReportForm,
    MeetingForm,
    PublishForm,
    UploadForm,
)


def _meeting(request, meeting_id: int, perm: str) -> Meeting:
    try:
        meeting = selectors.meeting_get(meeting_id=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def _item(request, meeting_id: int, item_id: int, perm: str = "plans.manage_meeting") -> AgendaItem:
    meeting = _meeting(request, meeting_id, perm)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__committee"), pk=item_id, meeting=meeting)
    return item


def _paper(request, meeting_id: int, paper_id: int, perm: str = "plans.manage_meeting") -> Paper:
    meeting = _meeting(request, meeting_id, perm)
    return get_object_or_404(
        Paper.objects.select_related("item__meeting__committee"), pk=paper_id, item__meeting=meeting
    )


def _detail_url(meeting_id: int, anchor: str = "") -> str:
    return reverse("plans:meeting_detail", args=[meeting_id]) + (f"#{anchor}" if anchor else "")


@login_required
@require_GET
def meeting_list(request):
    if not request.user.has_perm("plans.view_meeting"):
        raise PermissionDenied
    return render(
        request,
        "committees/meeting_list.html",
        {"meetings": selectors.meeting_list(), "may_manage": request.user.has_perm("plans.manage_meeting")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not request.user.has_perm("plans.manage_meeting"):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_save(meeting=form.save(commit=False))
        return redirect("plans:meeting_detail", meeting_id=meeting.pk)
    return render(request, "committees/meeting_form.html", {"form": form, "errors": error_list(form)})


@login_required
@require_GET
def meeting_detail(request, meeting_id: int):
    meeting = _meeting(request, meeting_id, "plans.view_meeting")
    publication = selectors.latest_publication(meeting)
    builds = sorted(meeting.pack_builds.all(), key=lambda build: build.created_at, reverse=True)
    entries = selectors.agenda(meeting)
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
            "clear_days": selectors.clear_days_status(meeting, publication),
            "may_manage": request.user.has_perm("plans.manage_meeting", meeting),
            "may_view_full": request.user.has_perm("plans.view_full_pack", meeting),
            "build_form": BuildForm(initial={"published_on": selectors.clear_days_status(meeting, None).publish_by}),
            "publish_form": PublishForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, meeting_id: int):
    meeting = _meeting(request, meeting_id, "plans.manage_meeting")
    form = AgendaItemForm(request.POST or None, instance=AgendaItem(meeting=meeting))
    if request.method == "POST" and form.is_valid():
        item = services.agenda_item_save(item=form.save(commit=False))
        return redirect(_detail_url(meeting.pk, f"item-{item.pk}"))
    return render(
        request,
        "committees/item_form.html",
        {"meeting": meeting, "form": form, "errors": error_list(form), "item": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, meeting_id: int, item_id: int):
    item = _item(request, meeting_id, item_id)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.agenda_item_save(item=form.save(commit=False))
        return redirect(_detail_url(meeting_id, f"item-{item.pk}"))
    return render(
        request,
        "committees/item_form.html",
        {"meeting": item.meeting, "form": form, "errors": error_list(form), "item": item},
    )


@login_required
@require_POST
def item_move(request, meeting_id: int, item_id: int):
    """The no-JavaScript reorder: "Move up" / "Move down" buttons."""
    item = _item(request, meeting_id, item_id)
    services.agenda_item_move(item=item, direction=request.POST.get("direction", ""))
    return redirect(_detail_url(meeting_id, f"item-{item.pk}"))


@login_required
@require_POST
def section_reorder(request, meeting_id: int, section: str):
    """The drag-and-drop reorder (static/js/agenda_reorder.js posts the new order of a section's items)."""
    meeting = _meeting(request, meeting_id, "plans.manage_meeting")
    if section not in AgendaSection.values:
        raise Http404("No such section")
    try:
        item_ids = [int(value) for value in request.POST.getlist("order")]
        services.agenda_section_reorder(meeting=meeting, section=section, item_ids=item_ids)
    except (ValueError, ValidationError):
        return JsonResponse(
            {"ok": False, "error": "The order could not be saved. Reload the page and try again."}, status=400
        )
    return JsonResponse({"ok": True})


@login_required
@require_POST
def item_delete(request, meeting_id: int, item_id: int):
    item = _item(request, meeting_id, item_id)
    services.agenda_item_delete(item=item)
    return redirect(_detail_url(meeting_id))


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, meeting_id: int, item_id: int):
    item = _item(request, meeting_id, item_id)
    form = CoverReportForm(request.POST or None, instance=Paper(item=item, kind=PaperKind.COVER_REPORT))
    if request.method == "POST" and form.is_valid():
        paper = services.cover_report_save(paper=form.save(commit=False))
        return redirect("plans:paper_detail", meeting_id=meeting_id, paper_id=paper.pk)
    return render(
        request,
        "committees/report_form.html",
        {"meeting": item.meeting, "item": item, "form": form, "errors": error_list(form), "paper": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, meeting_id: int, paper_id: int):
    paper = _paper(request, meeting_id, paper_id)
    if paper.kind != PaperKind.COVER_REPORT:
        raise Http404("Not a cover report")
    form = CoverReportForm(request.POST or None, instance=paper)
    if request.method == "POST" and form.is_valid():
        services.cover_report_save(paper=form.save(commit=False))
        return redirect("plans:paper_detail", meeting_id=meeting_id, paper_id=paper.pk)
    return render(
        request,
        "committees/report_form.html",
        {"meeting": paper.item.meeting, "item": paper.item, "form": form, "errors": error_list(form), "paper": paper},
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_upload(request, meeting_id: int, item_id: int):
    item = _item(request, meeting_id, item_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_upload(item=item, title=form.cleaned_data["title"], upload=form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            return redirect(_detail_url(meeting_id, f"item-{item.pk}"))
    return render(
        request,
        "committees/upload_form.html",
        {"meeting": item.meeting, "item": item, "form": form, "errors": error_list(form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_detail(request, meeting_id: int, paper_id: int):
    """A paper's page: its appendices, and (for democratic services) the form to add one."""
    paper = _paper(request, meeting_id, paper_id, perm="plans.view_meeting")
    if paper.item.exempt and not request.user.has_perm("plans.view_full_pack", paper.item.meeting):
        raise PermissionDenied
    may_manage = request.user.has_perm("plans.manage_meeting", paper.item.meeting)
    form = AppendixForm(request.POST or None) if may_manage and paper.kind == PaperKind.COVER_REPORT else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.appendix_add(appendix=form.appendix(paper))
            except ValidationError as error:
                form.add_error("document", "; ".join(error.messages))
            else:
                return redirect("plans:paper_detail", meeting_id=meeting_id, paper_id=paper.pk)
    from ..packs.builder import appendix_labels

    appendices = list(paper.appendices.all())
    return render(
        request,
        "committees/paper_detail.html",
        {
            "meeting": paper.item.meeting,
            "item": paper.item,
            "paper": paper,
            "appendices": list(zip(appendix_labels(appendices), appendices, strict=True)),
            "form": form,
            "errors": error_list(form) if form is not None else [],
            "may_manage": may_manage,
        },
    )


@login_required
@require_POST
def paper_delete(request, meeting_id: int, paper_id: int):
    paper = _paper(request, meeting_id, paper_id)
    item_id = paper.item_id
    services.paper_delete(paper=paper)
    return redirect(_detail_url(meeting_id, f"item-{item_id}"))


@login_required
@require_POST
def appendix_delete(request, meeting_id: int, appendix_id: int):
    meeting = _meeting(request, meeting_id, "plans.manage_meeting")
    appendix = get_object_or_404(Appendix, pk=appendix_id, paper__item__meeting=meeting)
    paper_id = appendix.paper_id
    services.appendix_delete(appendix=appendix)
    return redirect("plans:paper_detail", meeting_id=meeting_id, paper_id=paper_id)


@never_cache
@login_required
@require_GET
def paper_file(request, meeting_id: int, paper_id: int):
    """An uploaded paper, served from private storage (exempt items: full pack readers only)."""
    paper = _paper(request, meeting_id, paper_id, perm="plans.view_meeting")
    if paper.item.exempt and not request.user.has_perm("plans.view_full_pack", paper.item.meeting):
        raise PermissionDenied
    if paper.kind != PaperKind.UPLOAD:
        raise Http404("Not an uploaded paper")
    path = uploads.resolve(paper.file_name)
    if path is None:
        raise Http404("The file is not available.")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=paper.original_name or "paper.pdf", content_type="application/pdf"
    )


@login_required
@require_POST
def pack_build(request, meeting_id: int):
    meeting = _meeting(request, meeting_id, "plans.manage_meeting")
    form = BuildForm(request.POST)
    if not form.is_valid():
        return redirect(_detail_url(meeting.pk, "packs"))
    build = services.pack_build_request(
        meeting=meeting, requested_by=request.user, published_on=form.cleaned_data["published_on"]
    )
    return redirect("plans:pack_build_status", meeting_id=meeting.pk, build_id=build.pk)


def _build(request, meeting_id: int, build_id, perm: str) -> PackBuild:
    meeting = _meeting(request, meeting_id, perm)
    return get_object_or_404(PackBuild.objects.prefetch_related("files"), pk=build_id, meeting=meeting)


@never_cache
@login_required
@require_GET
def pack_build_status(request, meeting_id: int, build_id):
    build = _build(request, meeting_id, build_id, "plans.view_meeting")
    if request.GET.get("format") == "json":
        # Polled by static/js/render_job.js while the build is queued or running.
        return JsonResponse(
            {
                "status": build.status,
                "status_label": build.get_status_display(),
                "progress": build.progress,
                "finished": build.is_finished,
            }
        )
    return render(
        request,
        "committees/build_status.html",
        {
            "meeting": build.meeting,
            "build": build,
            "full": selectors.pack_file(build, Visibility.FULL),
            "public": selectors.pack_file(build, Visibility.PUBLIC),
            "may_view_full": request.user.has_perm("plans.view_full_pack", build.meeting),
            "may_manage": request.user.has_perm("plans.manage_meeting", build.meeting),
            "status_url": reverse("plans:pack_build_status", args=[meeting_id, build.pk]),
            "publish_form": PublishForm(),
        },
    )


@login_required
@require_POST
def pack_publish(request, meeting_id: int, build_id):
    build = _build(request, meeting_id, build_id, "plans.manage_meeting")
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.pack_publish(build=build, published_by=request.user, change_note=form.cleaned_data["change_note"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("change_note", message)
        else:
            return redirect(_detail_url(meeting_id, "packs"))
    return render(
        request,
        "committees/build_status.html",
        {
            "meeting": build.meeting,
            "build": build,
            "full": selectors.pack_file(build, Visibility.FULL),
            "public": selectors.pack_file(build, Visibility.PUBLIC),
            "may_view_full": request.user.has_perm("plans.view_full_pack", build.meeting),
            "may_manage": True,
            "status_url": reverse("plans:pack_build_status", args=[meeting_id, build.pk]),
            "publish_form": form,
            "errors": error_list(form),
        },
        status=400,
    )


def serve_pack(build: PackBuild, visibility: str) -> FileResponse:
    record = selectors.pack_file(build, visibility)
    path = selectors.pack_file_path(record) if record else None
    if path is None:
        raise Http404("The pack is not available.")
    meeting = build.meeting
    kind = "full pack" if visibility == Visibility.FULL else "public pack"
    version = f" v{build.version}" if build.version else ""
    name = f"{meeting.committee.name} {meeting.date:%Y-%m-%d} agenda {kind}{version}.pdf"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


@never_cache
@login_required
@require_GET
def pack_download(request, meeting_id: int, build_id, visibility: str):
    build = _build(request, meeting_id, build_id, "plans.view_meeting")
    if visibility == Visibility.FULL:
        if not request.user.has_perm("plans.view_full_pack", build.meeting):
            raise PermissionDenied
    elif visibility != Visibility.PUBLIC:
        raise Http404("No such pack")
    return serve_pack(build, visibility)
