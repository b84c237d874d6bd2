"""Writes for the Forward Plan, decisions and call-in: each refuses what the 2012 Regulations forbid.

The refusals are ``ValidationError``s by field, so a form shows them next to the field that is wrong and nothing
is saved. The dates come from ``committees.decision_dates``; nothing here counts days itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from kcc_planning.locking import lock_bump

from ..decision_dates import earliest_key_decision_date
from ..models import Decision, ForwardPlanEntry, ForwardPlanPublication
from .agenda import _apply
from .call_in import CALL_IN_FIELDS, call_in_record, call_in_resolve  # noqa: F401  (one import for the cycle)

FORWARD_PLAN_ENTRY_FIELDS = (
    "decision_number",
    "subject",
    "decision_maker",
    "decision_maker_title",
    "expected_date",
    "first_committee",
    "consultees",
    "representations",
    "documents",
    "private",
    "exempt_paragraph",
    "key_decision",
    "plan",
    "urgency",
    "urgency_reasons",
    "urgency_agreed_by",
    "urgency_recorded_on",
    "withdrawn",
)
DECISION_FIELDS = (
    "number",
    "title",
    "decision_maker",
    "decision_maker_name",
    "key_decision",
    "taken_on",
    "decision",
    "reasons",
    "alternatives",
    "interests",
    "dispensations",
    "forward_plan_entry",
    "agenda_item",
    "exempt_paragraph",
    "call_in_working_days",
)


def _clean_entry(entry: ForwardPlanEntry) -> None:
    errors: dict[str, list[str]] = {}
    if entry.private and not entry.exempt_paragraph:
        errors["exempt_paragraph"] = ["Enter the paragraph of Schedule 12A that makes it private"]
    if not entry.private and entry.exempt_paragraph:
        errors["exempt_paragraph"] = ["Only a decision taken in private has a paragraph of Schedule 12A"]
    if entry.urgency:
        if not entry.urgency_reasons.strip():
            errors["urgency_reasons"] = ["Enter why the decision cannot wait for 28 clear days"]
        if not entry.urgency_agreed_by.strip():
            who = "the chair of scrutiny told" if entry.urgency == "general_exception" else "the chair who agreed"
            errors["urgency_agreed_by"] = [f"Enter {who}"]
        if entry.urgency_recorded_on is None:
            errors["urgency_recorded_on"] = ["Enter the date the exception was recorded"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def forward_plan_entry_create(*, values: Mapping[str, Any]) -> ForwardPlanEntry:
    """A new entry from ``values`` (``FORWARD_PLAN_ENTRY_FIELDS``); not public until the Forward Plan is published."""
    entry = ForwardPlanEntry()
    _apply(entry, values, FORWARD_PLAN_ENTRY_FIELDS)
    _clean_entry(entry)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def forward_plan_entry_update(
    *, entry: ForwardPlanEntry, values: Mapping[str, Any], lock_version: int | None
) -> ForwardPlanEntry:
    """Change an entry; a stale form is a conflict. Its number cannot change once it has been published."""
    entry = ForwardPlanEntry.objects.get(pk=entry.pk)
    lock_bump(instance=entry, submitted=lock_version)
    published_number = entry.decision_number if entry.first_published_on else None
    _apply(entry, values, FORWARD_PLAN_ENTRY_FIELDS)
    if published_number and entry.decision_number != published_number:
        raise ValidationError(
            {"decision_number": ["The decision number cannot change once the Forward Plan has published it"]}
        )
    _clean_entry(entry)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def forward_plan_entry_link(*, entry: ForwardPlanEntry, key_decision) -> ForwardPlanEntry:
    """Link ``entry`` to a plan's ``key_decision``: the plan then answers "Already in the Forward Plan?" with it.

    Refused when the entry already announces another key decision or the key decision already has an entry.
    """
    entry = ForwardPlanEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    if entry.key_decision_id is not None and entry.key_decision_id != key_decision.pk:
        raise ValidationError({"entry": ["That entry already announces another key decision"]})
    if entry.withdrawn:
        raise ValidationError({"entry": ["That entry has been withdrawn from the Forward Plan"]})
    if ForwardPlanEntry.objects.filter(key_decision=key_decision).exclude(pk=entry.pk).exists():
        raise ValidationError({"entry": ["This key decision is already in the Forward Plan"]})
    entry.key_decision = key_decision
    # A new version, so an entry form opened before the link cannot silently unlink it.
    lock_bump(instance=entry, submitted=None)
    entry.full_clean()
    entry.save(update_fields=["key_decision", "lock_version", "updated_at"])
    return entry


def _frozen_entry(entry: ForwardPlanEntry) -> dict[str, Any]:
    """What the published Forward Plan says of ``entry``, in words (no ids, no model instances)."""
    return {
        "decision_number": entry.decision_number,
        "subject": entry.subject,
        "decision_maker": entry.get_decision_maker_display(),
        "decision_maker_title": entry.decision_maker_title,
        "expected_date": entry.expected_date.isoformat(),
        "first_committee": entry.first_committee.name if entry.first_committee else "",
        "consultees": entry.consultees,
        "representations": entry.representations,
        "documents": entry.documents,
        "private": entry.private,
        "exempt_paragraph": entry.exempt_paragraph,
        "first_published_on": entry.first_published_on.isoformat(),
        "urgency": entry.get_urgency_display() if entry.urgency else "",
        "urgency_reasons": entry.urgency_reasons if entry.urgency else "",
        "urgency_agreed_by": entry.urgency_agreed_by if entry.urgency else "",
    }


@transaction.atomic
def forward_plan_publish(*, published_on: datetime.date, by) -> ForwardPlanPublication:
    """Publish the Forward Plan: every entry not withdrawn and not yet decided, frozen as it reads today.

    An entry's ``first_published_on`` is set by the first publication that carries it and never moves, so the
    28 clear days run from the day the public could first read it.
    """
    entries = list(
        # Only the entries are locked: their first committee is an outer join, which PostgreSQL cannot lock.
        ForwardPlanEntry.objects.select_for_update(of=("self",))
        .filter(withdrawn=False, decision__isnull=True)
        .select_related("first_committee")
        .order_by("expected_date", "decision_number")
    )
    if not entries:
        raise ValidationError({"published_on": ["There is nothing to publish: every entry is decided or withdrawn"]})
    for entry in entries:
        if entry.first_published_on is None:
            entry.first_published_on = published_on
            entry.save(update_fields=["first_published_on", "updated_at"])
    highest = ForwardPlanPublication.objects.aggregate(top=Max("number"))["top"] or 0
    return ForwardPlanPublication.objects.create(
        number=highest + 1,
        published_on=published_on,
        published_by=by,
        entries=[_frozen_entry(entry) for entry in entries],
    )


def _forward_plan_errors(decision: Decision) -> dict[str, list[str]]:
    """Regulation 9: a key decision waits 28 clear days after the Forward Plan first announced it."""
    if not decision.key_decision:
        return {}
    entry = decision.forward_plan_entry
    if entry is None:
        return {"forward_plan_entry": ["A key decision must cite its Forward Plan entry"]}
    if entry.decision_number != decision.number:
        return {"number": [f"The Forward Plan announced this decision as {entry.decision_number}"]}
    if entry.urgency:
        return {}
    if entry.first_published_on is None:
        return {
            "taken_on": [
                "The Forward Plan has not yet published this decision: publish it, or record a general exception "
                "or special urgency on its entry"
            ]
        }
    earliest = earliest_key_decision_date(entry.first_published_on)
    if decision.taken_on and decision.taken_on < earliest:
        return {
            "taken_on": [
                f"A key decision cannot be taken before {earliest:%A} {earliest.day} {earliest:%B %Y}, 28 clear days "
                f"after the Forward Plan first published it, unless a general exception or special urgency is "
                f"recorded on its entry"
            ]
        }
    return {}


def _clean_decision(decision: Decision) -> None:
    errors = _forward_plan_errors(decision)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_record(*, values: Mapping[str, Any]) -> Decision:
    """Record a decision (executive or officer) from ``values`` (``DECISION_FIELDS``); refused if taken too early."""
    decision = Decision()
    _apply(decision, values, DECISION_FIELDS)
    decision.full_clean()
    _clean_decision(decision)
    decision.save()
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, values: Mapping[str, Any], lock_version: int | None) -> Decision:
    """Correct a decision before publication; once published the record stands (a correction is a new record)."""
    decision = Decision.objects.get(pk=decision.pk)
    lock_bump(instance=decision, submitted=lock_version)
    if decision.published_on is not None:
        raise ValidationError("A published decision cannot be changed: record a correction as a new decision")
    _apply(decision, values, DECISION_FIELDS)
    decision.full_clean()
    _clean_decision(decision)
    decision.save()
    return decision


@transaction.atomic
def decision_publish(*, decision: Decision, published_on: datetime.date) -> Decision:
    """Publish the decision notice: the call-in window runs from ``published_on``."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.published_on is not None:
        return decision
    if published_on < decision.taken_on:
        raise ValidationError({"published_on": ["A decision cannot be published before the day it was taken"]})
    decision.published_on = published_on
    decision.save(update_fields=["published_on", "updated_at"])
    from ..cycle_tasks import render_decision_notice  # the task module imports the renderer, which imports models

    transaction.on_commit(lambda: render_decision_notice.delay(decision.pk))
    return decision
