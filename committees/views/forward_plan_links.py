"""Putting a plan's key decision in the Forward Plan (issue 13): a new entry from it, or a link to an existing one.

Linked from the plan's pages through ``plans.forward_plan``; after either, the clerk goes back to the plan's priorities.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kcc_planning.forms import error_list

from .. import forward_plan_links as links
from ..forms_decisions import ForwardPlanEntryForm, LinkEntryForm
from ..services import decisions as services
from .decisions import _may_manage, add_errors


def _key_decision(key_decision_id: int):
    try:
        key_decision = links.key_decision_get(key_decision_id=key_decision_id)
    except links.KeyDecision.DoesNotExist:
        raise Http404("No such key decision") from None
    return key_decision


def _back(key_decision) -> str:
    # The plan's read view: democratic services read every plan but edit none, so not the priority's edit page.
    return f"{reverse('plans:plan_read', args=[key_decision.priority.plan_id])}#section-priorities"


def _already_linked(request, key_decision):
    entry = getattr(key_decision, "forward_plan_entry", None)
    if entry is None:
        return None
    messages.info(request, f"This key decision is already in the Forward Plan as {entry.decision_number}.")
    return redirect(_back(key_decision))


@login_required
@require_http_methods(["GET", "POST"])
def key_decision_add(request, key_decision_id: int):
    """A new Forward Plan entry pre-filled from the key decision and its plan, linked to it when saved."""
    _may_manage(request)
    key_decision = _key_decision(key_decision_id)
    if (response := _already_linked(request, key_decision)) is not None:
        return response
    form = ForwardPlanEntryForm(request.POST or None, initial=links.entry_initial(key_decision=key_decision))
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.forward_plan_entry_create(values={**form.cleaned_data, "key_decision": key_decision})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Forward Plan entry {entry.decision_number} added for this key decision. "
                "Publish the Forward Plan to make it public.",
            )
            return redirect(_back(key_decision))
    return render(
        request,
        "committees/decisions/entry_form.html",
        {
            "form": form,
            "errors": error_list(form),
            "entry": None,
            "key_decision": key_decision,
            "back": _back(key_decision),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def key_decision_link(request, key_decision_id: int):
    """Choose the entry of the plan's year that already announces the key decision."""
    _may_manage(request)
    key_decision = _key_decision(key_decision_id)
    if (response := _already_linked(request, key_decision)) is not None:
        return response
    entries = links.unlinked_entries(key_decision=key_decision)
    form = LinkEntryForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.forward_plan_entry_link(entry=form.cleaned_data["entry"], key_decision=key_decision)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The key decision is linked to Forward Plan entry {entry.decision_number}.")
            return redirect(_back(key_decision))
    return render(
        request,
        "committees/decisions/key_decision_link.html",
        {
            "form": form,
            "errors": error_list(form),
            "key_decision": key_decision,
            "entries": entries,
            "back": _back(key_decision),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
