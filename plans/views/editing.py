"""Edit pages: one per plan section, and one per priority (its actions, milestones and decisions)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from kcc_planning.forms import error_list, service_errors_add

from .. import forms as plan_forms
from ..forward_plan import attach_forward_plan_answers
from ..models import NarrativeSection, PlanKind
from ..sections import Section, SectionKind, get_section
from ..selectors import plan_comments, plan_document, plan_get, plan_priorities, plan_table_rows
from ..services import (
    ForeignRowError,
    PlanConflictError,
    TableInput,
    TableValidationError,
    plan_section_save,
    priority_save,
)
from .access import plan_for
from .formsets import bound_formset, formset_rows, wants_new_row


@dataclass(frozen=True)
class TableSpec:
    relation: str
    form_class: type
    row_label: str
    title: str
    # For narrative blocks shown inside a non-narrative section (e.g. G's political priorities).
    narrative: NarrativeSection | None = None


NARRATIVE = TableSpec("narrative_blocks", plan_forms.NarrativeBlockForm, "Part", "Text")
SECTION_TABLES: dict[SectionKind, tuple[TableSpec, ...]] = {
    SectionKind.SUMMARY: (),
    SectionKind.PERFORMANCE: (),
    SectionKind.NARRATIVE: (NARRATIVE,),
    SectionKind.PRIORITIES: (TableSpec("priorities", plan_forms.PriorityRowForm, "Priority", "Priorities"),),
    SectionKind.RESOURCES: (TableSpec("resource_lines", plan_forms.ResourceLineForm, "Row", "Financial resources"),),
    SectionKind.CONTINUITY: (
        TableSpec("critical_functions", plan_forms.CriticalFunctionForm, "Critical function", "Business continuity"),
    ),
    SectionKind.SUPPORT: (TableSpec("support_requests", plan_forms.SupportRequestForm, "Activity", "Activities"),),
    SectionKind.PROGRESS: (
        TableSpec("priority_progress", plan_forms.PriorityProgressForm, "Priority", "Last year's priorities"),
    ),
    SectionKind.SERVICES: (TableSpec("services", plan_forms.ServiceProvisionForm, "Service", "Services"),),
    SectionKind.COMMISSIONING: (
        TableSpec("commissioning", plan_forms.CommissioningForm, "Activity", "Commissioning activity"),
    ),
}
STAFFING = TableSpec("staffing_lines", plan_forms.StaffingLineForm, "Division", "Staff resources (FTE)")
PRIORITIES_INTRO = TableSpec(
    "narrative_blocks",
    plan_forms.NarrativeBlockForm,
    "Part",
    "Introduction (political priorities, equality objectives)",
    narrative=NarrativeSection.PRIORITIES,
)


def _tables_for(plan, section: Section) -> tuple[TableSpec, ...]:
    tables = SECTION_TABLES[section.kind]
    if section.kind == SectionKind.RESOURCES and plan.kind == PlanKind.DIRECTORATE:
        tables = (*tables, STAFFING)
    if section.kind == SectionKind.PRIORITIES and plan.kind == PlanKind.DIRECTORATE:
        tables = (PRIORITIES_INTRO, *tables)
    return tables


def _plan_form_class(plan, section: Section):
    if section.kind == SectionKind.SUMMARY:
        return plan_forms.PlanSummaryForm
    if section.kind == SectionKind.RESOURCES:
        return (
            plan_forms.DirectorateResourcesForm if plan.kind == PlanKind.DIRECTORATE else plan_forms.PlanResourcesForm
        )
    return None


def _scope(section: Section, spec: TableSpec) -> dict:
    if spec.relation != "narrative_blocks":
        return {}
    return {"section": spec.narrative or section.narrative}


def _initial_rows(plan, section: Section, spec: TableSpec) -> list[dict]:
    fields = spec.form_class._meta.fields
    rows = plan_table_rows(plan=plan, relation=spec.relation, scope=_scope(section, spec))
    return [
        {"row_id": row.pk, "ORDER": index, **{name: getattr(row, name) for name in fields}}
        for index, row in enumerate(rows, start=1)
    ]


def _conflict_document(request, plan, section: Section) -> dict:
    """Both versions for the conflict page: what is saved now, and (in the form) what this user typed.

    The page says what happened itself (templates/includes/conflict.html, shared by every edit screen).
    """
    document = plan_document(plan=plan_get(plan_id=plan.pk))
    return {**document, "section": section, "may_edit": False}


@login_required
def section_edit(request, plan_id: int, slug: str):
    plan = plan_for(request, plan_id, "plans.change_plan")
    section = get_section(plan.kind, slug)
    if section is None:
        raise Http404("No such section")
    if section.kind == SectionKind.PERFORMANCE:
        # Indicators, targets and actuals are edited in the performance app.
        return redirect(reverse("performance:plan_indicators", args=[plan.pk]))
    tables = _tables_for(plan, section)
    form_class = _plan_form_class(plan, section)
    data = request.POST if request.method == "POST" and not wants_new_row(request) else None
    lock_form = plan_forms.LockedForm(
        request.POST if request.method == "POST" else None, initial={"lock_version": plan.lock_version}
    )
    plan_form = None
    if form_class:
        plan_form = form_class(request.POST if request.method == "POST" else None, instance=plan, prefix="plan")
    formsets = [
        (
            spec,
            bound_formset(
                plan_forms.make_formset(spec.form_class), request, spec.relation, _initial_rows(plan, section, spec)
            ),
        )
        for spec in tables
    ]
    conflict = None
    if data is not None:
        valid = lock_form.is_valid() & all([fs.is_valid() for _, fs in formsets])
        if plan_form is not None:
            valid &= plan_form.is_valid()
        if valid:
            ordered = {spec.relation: formset_rows(fs) for spec, fs in formsets}
            try:
                plan_section_save(
                    plan=plan,
                    values={name: plan_form.cleaned_data[name] for name in plan_form._meta.fields}
                    if plan_form
                    else None,
                    tables=[
                        TableInput(relation=spec.relation, rows=ordered[spec.relation][0], scope=_scope(section, spec))
                        for spec, _ in formsets
                    ],
                    lock_version=lock_form.cleaned_data["lock_version"],
                    actor=request.user,
                    subject=section.heading,
                )
            except ForeignRowError:
                raise Http404("That row is not part of this plan") from None
            except PlanConflictError:
                conflict = _conflict_document(request, plan, section)
            except TableValidationError as error:
                service_errors_add(
                    error,
                    forms=[plan_form],
                    formsets={spec.relation: (formset, ordered[spec.relation][1]) for spec, formset in formsets},
                )
            else:
                messages.success(request, f"{section.heading} saved.")
                return redirect(reverse("plans:section_edit", args=[plan.pk, section.slug]))
    return render(
        request,
        "plans/section_edit.html",
        {
            "plan": plan,
            "section": section,
            "lock_form": lock_form,
            "plan_form": plan_form,
            "formsets": formsets,
            "priorities": plan_priorities(plan=plan) if section.kind == SectionKind.PRIORITIES else None,
            "comments": plan_comments(plan=plan, section=section.slug),
            "errors": error_list(plan_form, *[fs for _, fs in formsets]) if data is not None else [],
            "conflict": conflict,
        },
    )


def _action_initial(priority) -> list[dict]:
    rows, order = [], 1
    for action in priority.top_actions:
        for item in [action, *action.children]:
            rows.append(
                {
                    "row_id": item.pk,
                    "ORDER": order,
                    "sub_action": item.parent_id is not None,
                    "title": item.title,
                    "accountable_officer": item.accountable_officer,
                    "start_text": item.start_text,
                    "end_text": item.end_text,
                    "number": item.number,
                    # Shown open on the page: an action (not a heading over sub-actions) with no officer yet.
                    "open": not item.accountable_officer.strip() and not getattr(item, "children", None),
                }
            )
            order += 1
    return rows


def _first_action_number(priorities, priority) -> int:
    """The number this priority's first top-level action has (numbers run on across the plan)."""
    before = priorities[: priorities.index(priority)]
    return sum(len(p.top_actions) for p in before) + 1


