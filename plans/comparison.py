"""Section-by-section comparison of two plan documents (see ``plans.versions``).

Rows are matched by their stable key (``action:42``), so a moved or
renumbered action shows as changed, not as removed and added.
"""

import difflib
from dataclasses import dataclass, field

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from . import extensions
from .sections import SectionKind, sections_for

FIELD_LABELS = {
    "title": "Title",
    "description": "Description",
    "number": "Number",
    "accountable_officer": "Accountable officer",
    "start_text": "Start",
    "end_text": "End",
    "letter": "Letter",
    "action_number": "Action",
    "due_text": "Date",
    "in_forward_plan": "In the Forward Plan",
    "forward_plan_number": "Forward Plan entry",
    "heading": "Heading",
    "body": "Text",
    "unit_name": "Unit",
    "responsible_manager": "Responsible manager",
    "staffing": "Staffing",
    "non_staffing": "Non staffing",
    "internal_income": "Internal income",
    "external_income": "External income",
    "grants": "Grants",
    "fte": "FTE",
    "function": "Critical function",
    "timescale": "Timescale",
    "minimum_service_level": "Minimum service level",
    "activity": "Activity",
    "expected_impact": "Expected impact",
    "expected_date": "Expected date",
    "progress": "Progress",
    "group": "Group",
    "service_name": "Service",
    "provision": "Internal or external",
    "contract_end": "Contract end",
    "name": "Name",
    "lead_service": "Lead service",
    "expected_value": "Expected value (£)",
    "expected_value_note": "Value qualifier",
    "key_decision_date": "Date for key decision",
    "public_consultation": "Public consultation",
    "status_note": "Status note",
    "summary_portfolio": "Cabinet portfolio",
    "summary_corporate_director": "Responsible corporate director",
    "summary_heads_of_service": "Head(s) of service",
    "summary_gross_expenditure": "Gross expenditure",
    "summary_fte": "FTE",
    "resources_unit": "Amounts are in",
    "resources_note": "Notes on the resources",
    "fte_current": "FTE at 31 March",
    "fte_estimate": "Estimated FTE next 31 March",
    "fte_variance_reason": "Reasons for any variance",
    # Sections E and F/L (rows from ``extensions.linked_rows``).
    "current_rating": "Current rating",
    "target_rating": "Target rating",
    "controls": "Controls",
    "further_actions": "Further action",
    "priority_refs": "Priority ref",
    "previous": "Last year's outturn or forecast",
    "benchmark": "Comparative benchmark",
    "floor": "Floor",
    "target": "Target",
    "quarterly_targets": "Quarterly targets",
    "target_next_year": "Next year's target",
    "thresholds": "Thresholds",
    "note": "Note",
}
IGNORED = {"key", "is_sub", "label"}
LINKED_NOT_RECORDED = (
    "The risks and indicators are not compared: one of these versions kept no copy of them "
    "(earlier versions of the plan and snapshots taken before they were frozen do not record them)."
)


@dataclass
class FieldChange:
    label: str
    before: str
    after: str

    @property
    def marked(self) -> SafeString:
        return word_diff(self.before, self.after)


@dataclass
class RowChange:
    kind: str  # "added", "removed" or "changed"
    label: str
    key: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class SectionChanges:
    slug: str
    heading: str
    rows: list[RowChange]
    note: str = ""
    compared: bool = True  # False when nothing in the section could be compared (only the note shows)


def _text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)


