"""Members calling a published decision in, within its window, and how each call-in ended."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import CallIn, CallInOutcome, Decision
from ..selectors_decisions import decision_call_in_period
from .agenda import _apply

CALL_IN_FIELDS = ("received_on", "members", "reasons")


@transaction.atomic
def call_in_record(*, decision: Decision, values: Mapping[str, Any]) -> CallIn:
    """Members call a decision in: refused when it is not subject to call-in or its window has closed."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    call_in = CallIn(decision=decision)
    _apply(call_in, values, CALL_IN_FIELDS)
    call_in.full_clean(exclude=["decision"])
    period = decision_call_in_period(decision=decision)
    if period is None:
        raise ValidationError({"received_on": ["This decision is not subject to call-in, or is not yet published"]})
    if call_in.received_on > period.last_day or call_in.received_on < period.published:
        raise ValidationError(
            {
                "received_on": [
                    f"The call-in window ran from {period.published:%-d %B %Y} to the end of "
                    f"{period.last_day:%A} {period.last_day.day} {period.last_day:%B %Y}"
                ]
            }
        )
    call_in.save()
    return call_in


@transaction.atomic
def call_in_resolve(*, call_in: CallIn, outcome: str, resolved_on: datetime.date) -> CallIn:
    """Record how a call-in ended; the decision takes effect then unless it was referred back."""
    call_in = CallIn.objects.select_for_update().get(pk=call_in.pk)
    if call_in.outcome:
        raise ValidationError({"outcome": ["This call-in has already been resolved"]})
    if outcome not in CallInOutcome.values or not outcome:
        raise ValidationError({"outcome": ["Choose how the call-in was resolved"]})
    if resolved_on < call_in.received_on:
        raise ValidationError({"resolved_on": ["A call-in cannot be resolved before it was received"]})
    call_in.outcome = outcome
    call_in.resolved_on = resolved_on
    call_in.full_clean()
    call_in.save(update_fields=["outcome", "resolved_on"])
    return call_in
