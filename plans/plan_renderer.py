"""The business plan as a PDF: print context, HTML and the "plan" renderer registration.

The print layout follows the council's printed documents: the 2013-14
divisional template (seed 001) and the 2017-18 directorate template (seed 003).
All figures come from ``plans.selectors.plan_document``, so the PDF shows
exactly what the read view shows, in a fixed number of queries.
"""

from __future__ import annotations

from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from documents import registry

from .models import Plan, PlanKind
from .sections import SectionKind
from .selectors import plan_document, plan_get, plan_linked_sections

# Financial table columns as each template prints them: (attribute, heading).
DIVISIONAL_MONEY_COLUMNS = (
    ("staffing", "Staffing"),
    ("non_staffing", "Non Staffing"),
    ("gross_expenditure", "Gross Expenditure"),
    ("service_income", "Service Income"),
    ("net_expenditure", "Net Expenditure"),
    ("grants", "Govt. Grants"),
    ("net_cost", "Net Cost"),
)
DIRECTORATE_MONEY_COLUMNS = (
    ("staffing", "Staffing"),
    ("non_staffing", "Non staffing"),
    ("gross_expenditure", "Gross expenditure"),
    ("internal_income", "Internal income"),
    ("external_income", "External income"),
    ("grants", "Grants"),
    ("net_cost", "Net cost"),
)

# Narrative printed inside sections that are not narrative sections themselves.
EXTRA_NARRATIVE = {
    SectionKind.PRIORITIES: "priorities",
    SectionKind.CONTINUITY: "risks",
}


def _year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _heading(plan: Plan, section) -> str:
    """Section headings as printed: "SECTION A: ROLE/PURPOSE OF FUNCTION" (2013-14) or "D. Progress on…" (2017-18)."""
    if plan.kind == PlanKind.DIVISIONAL:
        if not section.letter:
            return f"{section.title.upper()}:"
        return f"SECTION {section.letter}: {section.title.upper()}"
    year = plan.plan_year
    if section.slug == "progress":
        return f"{section.letter}. Progress on the {_year_label(year.start_year - 1)} directorate priorities"
    if section.slug == "priorities":
        return f"{section.letter}. Directorate priorities for {year.label}"
    return section.heading


def plan_print_context(plan: Plan, document: dict | None = None) -> dict:
    """Everything ``print/plan.html`` needs; pure arrangement of ``plan_document``, no further queries.

    ``document`` is a prepared context of the same shape (``versions.hydrate`` of a snapshot), so a
    frozen snapshot prints through the same templates (agenda packs print plans as sent to committee).
    A document brings its own frozen sections E and F/L: the live register and indicators are read only
    for the live plan, never printed as if they were what was sent.
    """
    if document is None:
        context = plan_document(plan=plan)
        context.update(plan_linked_sections(plan=plan))
    else:
        context = document
    # Headings, year and money unit come from the plan as printed: for a document, as it was stored.
    plan = context["plan"]
    narrative = context["narrative"]
    is_divisional = plan.kind == PlanKind.DIVISIONAL
    columns = DIVISIONAL_MONEY_COLUMNS if is_divisional else DIRECTORATE_MONEY_COLUMNS
    totals = context["resource_totals"]
    printed_sections = []
    for section in context["sections"]:
        narrative_key = section.narrative or EXTRA_NARRATIVE.get(section.kind)
        printed_sections.append(
            {
                "section": section,
                "anchor": f"section-{section.slug}",
                "heading": _heading(plan, section),
                "blocks": narrative.get(narrative_key, []) if narrative_key else [],
            }
        )
    year = plan.plan_year
    context.update(
        {
            "council_name": settings.COUNCIL_NAME,
            "is_divisional": is_divisional,
            "printed_sections": printed_sections,
            "money_columns": [heading for _, heading in columns],
            "money_rows": [
                {
                    "unit_name": line.unit_name,
                    "responsible_manager": line.responsible_manager,
                    "values": [getattr(line, attribute) for attribute, _ in columns],
                }
                for line in context["resource_lines"]
            ],
            "money_totals": [totals[attribute] for attribute, _ in columns],
            "money_unit": plan.get_resources_unit_display(),
            "fte_now_label": f"FTE establishment at 31 March {year.start_year}",
            "fte_next_label": f"Estimate of FTE establishment at 31 March {year.start_year + 1}",
            "service_groups": [
                {"name": name, "services": list(rows)}
                for name, rows in groupby(context["services"], key=lambda service: service.group)
            ],
            "priority_list_heading": f"{plan.directorate.name} Directorate Priorities {year.label}",
        }
    )
    return context


def build_plan_html(plan: Plan, options: dict) -> str:
    """The print HTML of the whole plan (``options`` are not used: a plan has one layout)."""
    # The job's subject is a bare Plan: reload it with the joins the template needs.
    plan = plan_get(plan_id=plan.pk)
    return render_to_string("print/plan.html", plan_print_context(plan))


def plan_filename(plan: Plan, options: dict) -> str:
    draft = " DRAFT" if plan.is_draft else ""
    return f"{plan.unit_name} business plan {plan.plan_year.label}{draft}.pdf"


def plan_url(plan: Plan) -> str:
    return reverse("plans:plan_overview", args=[plan.pk])


PLAN_RENDERER = registry.register(
    registry.DocumentRenderer(
        key="plan",
        model=Plan,
        build_html=build_plan_html,
        filename=plan_filename,
        permission="plans.render_plan",
        subject_url=plan_url,
    )
)