def word_diff(before: str, after: str) -> SafeString:
    """Words removed in <del>, added in <ins>; everything escaped."""
    old, new = before.split(), after.split()
    parts: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(conditional_escape(" ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{conditional_escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{conditional_escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))


def _field_changes(before: dict, after: dict) -> list[FieldChange]:
    return [
        FieldChange(FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), _text(before.get(name)), _text(value))
        for name, value in after.items()
        if name not in IGNORED and _text(before.get(name)) != _text(value)
    ]


def _compare_rows(before: list[dict], after: list[dict], describe) -> list[RowChange]:
    old = {row["key"]: row for row in before}
    new = {row["key"]: row for row in after}
    changes = []
    for row in after:
        if row["key"] not in old:
            changes.append(RowChange("added", describe(row), row["key"], _field_changes({}, row)))
        else:
            fields = _field_changes(old[row["key"]], row)
            if fields:
                changes.append(RowChange("changed", describe(row), row["key"], fields))
    changes.extend(
        RowChange("removed", describe(row), row["key"], _field_changes(row, {k: None for k in row}))
        for row in before
        if row["key"] not in new
    )
    return changes


def _label(prefix: str, *names: str):
    def describe(row: dict) -> str:
        for name in names:
            if row.get(name):
                text = str(row[name])
                return f"{prefix} {text[:80]}{'…' if len(text) > 80 else ''}".strip()
        return prefix

    return describe


def _priority_rows(document: dict) -> tuple[list, list, list, list]:
    priorities, actions, milestones, decisions = [], [], [], []
    for priority in document["priorities"]:
        priorities.append({k: v for k, v in priority.items() if k not in {"actions", "milestones", "key_decisions"}})
        actions.extend(priority["actions"])
        milestones.extend({**m, "priority": priority["number"]} for m in priority["milestones"])
        decisions.extend(priority["key_decisions"])
    return priorities, actions, milestones, decisions


def _linked_changes(before: dict, after: dict, kind: str) -> tuple[list[RowChange], str] | None:
    """Changes to what other apps add under section ``kind`` (E's risks, F/L's indicators) and a note.

    None if no app adds anything there. Only frozen copies are compared: a past version (the register
    and indicators have no history in the plan's records) or an older snapshot has none, and then the
    note says so rather than today's values being presented as what the plan said then.
    """
    old, new = before.get("linked"), after.get("linked")
    if old is None or new is None:
        return None if extensions.linked_rows({}, section=kind) is None else ([], LINKED_NOT_RECORDED)
    shared = old.keys() & new.keys()
    old_rows = extensions.linked_rows({key: old[key] for key in shared}, section=kind)
    new_rows = extensions.linked_rows({key: new[key] for key in shared}, section=kind)
    if old_rows is None or new_rows is None:
        return None
    return _compare_rows(old_rows, new_rows, lambda row: row["label"]), ""


def compare_documents(before: dict, after: dict) -> list[SectionChanges]:
    """What changed from ``before`` to ``after``, in the order of the plan's sections."""
    result = []
    plan_fields_before, plan_fields_after = before["plan"], after["plan"]
    for section in sections_for(after["plan"]["kind"]):
        linked = _linked_changes(before, after, section.kind)
        if section.kind == SectionKind.PERFORMANCE:
            # The indicators live in the performance app: only their frozen copies are compared.
            if linked is not None:
                rows, note = linked
                result.append(SectionChanges(section.slug, section.heading, rows, note, compared=not note))
            continue
        rows: list[RowChange] = []
        if section.kind == SectionKind.SUMMARY:
            names = [n for n in plan_fields_after if n.startswith("summary_") or n == "status_note"]
            fields = _field_changes(
                {n: plan_fields_before.get(n) for n in names}, {n: plan_fields_after[n] for n in names}
            )
            if fields:
                rows.append(RowChange("changed", "Executive summary", "plan", fields))
        elif section.kind == SectionKind.NARRATIVE:
            rows = _compare_rows(
                before["narrative"].get(section.narrative, []),
                after["narrative"].get(section.narrative, []),
                _label("Text", "heading", "body"),
            )
        elif section.kind == SectionKind.PRIORITIES:
            old_p, old_a, old_m, old_d = _priority_rows(before)
            new_p, new_a, new_m, new_d = _priority_rows(after)
            rows = (
                _compare_rows(old_p, new_p, lambda r: f"Priority {r['number']}: {r['title'][:80]}")
                + _compare_rows(old_a, new_a, lambda r: f"Action {r['number']}")
                + _compare_rows(old_m, new_m, lambda r: f"Milestone {r['priority']}{r['letter']}")
                + _compare_rows(old_d, new_d, _label("Key decision", "description"))
            )
        elif section.kind == SectionKind.RESOURCES:
            names = ["resources_unit", "resources_note", "fte_current", "fte_estimate", "fte_variance_reason"]
            fields = _field_changes(
                {n: plan_fields_before.get(n) for n in names}, {n: plan_fields_after[n] for n in names}
            )
            if fields:
                rows.append(RowChange("changed", "Resources", "plan-resources", fields))
            rows += _compare_rows(
                before["tables"]["resource_lines"], after["tables"]["resource_lines"], _label("Resources:", "unit_name")
            )
            rows += _compare_rows(
                before["tables"]["staffing_lines"], after["tables"]["staffing_lines"], _label("Staffing:", "unit_name")
            )
        else:
            table = {
                SectionKind.CONTINUITY: ("critical_functions", _label("Critical function:", "function")),
                SectionKind.SUPPORT: ("support_requests", _label("Activity:", "activity")),
                SectionKind.PROGRESS: ("priority_progress", _label("Priority:", "title")),
                SectionKind.SERVICES: ("services", _label("Service:", "service_name")),
                SectionKind.COMMISSIONING: ("commissioning", _label("Activity:", "name")),
            }[section.kind]
            rows = _compare_rows(before["tables"][table[0]], after["tables"][table[0]], table[1])
        note = ""
        if linked is not None:
            rows = linked[0] + rows
            note = linked[1]
        result.append(SectionChanges(section.slug, section.heading, rows, note))
    return result


def plan_comparison(plan, from_token: str, to_token: str) -> dict | None:
    """Compare two versions of ``plan`` named by token (see ``versions.document_for_token``)."""
    from .versions import document_for_token

    before = document_for_token(plan=plan, token=from_token)
    after = document_for_token(plan=plan, token=to_token)
    if before is None or after is None:
        return None
    sections = compare_documents(before[0], after[0])
    return {
        "plan": plan,
        "from_label": before[1],
        "to_label": after[1],
        "from_token": from_token,
        "to_token": to_token,
        "sections": sections,
        "change_count": sum(len(s.rows) for s in sections),
    }
