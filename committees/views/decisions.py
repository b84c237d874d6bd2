"""The Forward Plan, decisions and call-in over HTTP (democratic services).

Views speak HTTP only: the rules (28 clear days, call-in window, a published decision stands) are the services'.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kcc_planning.forms import error_list, form_errors_add
from kcc_planning.locking import EditConflict, LockVersionForm, conflict_context

from .. import selectors_decisions as selectors
from ..forms_decisions import (
    CallInForm,
    DecisionForm,
    ForwardPlanEntryForm,
    PublishDecisionForm,
    PublishForwardPlanForm,
    ResolveCallInForm,
)
from ..models import CallIn, Decision, ForwardPlanEntry, ForwardPlanPublication
from ..services import decisions as services


def _may_manage(request) -> None:
    if not request.user.has_perm("committees.manage_decisions"):
        raise PermissionDenied


def add_errors(form, error: ValidationError) -> None:
    """A service's refusal next to its field, or above the form when it concerns the whole record."""
    if hasattr(error, "error_dict"):
        form_errors_add(form, error.message_dict)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
@require_GET
def forward_plan(request):
    _may_manage(request)
    entries = list(selectors.forward_plan_entries(include_decided=True).select_related("decision"))
    for entry in entries:
        entry.earliest = selectors.forward_plan_entry_earliest_decision(entry=entry)
    return render(
        request,
        "committees/decisions/forward_plan.html",
        {
            "entries": entries,
            "publications": ForwardPlanPublication.objects.only("number", "published_on")[:20],
            "publish_form": PublishForwardPlanForm(initial={"published_on": timezone.localdate()}),
        },
    )


@login_required
@require_POST
def forward_plan_publish(request):
    _may_manage(request)
    form = PublishForwardPlanForm(request.POST)
    if form.is_valid():
        try:
            publication = services.forward_plan_publish(published_on=form.cleaned_data["published_on"], by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Forward Plan {publication.number} published: the public Forward Plan page now shows it."
            )
            return redirect("committees:forward_plan")
    return render(
        request,
        "committees/decisions/forward_plan_publish.html",
        {"form": form, "errors": error_list(form)},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, entry_id: int | None = None):
    _may_manage(request)
    entry = get_object_or_404(ForwardPlanEntry, pk=entry_id) if entry_id else None
    form = ForwardPlanEntryForm(request.POST or None, instance=entry)
    lock_form = LockVersionForm.for_instance(entry, request.POST or None) if entry else None
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if entry is None:
                entry = services.forward_plan_entry_create(values=form.cleaned_data)
            else:
                services.forward_plan_entry_update(
                    entry=entry, values=form.cleaned_data, lock_version=lock_form.submitted
                )
        except ValidationError as error:
            add_errors(form, error)
        except EditConflict as error:
            conflict = conflict_context(error, form=form, noun="Forward Plan entry")
            lock_form = LockVersionForm.for_instance(error.saved)  # a second save knowingly replaces theirs
        else:
            messages.success(
                request,
                f"Forward Plan entry {entry.decision_number} saved. Publish the Forward Plan to make it public.",
            )
            return redirect("committees:forward_plan")
    return render(
        request,
        "committees/decisions/entry_form.html",
        {"form": form, "errors": error_list(form), "entry": entry, "lock_form": lock_form, "conflict": conflict},
        status=409 if conflict else 200,
    )


