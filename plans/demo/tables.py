"""A plan's tables: resources, FTE, business continuity, support, progress, services, commissioning."""

from ..models import Consultation, Plan, ResourceLine
from ..services import plan_rows_save
from .files import Node, figure, pounds
from .writing import PlanLoad, new_rows, service_call

CONSULTATION = {"yes": Consultation.YES, "no": Consultation.NO, "n/a": Consultation.NOT_APPLICABLE}


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


def tables_load(*, document: Node, plan: Plan, result: PlanLoad) -> None:
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
        service_call(
            Node(parent.value[key], f"{parent.where}.{key}"),
            plan_rows_save,
            plan=plan,
            relation=relation,
            rows=new_rows(nodes, values),
        )
        result.counts[relation.replace("_", " ")] = len(nodes)
