"""Loading one plan file (``plan_*.json``) through ``plans.services``.

Everything a user could type goes through the same services as the edit
pages, so the demo data obeys the same validation (dates, lengths, numbering).
Only the empty plan itself is created here: there is no service for that,
because plans are created by an administrator, not on the edit pages.
"""

from django.core.exceptions import ValidationError

from ..models import Directorate, MoneyUnit, NarrativeSection, Plan, PlanKind
from ..services import plan_rows_save, plan_update
from .files import Node, figure, start_year
from .priorities import priorities_load
from .tables import tables_load
from .writing import PlanLoad, new_rows, service_call

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

    service_call(document, plan_update, plan=plan, values=_plan_values(document, kind))
    _load_narrative(document, plan, result)
    priorities_load(document=document, plan=plan, result=result)
    tables_load(document=document, plan=plan, result=result)
    # The status goes last: content is written while the plan is a draft, as it would have been.
    service_call(document, plan_update, plan=plan, values={"status": document.text("status")})
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
        service_call(
            Node(blocks, f"{narrative.where}.{section}"),
            plan_rows_save,
            plan=plan,
            relation="narrative_blocks",
            scope={"section": section},
            rows=new_rows(
                nodes, lambda node: {"heading": node.text("heading", default=""), "body": node.paragraphs("body")}
            ),
        )
        result.counts["narrative blocks"] = result.counts.get("narrative blocks", 0) + len(nodes)
