"""Public pages of the decision cycle (no sign-in): the Forward Plan as published, decision notices.

Only what was published is read: a Forward Plan publication's frozen entries, and decisions with a date of
publication. An exempt decision record shows its number and title only (``_notice.html``).
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from documents import storage

from .. import selectors_decisions as selectors
from ..models import CallIn, Decision, ForwardPlanPublication


def _dated(entry: dict) -> dict:
    """A frozen entry with its ISO dates read back as dates, for the template to print in words."""
    return entry | {
        name: datetime.date.fromisoformat(entry[name])
        for name in ("expected_date", "first_published_on")
        if entry[name]
    }


def _forward_plan_page(request, publication: ForwardPlanPublication | None):
    return render(
        request,
        "committees/public/forward_plan.html",
        {
            "publication": publication,
            "entries": [_dated(entry) for entry in publication.entries] if publication else [],
            "latest": selectors.forward_plan_current(),
            "versions": ForwardPlanPublication.objects.only("number", "published_on")[:50],
        },
    )


@require_GET
def forward_plan(request):
    return _forward_plan_page(request, selectors.forward_plan_current())


@require_GET
def forward_plan_version(request, number: int):
    return _forward_plan_page(request, get_object_or_404(ForwardPlanPublication, number=number))


@require_GET
def decision_list(request):
    today = timezone.localdate()
    decisions = selectors.decisions_published()[:200]
    rows = [(decision, selectors.decision_status(decision=decision, today=today)) for decision in decisions]
    return render(request, "committees/public/decision_list.html", {"rows": rows})


def published_decision(decision_id: int) -> Decision:
    """A published decision with what its notice prints; 404 for one not (yet) published."""
    try:
        return (
            Decision.objects.filter(published_on__isnull=False)
            .select_related("forward_plan_entry")
            .prefetch_related(Prefetch("call_ins", queryset=CallIn.objects.order_by("received_on", "id")))
            .get(pk=decision_id)
        )
    except Decision.DoesNotExist:
        raise Http404("No such published decision") from None


@require_GET
def decision_detail(request, decision_id: int):
    decision = published_decision(decision_id)
    status = selectors.decision_status(decision=decision, today=timezone.localdate())
    return render(request, "committees/public/decision_detail.html", {"decision": decision, "status": status})


@require_GET
def decision_notice_pdf(request, decision_id: int):
    """The published notice as a tagged PDF; until the worker has rendered it, a page that says so."""
    decision = published_decision(decision_id)
    handle = (
        storage.verified_open(name=decision.notice_file, checksum=decision.notice_checksum)
        if decision.notice_file
        else None
    )
    if handle is None:
        raise Http404("The PDF of this decision notice is being prepared: try again in a minute")
    name = f"Decision {decision.number.replace('/', '-')}.pdf"
    return FileResponse(handle, as_attachment=False, filename=name, content_type="application/pdf")
