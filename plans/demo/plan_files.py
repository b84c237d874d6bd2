"""Loading one plan file (``plan_*.json``) through ``plans.services``.

Everything a user could type goes through the same services as the edit
pages, so the demo data obeys the same validation (dates, lengths, numbering).
Only the empty plan itself is created here: there is no service for that,
because plans are created by an administrator, not on the edit pages.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from plans.models import (
    Consultation,
    Directorate,
    MoneyUnit,
    NarrativeSection,
    Plan,
    PlanKind,
    ResourceLine,
)
from plans.services import (
    RowInput,
    TableValidationError,
    plan_rows_save,
    plan_update,
    priority_create,
    priority_save,
)

from .files import Node, figure, pounds, start_year

PLAN_DOCUMENTS = {"divisional_plan": PlanKind.DIVISIONAL, "directorate_plan": PlanKind.DIRECTORATE}

KNOWN_KEYS = {
    "document",
    "source",
    "plan_year",
    "directorate",
    "division",
    "status",
    "status_note",
    "executive_summary",
    "narrative",
    "priorities",
    "resources",
    "critical_functions",
    "support_requests",
    "priority_progress",
    "services",
    "commissioning",
    # Printed content the models have no field for yet; kept in the file, not loaded.
    "not_loaded",
}

SUMMARY_FIELDS = {
    "portfolio": "summary_portfolio",
    "corporate_director": "summary_corporate_director",
    "heads_of_service": "summary_heads_of_service",
    "gross_expenditure": "summary_gross_expenditure",
    "fte": "summary_fte",
}

CONSULTATION = {"yes": Consultation.YES, "no": Consultation.NO, "n/a": Consultation.NOT_APPLICABLE}
FORWARD_PLAN = {"yes": True, "no": False}


@dataclass
class PlanLoad:
    """What happened to one plan file."""

    plan: Plan
    loaded: bool
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _errors_text(error: TableValidationError) -> str:
    parts = list(error.non_field)
    for table, rows in error.errors.items():
        for index, fields in rows.items():
            for name, messages in fields.items():
                parts.append(f"{table} row {index + 1}, {name}: {' '.join(messages)}")
    return "; ".join(parts)


def _call(node: Node, service, **kwargs):
    """Run a service; its validation errors become one message naming the file entry."""
    try:
        return service(**kwargs)
    except TableValidationError as error:
        raise node.fail(f"refused by the app ({_errors_text(error)})") from error


def _rows(nodes: list[Node], values) -> list[RowInput]:
    return [RowInput(id=None, values=values(node)) for node in nodes]


def _find_unit(document: Node, kind: PlanKind):
    year = start_year(document)
    directorate = Directorate.objects.filter(plan_year__start_year=year, name=document.text("directorate")).first()
    if directorate is None:
        name, label = document.text("directorate"), document.text("plan_year")
        raise document.fail(f"directorate {name!r} ({label}) is not in any organisation file")
    division = None
    if kind == PlanKind.DIVISIONAL:
        division = directorate.divisions.filter(name=document.text("division")).first()
        if division is None:
            raise document.fail(f"division {document.text('division')!r} is not a division of {directorate}")
    elif document.has("division"):
        raise document.fail("a directorate plan has no division")
    return directorate, division


def plan_load(*, document: Node) -> PlanLoad:
    """Load one plan file; a plan that already exists for the same unit is kept as it is.

    Plans are never deleted and reloaded: the audit trail and committee snapshots
    refer to them and are append-only, so a fresh demo needs a fresh database.
    """
    kind = PLAN_DOCUMENTS[document.text("document")]
    unknown = sorted(set(document.value) - KNOWN_KEYS)
    if unknown:
        raise document.fail(f"unknown keys {', '.join(unknown)}")
    directorate, division = _find_unit(document, kind)
    existing = Plan.objects.filter(kind=kind, directorate=directorate, division=division).first()
    if existing is not None:
        return PlanLoad(plan=existing, loaded=False)

    plan = Plan(kind=kind, directorate=directorate, division=division)
    try:
        plan.full_clean()
    except ValidationError as error:
        raise document.fail(f"the plan cannot be created ({error.messages})") from error
    plan.save()
    result = PlanLoad(plan=plan, loaded=True)

    _call(document, plan_update, plan=plan, values=_plan_values(document, kind))
    _load_narrative(document, plan, result)
    _load_priorities(document, plan, result)
    _load_tables(document, plan, result)
    # The status goes last: content is written while the plan is a draft, as it would have been.
    _call(document, plan_update, plan=plan, values={"status": document.text("status")})
    plan.refresh_from_db()
    return result


def _plan_values(document: Node, kind: PlanKind) -> dict:
    values = {"status_note": document.text("status_note", default="")}
    if kind == PlanKind.DIVISIONAL:
        summary = document.child("executive_summary")
        for key, name in SUMMARY_FIELDS.items():
            values[name] = summary.text(key)
    resources = document.child("resources")
    unit = resources.text("unit")
    if unit not in MoneyUnit.values:
        raise resources.fail(f"'unit' must be one of {', '.join(MoneyUnit.values)}, not {unit!r}")
    values["resources_unit"] = unit
    values["resources_note"] = resources.text("note", default="")
    for key in ("fte_current", "fte_estimate"):
        values[key] = figure(resources, key) if resources.optional_text(key) is not None else None
    values["fte_variance_reason"] = resources.text("fte_variance_reason", default="")
    return values


def _load_narrative(document: Node, plan: Plan, result: PlanLoad) -> None:
    narrative = document.child("narrative")
    for section, blocks in narrative.value.items():
        if section not in NarrativeSection.values:
            raise narrative.fail(f"{section!r} is not a narrative section ({', '.join(NarrativeSection.values)})")
        nodes = narrative.items(section)
        _call(
            Node(blocks, f"{narrative.where}.{section}"),
            plan_rows_save,
            plan=plan,
            relation="narrative_blocks",
            scope={"section": section},
            rows=_rows(
                nodes, lambda node: {"heading": node.text("heading", default=""), "body": node.paragraphs("body")}
            ),
        )
        result.counts["narrative blocks"] = result.counts.get("narrative blocks", 0) + len(nodes)


def _action_values(node: Node, *, sub_action: bool) -> dict:
    return {
        "title": node.text("title"),
        "accountable_officer": node.text("accountable_officer", default=""),
        "start_text": node.text("start", default=""),
        "end_text": node.text("end", default=""),
        "sub_action": sub_action,
    }


def _load_priorities(document: Node, plan: Plan, result: PlanLoad) -> None:
    """Priorities with their actions, milestones and key decisions.

    Action numbers are derived from order (1, 1.1 … running on across
    priorities), so the printed numbers in the file are only used to resolve
    milestone references ("(2.3)"). Where the printed plan skips numbers, the
    app's numbers close the gap, and the note says so.
    """
    priorities = document.items("priorities")
    top_level = 0
    printed_to_derived: dict[str, str] = {}
    renumbered: list[tuple[str, str]] = []
    planned = []
    for position, node in enumerate(priorities, start=1):
        printed = node.value.get("number") if isinstance(node.value, dict) else None
        if printed is not None and printed != position:
            raise node.fail(f"is printed as priority {printed} but is number {position} in the list")
        rows: list[RowInput] = []
        for action in node.items("actions") if node.has("actions") else []:
            top_level += 1
            derived = str(top_level)
            _remember(action, derived, printed_to_derived, renumbered)
            rows.append(RowInput(id=None, values=_action_values(action, sub_action=False)))
            for index, sub in enumerate(action.items("sub_actions") if action.has("sub_actions") else [], start=1):
                _remember(sub, f"{derived}.{index}", printed_to_derived, renumbered)
                rows.append(RowInput(id=None, values=_action_values(sub, sub_action=True)))
        planned.append((node, rows))

    for node, action_rows in planned:
        description = node.lines("description", bullet="• ") if node.has("description") else ""
        priority = _call(node, priority_create, plan=plan, title=node.text("title"), description=description)
        milestones = node.items("milestones") if node.has("milestones") else []
        decisions = node.items("key_decisions") if node.has("key_decisions") else []
        _call(
            node,
            priority_save,
            priority=priority,
            title=priority.title,
            description=priority.description,
            actions=action_rows,
            milestones=[RowInput(id=None, values=_milestone_values(m, printed_to_derived)) for m in milestones],
            key_decisions=[RowInput(id=None, values=_decision_values(d)) for d in decisions],
        )
        for name, count in (
            ("priorities", 1),
            ("actions", sum(not row.values["sub_action"] for row in action_rows)),
            ("sub-actions", sum(bool(row.values["sub_action"]) for row in action_rows)),
            ("milestones", len(milestones)),
            ("key decisions", len(decisions)),
        ):
            result.counts[name] = result.counts.get(name, 0) + count
    if renumbered:
        printed, derived = renumbered[0]
        result.notes.append(
            f"the printed plan numbers actions with gaps (e.g. {printed} where the running number is {derived}); "
            "the app numbers them continuously"
        )


def _remember(node: Node, derived: str, printed_to_derived: dict[str, str], renumbered: list) -> None:
    printed = node.optional_text("number")
    if printed is None:
        return
    if printed in printed_to_derived:
        raise node.fail(f"action number {printed} is printed twice")
    printed_to_derived[printed] = derived
    if printed != derived:
        renumbered.append((printed, derived))


def _milestone_values(node: Node, printed_to_derived: dict[str, str]) -> dict:
    reference = node.optional_text("action")
    if reference is not None and reference not in printed_to_derived:
        raise node.fail(f"cites action {reference}, which the plan does not have")
    return {
        "title": node.text("title"),
        "due_text": node.text("date", default=""),
        "action_ref": printed_to_derived.get(reference, "") if reference else "",
    }


def _decision_values(node: Node) -> dict:
    answer = node.optional_text("in_forward_plan")
    if answer is not None and answer.strip().lower() not in FORWARD_PLAN:
        raise node.fail(f"'in_forward_plan' must be Yes, No or left out, not {answer!r}")
    return {
        "description": node.text("description"),
        "in_forward_plan": FORWARD_PLAN[answer.strip().lower()] if answer is not None else None,
    }


def _resource_values(node: Node) -> dict:
    values = {
        "unit_name": node.text("unit_name"),
        "responsible_manager": node.text("responsible_manager", default=""),
        **{
            name: figure(node, name)
            for name in ("staffing", "non_staffing", "internal_income", "external_income", "grants")
        },
    }
    # The printed gross and net are checked against the model's computed ones: a mismatch is a transcription slip.
    line = ResourceLine(**values)
    if node.has("printed"):
        printed = node.child("printed")
        for name in ("gross_expenditure", "net_expenditure", "net_cost"):
            if printed.has(name) and figure(printed, name) != getattr(line, name):
                raise printed.fail(
                    f"{name} is printed as {printed.text(name)} but the row's figures give {getattr(line, name)}"
                )
    return values


def _commissioning_values(node: Node) -> dict:
    value, note = pounds(node, "expected_value")
    consultation = node.text("public_consultation").strip().lower()
    if consultation not in CONSULTATION:
        raise node.fail(f"'public_consultation' must be Yes, No or N/A, not {node.text('public_consultation')!r}")
    return {
        "name": node.text("name"),
        "description": node.text("description"),
        "lead_service": node.text("lead_service", default=""),
        "expected_value": value,
        "expected_value_note": note,
        "key_decision_date": node.text("key_decision_date", default=""),
        "public_consultation": CONSULTATION[consultation],
    }


TABLES = {
    "critical_functions": lambda node: {
        "function": node.text("function"),
        "timescale": node.text("timescale"),
        "minimum_service_level": node.text("minimum_service_level", default=""),
    },
    "support_requests": lambda node: {
        "activity": node.text("activity"),
        "expected_impact": node.text("expected_impact", default=""),
        "expected_date": node.text("expected_date", default=""),
    },
    "priority_progress": lambda node: {"title": node.text("title"), "progress": node.lines("progress")},
    "services": lambda node: {
        "group": node.text("group", default=""),
        "service_name": node.text("service_name"),
        "provision": node.text("provision", default=""),
        "contract_end": node.text("contract_end", default=""),
    },
    "commissioning": _commissioning_values,
}


def _load_tables(document: Node, plan: Plan, result: PlanLoad) -> None:
    resources = document.child("resources")
    tables = {
        "resource_lines": (resources, "lines", _resource_values),
        "staffing_lines": (
            resources,
            "staffing_lines",
            lambda node: {"unit_name": node.text("unit_name"), "fte": figure(node, "fte")},
        ),
        **{relation: (document, relation, values) for relation, values in TABLES.items()},
    }
    for relation, (parent, key, values) in tables.items():
        if not parent.has(key):
            continue
        nodes = parent.items(key)
        _call(
            Node(parent.value[key], f"{parent.where}.{key}"),
            plan_rows_save,
            plan=plan,
            relation=relation,
            rows=_rows(nodes, values),
        )
        result.counts[relation.replace("_", " ")] = len(nodes)
