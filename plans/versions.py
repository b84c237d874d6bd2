"""Plan versions as plain documents.

A plan's content at any moment is turned into one JSON-able document: from
the live rows, from django-simple-history's record of any earlier moment
(``as_of``), or from a frozen snapshot. The same document drives the version
comparison, the snapshot page and snapshot PDFs, so what a committee saw is
shown with the same templates as the live plan.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db.models import Model

from . import extensions
from .forward_plan import frozen_answers
from .models import (
    Action,
    CommissioningActivity,
    CriticalFunction,
    Directorate,
    Division,
    KeyDecision,
    Milestone,
    NarrativeBlock,
    Plan,
    PlanYear,
    Priority,
    PriorityProgress,
    ResourceLine,
    ServiceProvision,
    StaffingLine,
    SupportRequest,
)
from .numbering import milestone_letter, order_actions
from .sections import sections_for
from .selectors import resource_tables

TABLES: dict[str, tuple[type[Model], tuple[str, ...]]] = {
    "resource_lines": (
        ResourceLine,
        (
            "unit_name",
            "responsible_manager",
            "staffing",
            "non_staffing",
            "internal_income",
            "external_income",
            "grants",
        ),
    ),
    "staffing_lines": (StaffingLine, ("unit_name", "fte")),
    "critical_functions": (CriticalFunction, ("function", "timescale", "minimum_service_level")),
    "support_requests": (SupportRequest, ("activity", "expected_impact", "expected_date")),
    "priority_progress": (PriorityProgress, ("title", "progress")),
    "services": (ServiceProvision, ("group", "service_name", "provision", "contract_end")),
    "commissioning": (
        CommissioningActivity,
        (
            "name",
            "description",
            "lead_service",
            "expected_value",
            "expected_value_note",
            "key_decision_date",
            "public_consultation",
        ),
    ),
}
PLAN_FIELDS = (
    "status_note",
    "summary_portfolio",
    "summary_corporate_director",
    "summary_heads_of_service",
    "summary_gross_expenditure",
    "summary_fte",
    "resources_unit",
    "resources_note",
    "fte_current",
    "fte_estimate",
    "fte_variance_reason",
)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


@dataclass
class _Rows:
    plan: Plan
    narrative: list
    priorities: list
    actions: list
    milestones: list
    decisions: list
    tables: dict[str, list]
    forward_plan: dict[int, str] | None = None  # key decision id → entry number, for the plan now only


def _collect(plan: Plan, when: datetime.datetime | None) -> _Rows:
    def source(model):
        return model.history.as_of(when) if when else model.objects

    if when:
        header = Plan.history.as_of(when).filter(pk=plan.pk).first() or plan
        # History records keep ids, not the related rows: borrow the live organisation.
        header.directorate, header.division = plan.directorate, plan.division
    else:
        header = plan
    order = ("position", "id")
    priorities = list(source(Priority).filter(plan_id=plan.pk).order_by(*order))
    ids = [p.pk for p in priorities]
    decisions = list(source(KeyDecision).filter(priority_id__in=ids).order_by(*order))
    return _Rows(
        plan=header,
        narrative=list(source(NarrativeBlock).filter(plan_id=plan.pk).order_by(*order)),
        priorities=priorities,
        actions=list(source(Action).filter(priority_id__in=ids).order_by(*order)),
        milestones=list(source(Milestone).filter(priority_id__in=ids).order_by(*order)),
        decisions=decisions,
        tables={
            name: list(source(model).filter(plan_id=plan.pk).order_by(*order)) for name, (model, _) in TABLES.items()
        },
        forward_plan=None if when else frozen_answers(decision_ids=[d.pk for d in decisions]),
    )


def _decision(decision, forward_plan: dict[int, str] | None) -> dict:
    """A key decision as stored. Now, the Forward Plan answers (the entry's number frozen with it); an earlier
    version, whose links are not in the plan's history, keeps the answer its row had then (typed before issue 13).
    """
    row = {"key": f"decision:{decision.pk}", "description": decision.description}
    if forward_plan is None:
        return {**row, "in_forward_plan": decision.in_forward_plan}
    number = forward_plan.get(decision.pk, "")
    return {**row, "in_forward_plan": bool(number), "forward_plan_number": number}


def _serialize(rows: _Rows, version: int) -> dict:
    plan = rows.plan
    by_priority, numbers = order_actions(rows.priorities, rows.actions)
    priorities = []
    for number, priority in enumerate(rows.priorities, start=1):
        milestones = [m for m in rows.milestones if m.priority_id == priority.pk]
        priorities.append(
            {
                "key": f"priority:{priority.pk}",
                "number": number,
                "title": priority.title,
                "description": priority.description,
                "actions": [
                    {
                        "key": f"action:{a.pk}",
                        "number": numbers[a.pk],
                        "is_sub": "." in numbers[a.pk],
                        "title": a.title,
                        "accountable_officer": a.accountable_officer,
                        "start_text": a.start_text,
                        "end_text": a.end_text,
                    }
                    for a in by_priority[priority.pk]
                ],
                "milestones": [
                    {
                        "key": f"milestone:{m.pk}",
                        "letter": milestone_letter(index),
                        "title": m.title,
                        "action_number": numbers.get(m.action_id),
                        "due_text": m.due_text,
                    }
                    for index, m in enumerate(milestones)
                ],
                "key_decisions": [
                    _decision(d, rows.forward_plan) for d in rows.decisions if d.priority_id == priority.pk
                ],
            }
        )
    narrative: dict[str, list] = {}
    for block in rows.narrative:
        narrative.setdefault(block.section, []).append(
            {"key": f"narrative:{block.pk}", "heading": block.heading, "body": block.body}
        )
    tables = {
        name: [
            {"key": f"{name}:{row.pk}", **{field: _plain(getattr(row, field)) for field in fields}}
            for row in rows.tables[name]
        ]
        for name, (_, fields) in TABLES.items()
    }
    return {
        "plan": {
            "id": plan.pk,
            "kind": plan.kind,
            "title": plan.title,
            "unit_name": plan.unit_name,
            "directorate_name": plan.directorate.name,
            "division_name": plan.division.name if plan.division_id else "",
            "year_start": plan.plan_year.start_year,
            "status": plan.status,
            "version": version,
            **{field: _plain(getattr(plan, field)) for field in PLAN_FIELDS},
        },
        "narrative": narrative,
        "priorities": priorities,
        "tables": tables,
    }


def plan_document_data(*, plan: Plan, when: datetime.datetime | None = None, version: int | None = None) -> dict:
    """The plan's content as a JSON-able document: now, or as it stood at ``when``.

    Only a document of the plan now (live, or frozen into a snapshot) has ``"linked"``: sections E and
    F/L frozen from the register and the indicators. Those rows are not in the plan's history, so a past
    version carries none, and shows and compares nothing for them rather than today's values as if past.
    """
    rows = _collect(plan, when)
    document = _serialize(rows, version if version is not None else rows.plan.lock_version)
    if when is None:
        document["linked"] = extensions.linked_sections_frozen(plan=plan)
    return document


def plan_versions(*, plan: Plan) -> list:
    """One entry per saved version, oldest first: number, when, who."""
    seen: dict[int, Any] = {}
    for record in plan.history.order_by("history_date").select_related("history_user"):
        seen[record.lock_version] = record  # the last record of each version number is that version
    return [seen[number] for number in sorted(seen)]


def plan_version_document(*, plan: Plan, number: int) -> dict | None:
    record = next((r for r in plan_versions(plan=plan) if r.lock_version == number), None)
    if record is None:
        return None
    return plan_document_data(plan=plan, when=record.history_date, version=number)


# --- Turning a document back into what the templates expect -----------------------------------


class _ManagerList(list):
    """A list that also answers ``.all()`` like a related manager, for shared templates."""

    def all(self):
        return self


def _stored(model: type[Model], values: dict) -> Model:
    """An unsaved ``model`` from one stored row, so its own properties give the totals and labels.

    Each field turns its JSON value back (``_plain`` made Decimals and dates strings); keys that are not
    fields (``key``) stay as attributes for the templates.
    """
    fields = {model_field.name: model_field for model_field in model._meta.concrete_fields}
    instance = model(**{name: fields[name].to_python(value) for name, value in values.items() if name in fields})
    for name, value in values.items():
        if name not in fields:
            setattr(instance, name, value)
    return instance


def _stored_plan(header: dict) -> Plan:
    """The plan as it stood, unsaved: its title, unit name, year label and status come from the model."""
    directorate = Directorate(name=header["directorate_name"], plan_year=PlanYear(start_year=header["year_start"]))
    plan = _stored(
        Plan,
        {
            "id": header["id"],
            "kind": header["kind"],
            "status": header["status"],
            "lock_version": header["version"],
            **{field: header[field] for field in PLAN_FIELDS},
        },
    )
    plan.directorate = directorate
    if header["division_name"]:
        plan.division = Division(name=header["division_name"], directorate=directorate)
    return plan


def _priorities(items: list[dict]) -> list[SimpleNamespace]:
    """Priorities as numbered when the document was made: a top-level action, then its sub-actions."""
    priorities = []
    for item in items:
        top_actions = []
        for action in item["actions"]:
            row = SimpleNamespace(**action, children=[])
            if action["is_sub"] and top_actions:
                top_actions[-1].children.append(row)
            else:
                top_actions.append(row)
        priorities.append(
            SimpleNamespace(
                **{k: v for k, v in item.items() if k not in {"actions", "milestones", "key_decisions"}},
                top_actions=top_actions,
                milestones=_ManagerList(SimpleNamespace(**m) for m in item["milestones"]),
                key_decisions=_ManagerList(SimpleNamespace(**d) for d in item["key_decisions"]),
            )
        )
    return priorities


def hydrate(document: dict) -> dict:
    """Template context with the same shape as ``selectors.plan_document`` and the linked sections.

    Linked sections come only from the document: one stored before snapshots kept them (no
    ``"linked"``) sets ``linked_not_recorded`` and the templates say so, never showing live values.
    """
    header = document["plan"]
    linked = document.get("linked")
    tables = {name: [_stored(model, row) for row in document["tables"][name]] for name, (model, _) in TABLES.items()}
    return {
        "plan": _stored_plan(header),
        "sections": sections_for(header["kind"]),
        "narrative": {
            section: [_stored(NarrativeBlock, {"section": section, **block}) for block in blocks]
            for section, blocks in document["narrative"].items()
        },
        "priorities": _priorities(document["priorities"]),
        **resource_tables(resource_lines=tables["resource_lines"], staffing_lines=tables["staffing_lines"]),
        "critical_functions": tables["critical_functions"],
        "support_requests": tables["support_requests"],
        "priority_progress": tables["priority_progress"],
        "services": tables["services"],
        "commissioning": tables["commissioning"],
        **extensions.linked_sections_thawed(linked or {}),
        "linked_not_recorded": linked is None,
    }


def document_for_token(*, plan: Plan, token: str) -> tuple[dict, str] | None:
    """Resolve ``current``, ``v<number>`` or ``s<snapshot id>`` to (document, label), or None."""
    if token == "current":
        return plan_document_data(plan=plan), f"Now (version {plan.lock_version})"
    if token.startswith("v") and token[1:].isdigit():
        number = int(token[1:])
        document = plan_version_document(plan=plan, number=number)
        return (document, f"Version {number}") if document else None
    if token.startswith("s") and token[1:].isdigit():
        snapshot = plan.snapshots.filter(pk=int(token[1:])).first()
        if snapshot is None:
            return None
        return snapshot.document, f"{snapshot.get_kind_display()} (version {snapshot.version})"
    return None
