"""Reads. Each selector owns its joins so page and PDF query counts stay flat."""

from django.db.models import Count, F, Prefetch, QuerySet

from . import extensions
from .forward_plan import attach_forward_plan_answers
from .models import (
    Action,
    Comment,
    Milestone,
    NarrativeBlock,
    Plan,
    PlanSnapshot,
    PlanStatus,
    PlanTransition,
    PlanYear,
    Priority,
)
from .numbering import number_priorities
from .sections import get_section, sections_for


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


# What the public may read: plans from publication on, never drafts.
PUBLISHED_STATUSES = [PlanStatus.PUBLISHED, PlanStatus.MID_YEAR, PlanStatus.YEAR_END]


def published_plan_list() -> QuerySet[Plan]:
    return plan_base_queryset().filter(status__in=PUBLISHED_STATUSES)


def published_plan_get(*, plan_id: int) -> Plan:
    """A published plan; ``Plan.DoesNotExist`` for a plan that does not exist or is not published."""
    return published_plan_list().get(pk=plan_id)


def plan_table_rows(*, plan: Plan, relation: str, scope: dict | None = None) -> list:
    """The rows of one of a plan's tables (``relation``, e.g. ``"resource_lines"``) in order, narrowed by ``scope``."""
    return list(getattr(plan, relation).filter(**(scope or {})).order_by("position", "id"))


def plan_transitions(*, plan: Plan) -> QuerySet[PlanTransition]:
    """The plan's steps along the approval path, oldest first, with who took them."""
    return plan.transitions.select_related("actor")


def plan_snapshots(*, plan: Plan) -> QuerySet[PlanSnapshot]:
    """The plan's frozen versions, oldest first, with who took them."""
    return plan.snapshots.select_related("taken_by")


def snapshot_get(*, plan: Plan, snapshot_id: int) -> PlanSnapshot:
    """One of the plan's snapshots; ``PlanSnapshot.DoesNotExist`` if it is not one of this plan's."""
    return PlanSnapshot.objects.select_related("taken_by").get(pk=snapshot_id, plan=plan)


def snapshot_comments(*, snapshot: PlanSnapshot) -> dict[str, list[Comment]]:
    """Members' comments on a snapshot by section slug, with their authors and replies."""
    comments = snapshot.comments.select_related("author", "addressed_by").prefetch_related("replies__author")
    by_section: dict[str, list[Comment]] = {}
    for comment in comments:
        by_section.setdefault(comment.section, []).append(comment)
    return by_section


def comment_place(*, comment: Comment, kind: str) -> str:
    """Where a comment was made, in the plan's words: the section's heading ("A. Role/purpose of function"),
    and the row's label when it was made on one row."""
    section = get_section(kind, comment.section)
    heading = section.heading if section else comment.section
    return f"{heading}: {comment.row_label}" if comment.row_label else heading


def _comments_queryset() -> QuerySet[Comment]:
    # The snapshot's frozen document can be large; none of these pages needs it.
    return (
        Comment.objects.select_related("author", "snapshot__plan__directorate__plan_year", "snapshot__plan__division")
        .defer("snapshot__document")
        .annotate(reply_count=Count("replies"))
    )


def _placed(comments) -> list[Comment]:
    comments = list(comments)
    for comment in comments:
        comment.place = comment_place(comment=comment, kind=comment.snapshot.plan.kind)
    return comments


def open_comments(*, plan_ids: list[int]) -> list[Comment]:
    """Members' comments not yet marked addressed on these plans, oldest first, each with its ``place``,
    plan, author and ``reply_count``."""
    comments = _comments_queryset().filter(addressed_at__isnull=True, snapshot__plan_id__in=plan_ids)
    return _placed(comments.order_by("created_at", "id"))


def plan_comments(*, plan: Plan, section: str | None = None) -> list[Comment]:
    """Every comment on the plan's snapshots (or on one section), those still open first, then oldest first."""
    comments = _comments_queryset().filter(snapshot__plan=plan)
    if section is not None:
        comments = comments.filter(section=section)
    return _placed(comments.order_by(F("addressed_at").asc(nulls_first=True), "created_at", "id"))


def comment_get(*, plan: Plan, comment_id: int) -> Comment:
    """A comment on one of the plan's snapshots; ``Comment.DoesNotExist`` otherwise."""
    return Comment.objects.select_related("snapshot").get(pk=comment_id, snapshot__plan=plan)


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


def column_totals(*, lines, fields: tuple[str, ...]) -> dict:
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


def resource_tables(*, resource_lines: list, staffing_lines: list) -> dict:
    """The money and staffing tables with their totals, as ``plan_document`` gives them.

    Live rows and rows rebuilt from a stored version (``versions.hydrate``) are totalled here alike.
    """
    return {
        "resource_lines": resource_lines,
        "resource_totals": column_totals(lines=resource_lines, fields=RESOURCE_COLUMNS),
        "staffing_lines": staffing_lines,
        "staffing_total": column_totals(lines=staffing_lines, fields=("fte",))["fte"],
    }


def plan_document(*, plan: Plan, user=None) -> dict:
    """Everything the read view and the PDF show, in a fixed number of queries.

    Key decisions carry their Forward Plan answer (``plans.forward_plan``); with ``user``, also the links
    to add or link an entry when that person keeps the Forward Plan.
    """
    priorities = plan_priorities(plan=plan)
    attach_forward_plan_answers(priorities, user=user)
    return {
        "plan": plan,
        "sections": sections_for(plan.kind),
        "narrative": plan_narrative(plan=plan),
        "priorities": priorities,
        **resource_tables(
            resource_lines=list(plan.resource_lines.all()), staffing_lines=list(plan.staffing_lines.all())
        ),
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
