"""The council-wide view's reads of actions and milestones: each plan's actions counted by latest status, and the
off-track actions and overdue milestones among them.

Each item's latest update is picked in the database (``latest_update_of``, a subquery per item ordered by period)
and the counts are grouped there too, so a council of 3,000 actions reads about 3,300 short rows rather than all
13,000 updates of the year. Five queries however big the council.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from .. import periods
from ..extensions import CouncilException
from ..models import Action, Milestone, Plan, Priority, ProgressStatus, ProgressUpdate
from ..numbering import milestone_letter, order_actions
from ..progress.selectors import is_overdue, latest_update_of

NOT_REPORTED = ""
OFF_TRACK, OVERDUE = "action_off_track", "milestone_overdue"
# The latest update's fields a milestone needs to tell whether it is overdue.
_MILESTONE_FIELDS = ("status", "revised_date", "revised_reason", "achieved_on")


class _Numbered(NamedTuple):
    """What ``order_actions`` needs of an action to number it, without a model instance per action."""

    pk: int
    priority_id: int
    parent_id: int | None


def _current_code(plan: Plan, today: datetime.date) -> str:
    """The period officers would report in today (the year's first or last outside it)."""
    year_periods = periods.plan_year_periods(start_year=plan.plan_year.start_year, kind=periods.plan_period_kind(plan))
    started = [dates for dates in year_periods if dates.starts_on <= today]
    return (started[-1] if started else year_periods[0]).code


def _progress_urls(by_id: dict[int, Plan], today: datetime.date) -> dict[int, str]:
    """Each plan's progress page for the period officers report in today (an exception's link adds its row)."""
    return {pk: reverse("plans:progress_period", args=[pk, _current_code(plan, today)]) for pk, plan in by_id.items()}


def _overdue_detail(due: datetime.date, update: ProgressUpdate | None) -> str:
    detail = f"Due by {due.day} {due:%B %Y}"
    if update is not None and update.revised_date is not None:
        detail += f" (revised date; reason: {update.revised_reason})"
    return detail


def action_counts(plan_ids: list[int], today: datetime.date, columns: list[str]) -> dict[int, dict[str, int]]:
    """Each plan's actions by latest status (``NOT_REPORTED`` for never reported), counted in the database."""
    counts = {pk: dict.fromkeys(columns, 0) for pk in plan_ids}
    status = Coalesce(Subquery(latest_update_of("action", upto=today).values("status")[:1]), Value(NOT_REPORTED))
    grouped = (
        Action.objects.filter(priority__plan_id__in=plan_ids)
        .annotate(latest_status=status)
        .values("priority__plan_id", "latest_status")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in grouped:
        counts[row["priority__plan_id"]][row["latest_status"]] = row["count"]
    return counts


def _off_track(urls: dict[int, str], plan_of_priority: dict, priorities: list, today) -> list[CouncilException]:
    """Actions whose latest update says off track, numbered as the plan prints them (two queries)."""
    actions = Action.objects.filter(priority_id__in=plan_of_priority).order_by("position", "id")
    priorities_of: dict[int, list] = defaultdict(list)
    for priority in priorities:
        priorities_of[priority.plan_id].append(priority)
    actions_of: dict[int, list[_Numbered]] = defaultdict(list)
    for row in actions.values_list("id", "priority_id", "parent_id"):
        actions_of[plan_of_priority[row[1]]].append(_Numbered(*row))
    numbers: dict[int, str] = {}
    for plan_id, plan_actions in actions_of.items():
        numbers.update(order_actions(priorities_of[plan_id], plan_actions)[1])
    latest = latest_update_of("action", upto=today)
    off_track = actions.annotate(
        latest_status=Subquery(latest.values("status")[:1]), latest_commentary=Subquery(latest.values("commentary")[:1])
    ).filter(latest_status=ProgressStatus.OFF_TRACK)
    found = []
    for pk, priority_id, title, commentary in off_track.values_list("id", "priority_id", "title", "latest_commentary"):
        plan_id = plan_of_priority[priority_id]
        found.append(
            CouncilException(
                kind=OFF_TRACK,
                kind_label="Action off track",
                plan_id=plan_id,
                reference=f"Action {numbers[pk]}",
                title=title,
                detail=commentary,
                url=f"{urls[plan_id]}#a{pk}-status",
            )
        )
    return found


def _overdue(urls: dict[int, str], plan_of_priority: dict, today) -> tuple[list[CouncilException], dict[int, int]]:
    """Milestones overdue at ``today`` by their latest update, lettered as printed (one query)."""
    latest = latest_update_of("milestone", upto=today)
    milestones = (
        Milestone.objects.filter(priority_id__in=plan_of_priority)
        .only("id", "title", "priority", "due_month")
        .annotate(**{f"latest_{name}": Subquery(latest.values(name)[:1]) for name in _MILESTONE_FIELDS})
        .order_by("position", "id")
    )
    found, overdue_counts = [], defaultdict(int)
    index_in_priority: dict[int, int] = defaultdict(int)
    for milestone in milestones:
        letter = milestone_letter(index_in_priority[milestone.priority_id])
        index_in_priority[milestone.priority_id] += 1
        update = None
        if milestone.latest_status is not None:
            update = ProgressUpdate(**{name: getattr(milestone, f"latest_{name}") for name in _MILESTONE_FIELDS})
        overdue, due = is_overdue(milestone, update, today)
        if not overdue:
            continue
        plan_id = plan_of_priority[milestone.priority_id]
        overdue_counts[plan_id] += 1
        found.append(
            CouncilException(
                kind=OVERDUE,
                kind_label="Milestone overdue",
                plan_id=plan_id,
                reference=f"Milestone {letter}",
                title=milestone.title,
                detail=_overdue_detail(due, update),
                url=f"{urls[plan_id]}#m{milestone.pk}-status",
            )
        )
    return found, overdue_counts


def plan_exceptions(plans: list[Plan], today: datetime.date) -> tuple[list[CouncilException], dict[int, int]]:
    """Off-track actions and overdue milestones, and each plan's overdue milestones counted (four queries)."""
    urls = _progress_urls({plan.pk: plan for plan in plans}, today)
    priorities = list(Priority.objects.filter(plan_id__in=urls).only("id", "plan").order_by("position", "id"))
    plan_of_priority = {priority.pk: priority.plan_id for priority in priorities}
    found = _off_track(urls, plan_of_priority, priorities, today)
    overdue, overdue_counts = _overdue(urls, plan_of_priority, today)
    return found + overdue, overdue_counts
