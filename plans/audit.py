"""Writing to the append-only audit trail."""

import csv
import datetime
import io
import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.text import Truncator, capfirst

from kcc_planning.csv_safety import spreadsheet_safe

from .models import AuditEvent, Plan, PlanStatus, Priority

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


# --- Reading an event: what a person sees on the audit page (the CSV keeps the stored values) -----------------

# Long narrative is cut on the page so one edit does not fill the screen; the CSV export holds every word.
SHOWN_CHARACTERS = 200
ROW_NAME_FIELDS = ("title", "heading", "name", "reference", "description", "activity", "service")
MEMBERSHIP_CHANGES = {"add": "Added", "remove": "Removed", "clear": "Cleared"}
FLAG_NAMES = {"is_superuser": "Superuser", "is_staff": "Staff (may use the admin site)"}


def _label(name: str, model=None) -> str:
    """The field's own name as the forms show it ("Gross expenditure"), else its code name in words."""
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name)) if model is not None else ""
    except FieldDoesNotExist:
        pass
    return capfirst(str(name).replace("_", " "))


def _row_model(table: str):
    """The model of a plan's table ("actions" → Action), for its fields' names; None if it cannot be told."""
    for owner in (Plan, Priority):
        try:
            return owner._meta.get_field(table).related_model
        except FieldDoesNotExist:
            continue
    return None


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{_label(key)}: {_shown(item)}" for key, item in value.items())
    return f"“{Truncator(str(value)).chars(SHOWN_CHARACTERS)}”"


def _change_line(name: str, before: Any, after: Any, model=None) -> str:
    label = _label(name, model) if model is not None else _label(name)
    if before in (None, ""):
        return f"{label} set to {_shown(after)}"
    if after in (None, ""):
        return f"{label} cleared (was {_shown(before)})"
    return f"{label} changed from {_shown(before)} to {_shown(after)}"


def _row_name(table: str, values: dict) -> str:
    words = capfirst(table.replace("_", " "))
    noun = f"{words[:-3]}y" if words.endswith("ies") else words.removesuffix("s")
    named = next((values[key] for key in ROW_NAME_FIELDS if values.get(key)), None)
    return f"{noun} {_shown(named)}" if named else noun


def _edit_lines(before: dict, after: dict) -> list[str]:
    old_fields, new_fields = before.get("fields") or {}, after.get("fields") or {}
    lines = [_change_line(name, old_fields.get(name), new_fields.get(name), Plan) for name in new_fields]
    old_rows = before.get("rows") or []
    for index, row in enumerate(after.get("rows") or []):
        old = old_rows[index] if index < len(old_rows) else {}
        values = {key: value for key, value in row.items() if key not in {"table", "change", "id"}}
        name = _row_name(row.get("table", "row"), values or old)
        if row.get("change") == "added":
            lines.append(f"{name} added")
        elif row.get("change") == "removed":
            lines.append(f"{name} removed")
        else:
            model = _row_model(row.get("table", ""))
            lines.extend(f"{name}: {_change_line(key, old.get(key), value, model)}" for key, value in values.items())
    return lines


def _status(value: Any) -> str:
    return str(PlanStatus(value).label) if value in PlanStatus.values else _shown(value)


def _step_lines(before: dict, after: dict) -> list[str]:
    lines = [f"Status changed from {_status(before.get('status'))} to {_status(after.get('status'))}"]
    if after.get("reason"):
        lines.append(f"Reason: {_shown(after['reason'])}")
    if after.get("decision_number"):
        decided = after.get("decided_on")
        when = f" on {datetime.date.fromisoformat(decided):%-d %B %Y}" if decided else ""
        lines.append(f"Decision {after['decision_number']}{when}")
    return lines


def audit_entry_lines(event: AuditEvent) -> list[str]:
    """The event's before and after as sentences ("Title changed from “…” to “…”"), never a raw dictionary."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    if "rows" in after or "fields" in after:
        lines = _edit_lines(before, after)
    elif "status" in after:
        lines = _step_lines(before, after)
    elif "body" in after:
        lines = [f"Comment: {_shown(after['body'])}"]
    elif "reply" in after:
        lines = [f"Reply: {_shown(after['reply'])}"]
    elif "version" in after and "comment" in after:
        lines = [f"Marked as addressed by version {after['version']} of the plan"]
    elif "ids" in after:
        ids = ", ".join(str(pk) for pk in after["ids"]) or "none"
        lines = [f"{MEMBERSHIP_CHANGES.get(after.get('change'), _label(after.get('change', 'Changed')))}: ids {ids}"]
    elif any(flag in after for flag in FLAG_NAMES):
        lines = [_change_line(FLAG_NAMES[flag], before.get(flag), after[flag]) for flag in FLAG_NAMES if flag in after]
    else:
        names = dict.fromkeys([*before, *after])
        lines = [_change_line(name, before.get(name), after.get(name)) for name in names]
    if not lines and (event.before is not None or event.after is not None) and not (before or after):
        lines = [_change_line("value", event.before, event.after)]  # a plain value, not a dictionary
    return lines
