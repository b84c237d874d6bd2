"""Supplementary agenda packs over HTTP: issue one, build it again; its build page, publishing and downloads are the
pack's own (``views.packs``), and the public page lists the published ones (``views.public_supplements``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from kcc_planning.forms import error_list, form_errors_add

from .. import selectors, services
from ..forms_supplements import SupplementForm
from ..models import AgendaItem, Supplement
from ..packs.appendices import PackError
from ..selectors_supplements import supplement_candidates
from .access import meeting_for


@login_required
@require_http_methods(["GET", "POST"])
def supplement_create(request, meeting_id: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    publication = selectors.latest_publication(meeting=meeting)
    try:
        entries, changed = supplement_candidates(meeting=meeting)
    except PackError as error:  # a paper that cannot be printed now (a damaged plan snapshot)
        messages.error(request, str(error))
        entries, changed = [], set()
    form = SupplementForm(request.POST or None, entries=entries, initial={"items": sorted(changed)})
    if request.method == "POST" and form.is_valid():
        items = AgendaItem.objects.filter(meeting=meeting, pk__in=form.cleaned_data["items"])
        try:
            build = services.supplement_issue(
                meeting=meeting,
                items=items,
                reason=form.cleaned_data["reason"],
                numbering=form.cleaned_data["numbering"],
                created_by=request.user,
            )
        except ValidationError as error:
            form_errors_add(form, error.message_dict)
        else:
            messages.success(
                request, f"{build.supplement.title} is being built. Next, check both versions, then publish it here."
            )
            return redirect("committees:pack_build_status", meeting_id=meeting.pk, build_id=build.pk)
    return render(
        request,
        "committees/supplement_form.html",
        {"meeting": meeting, "publication": publication, "form": form, "errors": error_list(form)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def supplement_rebuild(request, meeting_id: int, number: int):
    meeting = meeting_for(request, meeting_id, "committees.manage_meeting")
    supplement = get_object_or_404(Supplement, meeting=meeting, number=number)
    build = services.supplement_rebuild(supplement=supplement, requested_by=request.user)
    messages.success(request, f"{supplement.title} is being built again.")
    return redirect("committees:pack_build_status", meeting_id=meeting.pk, build_id=build.pk)
