"""Reads for the Forward Plan and decisions: what is published, when a decision takes effect."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .decision_dates import CallInPeriod, call_in_period, earliest_key_decision_date
from .models import CallIn, CallInOutcome, Decision, ForwardPlanEntry, ForwardPlanPublication


def decision_call_in_period(*, decision: Decision) -> CallInPeriod | None:
    """The window in which ``decision`` can be called in; None when it is unpublished or not subject to call-in."""
    if decision.published_on is None or decision.call_in_working_days == 0:
        return None
    return call_in_period(decision.published_on, working_days=decision.call_in_working_days)


@dataclass(frozen=True)
class DecisionStatus:
    """Where a decision stands on a given day, in words a resident understands."""

    label: str
    effective_on: datetime.date | None
    call_in_until: datetime.date | None
    called_in: bool


def decision_status(*, decision: Decision, today: datetime.date) -> DecisionStatus:
    """Whether ``decision`` has taken effect on ``today``, reading its (prefetched) call-ins.

    A call-in stops the decision taking effect until it is resolved; referred back, it does not take effect
    at all (the decision maker decides again, which is a new record).
    """
    call_ins = list(decision.call_ins.all())
    pending = any(not c.outcome for c in call_ins)
    referred = any(c.outcome == CallInOutcome.REFERRED_BACK for c in call_ins)
    period = decision_call_in_period(decision=decision)
    if decision.published_on is None:
        return DecisionStatus("Not yet published", None, None, bool(call_ins))
    if pending:
        return DecisionStatus("Called in: does not take effect until the call-in is resolved", None, None, True)
    if referred:
        return DecisionStatus("Called in and referred back to the decision maker", None, None, True)
    if period is None:
        effective = decision.published_on
    elif call_ins:
        # Resolved and standing: in effect from the day after the call-in was resolved, at the earliest.
        resolved = max(c.resolved_on for c in call_ins)
        effective = max(period.effective, resolved + datetime.timedelta(days=1))
    else:
        effective = period.effective
    if today < effective:
        until = period.last_day if period else None
        return DecisionStatus(
            f"Takes effect on {effective:%A} {effective.day} {effective:%B %Y}", effective, until, bool(call_ins)
        )
    return DecisionStatus(f"In effect since {effective:%-d %B %Y}", effective, None, bool(call_ins))


def decisions_published(*, committee_id: int | None = None) -> QuerySet[Decision]:
    """Published decisions, newest first, with what their notices print (one query for the call-ins)."""
    queryset = (
        Decision.objects.filter(published_on__isnull=False)
        .select_related("forward_plan_entry", "agenda_item__meeting__committee")
        .prefetch_related(Prefetch("call_ins", queryset=CallIn.objects.order_by("received_on", "id")))
        .order_by("-published_on", "-number")
    )
    if committee_id is not None:
        queryset = queryset.filter(agenda_item__meeting__committee_id=committee_id)
    return queryset


def forward_plan_current() -> ForwardPlanPublication | None:
    """The Forward Plan as last published (what the public page shows)."""
    return ForwardPlanPublication.objects.order_by("-number").first()


def forward_plan_entries(*, include_decided: bool = False) -> QuerySet[ForwardPlanEntry]:
    """The entries democratic services keep, soonest first."""
    queryset = ForwardPlanEntry.objects.select_related("first_committee", "key_decision", "plan")
    if not include_decided:
        queryset = queryset.filter(decision__isnull=True)
    return queryset.order_by("expected_date", "decision_number")


def forward_plan_entry_earliest_decision(*, entry: ForwardPlanEntry) -> datetime.date | None:
    """The first day the decision may be taken; None until the Forward Plan has published it (and no exception)."""
    if entry.urgency:
        return entry.urgency_recorded_on
    if entry.first_published_on is None:
        return None
    return earliest_key_decision_date(entry.first_published_on)
