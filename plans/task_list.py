"""The plan overview as a GOV.UK task list: each section not started, in progress or completed, with its
members' comments.

A section's status is read from the plan, never typed: "Not started" while it holds nothing, "In progress"
while the path to approval finds a problem in it (``plans.completeness``), else "Completed". A fixed number
of queries whatever the size of the plan.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, Q

from . import extensions
from .completeness import plan_completeness_problems
from .extensions import Problem
from .models import Comment, Plan
from .sections import Section, SectionKind, sections_for


class TaskStatus(StrEnum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


@dataclass(frozen=True)
class SectionTask:
    section: Section
    status: TaskStatus
    problems: list[Problem] = field(default_factory=list)
    comments: int = 0
    open_comments: int = 0


# The plan's own rows that fill a section of each kind (narrative sections count their blocks).
SECTION_ROWS: dict[SectionKind, tuple[str, ...]] = {
    SectionKind.PRIORITIES: ("priorities",),
    SectionKind.RESOURCES: ("resource_lines", "staffing_lines"),
    SectionKind.CONTINUITY: ("critical_functions",),
    SectionKind.SUPPORT: ("support_requests",),
    SectionKind.PROGRESS: ("priority_progress",),
    SectionKind.SERVICES: ("services",),
    SectionKind.COMMISSIONING: ("commissioning",),
}
# The plan's own fields that fill a section of each kind.
SECTION_FIELDS: dict[SectionKind, tuple[str, ...]] = {
    SectionKind.SUMMARY: (
        "summary_portfolio",
        "summary_corporate_director",
        "summary_heads_of_service",
        "summary_gross_expenditure",
        "summary_fte",
    ),
    SectionKind.RESOURCES: ("resources_note", "fte_current", "fte_estimate", "fte_variance_reason"),
}


def _row_counts(plan: Plan) -> dict[str, int]:
    """How many rows the plan holds in each of its tables and narrative sections, one query per table."""
    relations = {relation for relations in SECTION_ROWS.values() for relation in relations}
    counts = {relation: getattr(plan, relation).count() for relation in sorted(relations)}
    for row in plan.narrative_blocks.exclude(body="", heading="").values("section").annotate(n=Count("id")):
        counts[f"narrative:{row['section']}"] = row["n"]
    return counts


def _comment_counts(plan: Plan) -> dict[str, tuple[int, int]]:
    rows = (
        Comment.objects.filter(snapshot__plan=plan)
        .values("section")
        .annotate(total=Count("id"), still_open=Count("id", filter=Q(addressed_at__isnull=True)))
    )
    return {row["section"]: (row["total"], row["still_open"]) for row in rows}


def _has_content(plan: Plan, section: Section, counts: dict[str, int], linked: dict[str, int]) -> bool:
    if any(str(getattr(plan, name) or "").strip() for name in SECTION_FIELDS.get(section.kind, ())):
        return True
    if section.kind == SectionKind.NARRATIVE:
        return counts.get(f"narrative:{section.narrative}", 0) > 0
    own = sum(counts.get(relation, 0) for relation in SECTION_ROWS.get(section.kind, ()))
    return own + linked.get(section.kind.value, 0) > 0


def plan_task_list(*, plan: Plan) -> list[SectionTask]:
    """Every section of the plan in printed order, with its status, problems and comment counts."""
    counts = _row_counts(plan)
    linked = extensions.linked_row_counts(plan=plan)
    comments = _comment_counts(plan)
    problems: dict[str, list[Problem]] = {}
    for problem in plan_completeness_problems(plan=plan):
        problems.setdefault(problem.section, []).append(problem)
    tasks = []
    for section in sections_for(plan.kind):
        own_problems = problems.get(section.slug, [])
        if not _has_content(plan, section, counts, linked):
            status = TaskStatus.NOT_STARTED
        elif own_problems:
            status = TaskStatus.IN_PROGRESS
        else:
            status = TaskStatus.COMPLETED
        total, still_open = comments.get(section.slug, (0, 0))
        tasks.append(SectionTask(section, status, own_problems, total, still_open))
    return tasks