def _action_rows(formset) -> tuple[list, list[int]]:
    """Action rows in order, sub-actions moving with their parent; a new row is keyed by its form index."""
    rows, indexes = formset_rows(formset, group_field="sub_action")
    for row, index in zip(rows, indexes, strict=True):
        if row.id is None:
            row.values["key"] = f"new-{index}"
    return rows, indexes


@login_required
def priority_edit(request, plan_id: int, priority_id: int):
    plan = plan_for(request, plan_id, "plans.change_plan")
    priorities = plan_priorities(plan=plan)
    priority = next((p for p in priorities if p.pk == priority_id), None)
    if priority is not None:
        attach_forward_plan_answers([priority], user=request.user)
    if priority is None:
        raise Http404("No such priority in this plan")
    posting = request.method == "POST"
    lock_form = plan_forms.LockedForm(request.POST if posting else None, initial={"lock_version": plan.lock_version})
    form = plan_forms.PriorityForm(request.POST if posting else None, instance=priority, prefix="priority")
    action_formset = bound_formset(
        plan_forms.make_formset(plan_forms.ActionForm), request, "actions", _action_initial(priority)
    )
    milestone_formset = bound_formset(
        plan_forms.make_formset(plan_forms.MilestoneForm),
        request,
        "milestones",
        [
            {
                "row_id": m.pk,
                "ORDER": i,
                "title": m.title,
                "action_ref": m.action_number or "",
                "action_key": str(m.action_id or ""),
                "action_key_number": m.action_number or "",
                "due_text": m.due_text,
                "letter": m.letter,
            }
            for i, m in enumerate(priority.milestones.all(), start=1)
        ],
    )
    decision_formset = bound_formset(
        plan_forms.make_formset(plan_forms.KeyDecisionForm),
        request,
        "key_decisions",
        [
            {
                "row_id": d.pk,
                "ORDER": i,
                "description": d.description,
            }
            for i, d in enumerate(priority.key_decisions.all(), start=1)
        ],
    )
    formsets = [
        ("actions", "Actions", "Action", action_formset),
        ("milestones", "Key milestones", "Milestone", milestone_formset),
        ("key_decisions", "Key or significant decisions", "Decision", decision_formset),
    ]
    submitted = posting and not wants_new_row(request)
    conflict = None
    if submitted:
        valid = lock_form.is_valid() & form.is_valid() & all([fs.is_valid() for *_, fs in formsets])
        if valid:
            ordered = {name: _action_rows(fs) if name == "actions" else formset_rows(fs) for name, _, _, fs in formsets}
            try:
                priority_save(
                    priority=priority,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    actions=ordered["actions"][0],
                    milestones=ordered["milestones"][0],
                    key_decisions=ordered["key_decisions"][0],
                    lock_version=lock_form.cleaned_data["lock_version"],
                    actor=request.user,
                )
            except ForeignRowError:
                raise Http404("That row is not part of this priority") from None
            except PlanConflictError:
                conflict = _conflict_document(request, plan, get_section(plan.kind, "priorities"))
            except TableValidationError as error:
                service_errors_add(
                    error,
                    forms=[form],
                    formsets={name: (formset, ordered[name][1]) for name, _, _, formset in formsets},
                )
            else:
                messages.success(request, f"Priority {priority.number}: {form.cleaned_data['title']} saved.")
                return redirect(reverse("plans:priority_edit", args=[plan.pk, priority.pk]))
    return render(
        request,
        "plans/priority_edit.html",
        {
            "plan": plan,
            "priority": priority,
            "section": get_section(plan.kind, "priorities"),
            "lock_form": lock_form,
            "form": form,
            "formsets": formsets,
            "errors": error_list(form, *[fs for *_, fs in formsets]) if submitted else [],
            "conflict": conflict,
            "first_action_number": _first_action_number(priorities, priority),
        },
    )
