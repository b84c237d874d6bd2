"""Writing to the append-only audit trail."""

import csv
import datetime
import io
import json
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from kcc_planning.csv_safety import spreadsheet_safe

from .models import AuditEvent, Plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def audit_record(
    *,
    actor: "User | None",
    action: str,
    plan: Plan | None = None,
    subject: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """Append one event. ``before``/``after`` must be JSON-able (what changed, not whole objects)."""
    name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        name = actor.get_full_name() or actor.get_username()
    return AuditEvent.objects.create(
        actor=actor if name else None,
        actor_name=name or "system",
        action=action,
        plan=plan,
        subject=subject[:300],
        before=before,
        after=after,
    )


def audit_events_for(*, plan: Plan) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(plan=plan).select_related("actor").order_by("occurred_at", "id")


def audit_csv(events) -> str:
    """The events as CSV (UTC ISO 8601 times), for export; formula-like cells are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["occurred_at_utc", "actor", "action", "subject", "before", "after"])
    for event in events:
        cells = [
            event.occurred_at.astimezone(datetime.UTC).isoformat(),
            event.actor_name,
            event.action,
            event.subject,
            json.dumps(event.before, ensure_ascii=False, default=str) if event.before is not None else "",
            json.dumps(event.after, ensure_ascii=False, default=str) if event.after is not None else "",
        ]
        # Names and subjects are typed by people: never let a spreadsheet run them as formulas.
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()
