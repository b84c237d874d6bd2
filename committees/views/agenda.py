"""Agenda items, cover reports, uploaded papers and appendices over HTTP (democratic services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcc_planning.forms import error_list, form_errors_add
from kcc_planning.locking import EditConflict, LockVersionForm, conflict_context

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    AppendixForm,
    CoverReportForm,
    UploadForm,
)
from ..models import AgendaItem, AgendaSection, Appendix, PaperKind
from .access import item_for, meeting_for, meeting_url, paper_for

CONFIRM_TEMPLATE = "includes/confirm_delete.html"


def _item_name(item: AgendaItem) -> str:
    """The item as the agenda shows it: "B1 Annual Business Plans"."""
    return f"{selectors.item_number(item=item)} {item.title}".strip()


def _paper_links(meeting_id: int, item_id: int) -> str:
    """The next step after adding an item: its papers (links styled for the success banner)."""
    return format_html(
        '<a class="govuk-notification-banner__link" href="{}">write a cover report</a> or '
        '<a class="govuk-notification-banner__link" href="{}">upload a PDF</a>',
        reverse("committees:report_create", args=[meeting_id, item_id]),
        reverse("committees:paper_upload", args=[meeting_id, item_id]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_create(meeting=meeting, values=form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        else:
            messages.success(
                request,
                format_html("Item {} added. Next, {} for it.", _item_name(item), _paper_links(meeting.pk, item.pk)),
            )
            return redirect(meeting_url(meeting.pk, f"item-{item.pk}"))
    return render(
        request,
        "committees/item_form.html",
        {"meeting": meeting, "form": form, "errors": error_list(form), "item": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, meeting_id: int, item_id: int):
    item = item_for(request, meeting_id, item_id)
    form = AgendaItemForm(request.POST or None, instance=item)
    lock_form = LockVersionForm.for_instance(item, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(item=item, values=form.cleaned_data, lock_version=lock_form.submitted)
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        except EditConflict as error:
            conflict = conflict_context(error, form=form, noun="agenda item")
            lock_form = LockVersionForm.for_instance(error.saved)  # a second save knowingly replaces theirs
        else:
            messages.success(request, f"Item {_item_name(item)} saved.")
            return redirect(meeting_url(meeting_id, f"item-{item.pk}"))
    return render(
        request,
        "committees/item_form.html",
        {
            "meeting": item.meeting,
            "form": form,
            "errors": error_list(form),
            "item": item,
            "lock_form": lock_form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
@require_POST
def item_move(request, meeting_id: int, item_id: int):
    """The no-JavaScript reorder: "Move up" / "Move down" buttons."""
    item = item_for(request, meeting_id, item_id)
    services.agenda_item_move(item=item, direction=request.POST.get("direction", ""))
    messages.success(request, f"Item moved: it is now {_item_name(item)}.")
    return redirect(meeting_url(meeting_id, f"item-{item.pk}"))


@login_required
@require_POST
def section_reorder(request, meeting_id: int, section: str):
    """The drag-and-drop reorder (static/js/agenda_reorder.js posts the new order of a section's items)."""
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
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
@require_http_methods(["GET", "POST"])
def item_delete(request, meeting_id: int, item_id: int):
    """GET asks first (naming the item and every paper that goes with it); only the POST deletes."""
    item = item_for(request, meeting_id, item_id)
    name = _item_name(item)
    if request.method == "POST":
        services.agenda_item_delete(item=item)
        messages.success(request, f"Item {name} and its papers deleted.")
        return redirect(meeting_url(meeting_id))
    papers = [paper.title for paper in item.papers.all()]
    return render(
        request,
        CONFIRM_TEMPLATE,
        {
            "breadcrumbs": "committees/_breadcrumbs.html",
            "meeting": item.meeting,
            "heading": f"Delete item {name}?",
            "caption": str(item.meeting),
            "goes": papers,
            "goes_intro": "These papers are deleted with it:" if papers else "The item has no papers.",
            "button": "Delete this item and its papers",
            "cancel_url": reverse("committees:item_edit", args=[meeting_id, item.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, meeting_id: int, item_id: int):
    item = item_for(request, meeting_id, item_id)
    form = CoverReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.cover_report_create(item=item, values=form.cleaned_data)
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        else:
            messages.success(request, f"Cover report “{paper.title}” saved. Next, add any appendices below.")
            return redirect("committees:paper_detail", meeting_id=meeting_id, paper_id=paper.pk)
    return render(
        request,
        "committees/report_form.html",
        {"meeting": item.meeting, "item": item, "form": form, "errors": error_list(form), "paper": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, meeting_id: int, paper_id: int):
    paper = paper_for(request, meeting_id, paper_id)
    if paper.kind != PaperKind.COVER_REPORT:
        raise Http404("Not a cover report")
    form = CoverReportForm(request.POST or None, instance=paper)
    lock_form = LockVersionForm.for_instance(paper, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.cover_report_update(paper=paper, values=form.cleaned_data, lock_version=lock_form.submitted)
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        except EditConflict as error:
            conflict = conflict_context(error, form=form, noun="cover report")
            lock_form = LockVersionForm.for_instance(error.saved)  # a second save knowingly replaces theirs
        else:
            messages.success(request, f"Cover report “{paper.title}” saved.")
            return redirect("committees:paper_detail", meeting_id=meeting_id, paper_id=paper.pk)
    return render(
        request,
        "committees/report_form.html",
        {
            "meeting": paper.item.meeting,
            "item": paper.item,
            "form": form,
            "errors": error_list(form),
            "paper": paper,
            "lock_form": lock_form,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_upload(request, meeting_id: int, item_id: int):
    item = item_for(request, meeting_id, item_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_upload(item=item, title=form.cleaned_data["title"], upload=form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            pages = f"{paper.page_count} page{'s' if paper.page_count != 1 else ''}"
            messages.success(request, f"“{paper.title}” uploaded ({pages}). It is printed in the next pack you build.")
            return redirect(meeting_url(meeting_id, f"item-{item.pk}"))
    return render(
        request,
        "committees/upload_form.html",
        {"meeting": item.meeting, "item": item, "form": form, "errors": error_list(form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper_detail(request, meeting_id: int, paper_id: int):
    """A paper's page: its appendices, and (for democratic services) the form to add one."""
    paper = paper_for(request, meeting_id, paper_id, perm="committees.view_meeting")
    if paper.item.exempt and not request.user.has_perm("committees.view_full_pack", paper.item.meeting):
        raise PermissionDenied
    may_manage = request.user.has_perm("committees.manage_meeting", paper.item.meeting)
    form = None
    if may_manage and paper.kind == PaperKind.COVER_REPORT:
        form = AppendixForm(request.POST or None, choices=selectors.appendix_choices())
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            kind, document_id = form.chosen_document()
            try:
                services.appendix_add(
                    paper=paper,
                    title=form.cleaned_data["title"],
                    kind=kind,
                    document_id=document_id,
                    continues_previous=form.cleaned_data["continues_previous"],
                    options=form.chosen_options(),
                )
            except ValidationError as error:
                form.add_error("document", "; ".join(error.messages))
            else:
                messages.success(request, f"Appendix “{form.cleaned_data['title']}” added.")
                return redirect("committees:paper_detail", meeting_id=meeting_id, paper_id=paper.pk)
    from ..packs.builder import appendix_labels

    appendices = selectors.paper_appendices(paper=paper)
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
@require_http_methods(["GET", "POST"])
def paper_delete(request, meeting_id: int, paper_id: int):
    """GET asks first (naming the paper and its appendices); only the POST removes it."""
    paper = paper_for(request, meeting_id, paper_id)
    item_id = paper.item_id
    if request.method == "POST":
        services.paper_delete(paper=paper)
        messages.success(request, f"Paper “{paper.title}” removed from item {_item_name(paper.item)}.")
        return redirect(meeting_url(meeting_id, f"item-{item_id}"))
    appendices = [appendix.title for appendix in selectors.paper_appendices(paper=paper)]
    return render(
        request,
        CONFIRM_TEMPLATE,
        {
            "breadcrumbs": "committees/_breadcrumbs.html",
            "meeting": paper.item.meeting,
            "heading": f"Remove the paper “{paper.title}”?",
            "caption": f"{paper.item.meeting}: item {_item_name(paper.item)}",
            "goes": appendices,
            "goes_intro": "Its appendices are removed with it:" if appendices else "",
            "button": "Remove this paper",
            "cancel_url": reverse("committees:paper_detail", args=[meeting_id, paper.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def appendix_delete(request, meeting_id: int, appendix_id: int):
    """GET asks first; only the POST removes the appendix (the document it printed stays)."""
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    try:
        appendix = selectors.appendix_get(meeting=meeting, appendix_id=appendix_id)
    except Appendix.DoesNotExist:
        raise Http404("No such appendix") from None
    paper_id = appendix.paper_id
    if request.method == "POST":
        services.appendix_delete(appendix=appendix)
        messages.success(request, f"Appendix “{appendix.title}” removed.")
        return redirect("committees:paper_detail", meeting_id=meeting_id, paper_id=paper_id)
    return render(
        request,
        CONFIRM_TEMPLATE,
        {
            "breadcrumbs": "committees/_breadcrumbs.html",
            "meeting": meeting,
            "heading": f"Remove the appendix “{appendix.title}”?",
            "caption": f"{meeting}: {appendix.paper.title}",
            "goes": [],
            "goes_intro": "The document it prints is not deleted: only this report stops printing it.",
            "button": "Remove appendix",
            "cancel_url": reverse("committees:paper_detail", args=[meeting_id, paper_id]),
        },
    )


@never_cache
@login_required
@require_GET
def paper_file(request, meeting_id: int, paper_id: int):
    """An uploaded paper, served from private storage (exempt items: full pack readers only)."""
    paper = paper_for(request, meeting_id, paper_id, perm="committees.view_meeting")
    if paper.item.exempt and not request.user.has_perm("committees.view_full_pack", paper.item.meeting):
        raise PermissionDenied
    if paper.kind != PaperKind.UPLOAD:
        raise Http404("Not an uploaded paper")
    handle = selectors.paper_file_open(paper=paper)
    if handle is None:
        raise Http404("The file is not available.")
    return FileResponse(
        handle, as_attachment=True, filename=paper.original_name or "paper.pdf", content_type="application/pdf"
    )
