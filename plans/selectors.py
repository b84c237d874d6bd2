"""Reads. Each selector owns its joins so page and PDF query counts stay flat."""

from django.db.models import Prefetch, QuerySet

from . import extensions
from .models import Action, Milestone, NarrativeBlock, Plan, PlanYear, Priority
from .numbering import number_priorities
from .sections import sections_for


def plan_base_queryset() -> QuerySet[Plan]:
    return Plan.objects.select_related(
        "directorate__plan_year",
        "directorate__corporate_director",
        "division__head",
        "division__portfolio__cabinet_member",
    )


def plan_list(*, plan_year: PlanYear | None = None) -> QuerySet[Plan]:
    plans = plan_base_queryset()
    if plan_year is not None:
        plans = plans.filter(directorate__plan_year=plan_year)
    return plans


def plan_get(*, plan_id: int) -> Plan:
    return plan_base_queryset().get(pk=plan_id)


def plan_priorities(*, plan: Plan) -> list[Priority]:
    """Priorities with actions, milestones and key decisions, numbered."""
    priorities = list(
        plan.priorities.order_by("position", "id").prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("position", "id")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "id")),
            "key_decisions",
        )
    )
    number_priorities(priorities)
    return priorities


def plan_narrative(*, plan: Plan) -> dict[str, list[NarrativeBlock]]:
    blocks: dict[str, list[NarrativeBlock]] = {}
    for block in plan.narrative_blocks.order_by("position", "id"):
        blocks.setdefault(block.section, []).append(block)
    return blocks


def column_totals(lines, fields: tuple[str, ...]) -> dict:
    """Totals of each column, computed from the rows (never typed)."""
    return {field: sum((getattr(line, field) for line in lines), start=0) for field in fields}


RESOURCE_COLUMNS = (
    "staffing",
    "non_staffing",
    "gross_expenditure",
    "internal_income",
    "external_income",
    "service_income",
    "net_expenditure",
    "grants",
    "net_cost",
)


def plan_document(*, plan: Plan) -> dict:
    """Everything the read view and the PDF show, in a fixed number of queries."""
    resource_lines = list(plan.resource_lines.all())
    staffing_lines = list(plan.staffing_lines.all())
    return {
        "plan": plan,
        "sections": sections_for(plan.kind),
        "narrative": plan_narrative(plan=plan),
        "priorities": plan_priorities(plan=plan),
        "resource_lines": resource_lines,
        "resource_totals": column_totals(resource_lines, RESOURCE_COLUMNS),
        "staffing_lines": staffing_lines,
        "staffing_total": sum((line.fte for line in staffing_lines), start=0),
        "critical_functions": list(plan.critical_functions.all()),
        "support_requests": list(plan.support_requests.all()),
        "priority_progress": list(plan.priority_progress.all()),
        "services": list(plan.services.all()),
        "commissioning": list(plan.commissioning.all()),
    }


def plan_linked_sections(*, plan: Plan) -> dict:
    """Sections read from the other apps rather than copied: E's risks (from the unit's register)
    and F/L's indicators (from the plan's KPI set), for the read view and the PDF alike.
    Those apps register their readers at start-up (``plans.extensions``)."""
    return extensions.linked_sections(plan=plan)