@login_required
@require_GET
def decision_list(request):
    _may_manage(request)
    decisions = Decision.objects.select_related("forward_plan_entry").prefetch_related("call_ins")
    today = timezone.localdate()
    rows = [(decision, selectors.decision_status(decision=decision, today=today)) for decision in decisions]
    return render(request, "committees/decisions/decision_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, decision_id: int | None = None):
    _may_manage(request)
    decision = get_object_or_404(Decision, pk=decision_id) if decision_id else None
    if decision is not None and decision.published_on is not None:
        messages.info(request, "A published decision cannot be changed: record a correction as a new decision.")
        return redirect("committees:decision_detail", decision_id=decision.pk)
    initial = {}
    if decision is None and (entry_id := request.GET.get("entry", "")).isdigit():
        entry = ForwardPlanEntry.objects.filter(pk=entry_id).first()
        if entry is not None:
            initial = {
                "number": entry.decision_number,
                "title": entry.subject,
                "decision_maker": entry.decision_maker,
                "key_decision": True,
                "forward_plan_entry": entry.pk,
            }
    form = DecisionForm(request.POST or None, instance=decision, initial=initial)
    lock_form = LockVersionForm.for_instance(decision, request.POST or None) if decision else None
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if decision is None:
                decision = services.decision_record(values=form.cleaned_data)
            else:
                services.decision_update(decision=decision, values=form.cleaned_data, lock_version=lock_form.submitted)
        except ValidationError as error:
            add_errors(form, error)
        except EditConflict as error:
            conflict = conflict_context(error, form=form, noun="decision")
            lock_form = LockVersionForm.for_instance(error.saved)
        else:
            messages.success(
                request, f"Decision {decision.number} recorded. Publish its decision notice when it is ready."
            )
            return redirect("committees:decision_detail", decision_id=decision.pk)
    return render(
        request,
        "committees/decisions/decision_form.html",
        {"form": form, "errors": error_list(form), "decision": decision, "lock_form": lock_form, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _decision(decision_id: int) -> Decision:
    return get_object_or_404(
        Decision.objects.select_related("forward_plan_entry", "agenda_item__meeting__committee").prefetch_related(
            Prefetch("call_ins", queryset=CallIn.objects.order_by("received_on", "id"))
        ),
        pk=decision_id,
    )


def _decision_page(request, decision: Decision, *, forms: dict | None = None, status: int = 200):
    forms = forms or {}
    today = timezone.localdate()
    bound = [form for form in forms.values() if form.is_bound]
    period = selectors.decision_call_in_period(decision=decision)
    return render(
        request,
        "committees/decisions/decision_detail.html",
        {
            "decision": decision,
            "status": selectors.decision_status(decision=decision, today=today),
            "period": period,
            "call_in_open": period is not None and today <= period.last_day,
            "pending_call_in": next((c for c in decision.call_ins.all() if not c.outcome), None),
            "publish_form": forms.get("publish") or PublishDecisionForm(initial={"published_on": today}),
            "call_in_form": forms.get("call_in") or CallInForm(initial={"received_on": today}),
            "resolve_form": forms.get("resolve") or ResolveCallInForm(initial={"resolved_on": today}),
            "errors": error_list(*bound) if bound else [],
        },
        status=status,
    )


@login_required
@require_GET
def decision_detail(request, decision_id: int):
    _may_manage(request)
    return _decision_page(request, _decision(decision_id))


@login_required
@require_POST
def decision_publish(request, decision_id: int):
    _may_manage(request)
    decision = _decision(decision_id)
    form = PublishDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_publish(decision=decision, published_on=form.cleaned_data["published_on"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Decision notice {decision.number} published: the public page now shows it.")
            return redirect("committees:decision_detail", decision_id=decision.pk)
    return _decision_page(request, decision, forms={"publish": form}, status=400)


@login_required
@require_POST
def call_in_add(request, decision_id: int):
    _may_manage(request)
    decision = _decision(decision_id)
    form = CallInForm(request.POST)
    if form.is_valid():
        try:
            services.call_in_record(decision=decision, values=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Call-in recorded: decision {decision.number} does not take effect until it is resolved."
            )
            return redirect("committees:decision_detail", decision_id=decision.pk)
    return _decision_page(request, decision, forms={"call_in": form}, status=400)


@login_required
@require_POST
def call_in_resolve(request, decision_id: int, call_in_id: int):
    _may_manage(request)
    decision = _decision(decision_id)
    call_in = get_object_or_404(CallIn, pk=call_in_id, decision=decision)
    form = ResolveCallInForm(request.POST)
    if form.is_valid():
        try:
            services.call_in_resolve(call_in=call_in, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Call-in resolved.")
            return redirect("committees:decision_detail", decision_id=decision.pk)
    return _decision_page(request, decision, forms={"resolve": form}, status=400)
