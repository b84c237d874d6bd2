"""Reads of progress through the year. Each owns its joins: a fixed number of queries however big the plan."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber

from .. import periods
from ..models import (
    CLOSED_STATUSES,
    Action,
    Milestone,
    Plan,
    Priority,
    ProgressStatus,
    ProgressUpdate,
    ReportingPeriod,
)
from ..selectors import plan_priorities

# An item's key in the dicts below: ("action", id) or ("milestone", id).
ItemKey = tuple[str, int]


def item_key(update: ProgressUpdate) -> ItemKey:
    return ("action", update.action_id) if update.action_id else ("milestone", update.milestone_id)


def plan_periods(*, plan: Plan) -> list[ReportingPeriod]:
    """The plan year's periods of the plan's kind (quarters, or months where the division chose them), oldest
    first: stored ones as stored (with any moved open/close dates), the rest unsaved (``pk`` None).
    Periods stored under another kind (a division that changed its mind) are listed too. One query."""
    stored = {period.code: period for period in plan.reporting_periods.all()}
    computed = periods.plan_year_periods(start_year=plan.plan_year.start_year, kind=periods.plan_period_kind(plan))
    result = {
        dates.code: stored.get(dates.code) or periods.unsaved_period(plan=plan, dates=dates) for dates in computed
    }
    for code, period in stored.items():
        result.setdefault(code, period)
    return sorted(result.values(), key=lambda period: (period.starts_on, period.ends_on))


def plan_period_get(*, plan: Plan, code: str) -> ReportingPeriod:
    """One of ``plan_periods``; ``ReportingPeriod.DoesNotExist`` for a code that is not one of the plan's."""
    for period in plan_periods(plan=plan):
        if period.code == (code or "").strip().upper():
            return period
    raise ReportingPeriod.DoesNotExist(f"{code} is not a reporting period of this plan.")


# "Latest" is by period, then by save: a Q1 row saved late never hides Q2. Every "each item's latest update" read
# (``latest_updates``, ``latest_update_of``, the progress page's earlier periods) orders by this.
NEWEST_FIRST = ("-period__starts_on", "-period__ends_on", "-id")


def _updates(*, plan_ids: Iterable[int], upto: datetime.date | None) -> QuerySet[ProgressUpdate]:
    updates = ProgressUpdate.objects.filter(period__plan_id__in=list(plan_ids)).select_related("period", "updated_by")
    if upto is not None:
        updates = updates.filter(period__starts_on__lte=upto)
    return updates.order_by("period__starts_on", "period__ends_on", "id")


def latest_updates(
    *, plan_ids: Iterable[int], upto: datetime.date | None = None
) -> dict[int, dict[ItemKey, ProgressUpdate]]:
    """For each plan, each item's most recent update in a period that started by ``upto`` (all periods if None).

    "Most recent" is by period, so a Q1 row saved late never hides Q2. One query, for one plan or a
    whole council's; items never updated are absent.
    """
    latest: dict[int, dict[ItemKey, ProgressUpdate]] = {plan_id: {} for plan_id in plan_ids}
    for update in _latest_of_each(_updates(plan_ids=latest, upto=upto)):
        latest[update.period.plan_id][item_key(update)] = update
    return latest


def _latest_of_each(updates: QuerySet[ProgressUpdate]) -> QuerySet[ProgressUpdate]:
    """Of ``updates``, each item's latest by period (``NEWEST_FIRST``), picked in the database by a window over each
    item's updates, so a late period or a whole council's year is not read row by row in Python."""
    newest = Window(RowNumber(), partition_by=[F("action_id"), F("milestone_id")], order_by=list(NEWEST_FIRST))
    return updates.annotate(newest=newest).filter(newest=1)


def latest_update_of(kind: str, *, upto: datetime.date) -> QuerySet[ProgressUpdate]:
    """The outer query's action or milestone (``kind``)'s updates in periods started by ``upto``, newest period
    first: slice one field of it (``.values("status")[:1]``) into a ``Subquery``, so the database picks each item's
    latest update as ``latest_updates`` does, without reading every update of the year. Works on SQLite and
    PostgreSQL alike (no ``DISTINCT ON``)."""
    return ProgressUpdate.objects.filter(**{kind: OuterRef("pk")}, period__starts_on__lte=upto).order_by(*NEWEST_FIRST)


@dataclass
class ItemProgress:
    """One action or milestone as of a period: its update in that period (``update``), else the latest before it
    (``previous``, shown as carried from an earlier period), its due date and whether it is overdue."""

    item: Action | Milestone
    kind: str
    priority: Priority | None = None
    update: ProgressUpdate | None = None
    previous: ProgressUpdate | None = None
    due_date: datetime.date | None = None
    overdue: bool = False

    @property
    def key(self) -> ItemKey:
        return (self.kind, self.item.pk)

    @property
    def current(self) -> ProgressUpdate | None:
        return self.update or self.previous

    @property
    def updated(self) -> bool:
        """Whether someone reported on this item in this period."""
        return self.update is not None

    @property
    def status(self) -> ProgressStatus | None:
        return ProgressStatus(self.current.status) if self.current else None

    @property
    def name(self) -> str:
        """How the row is named in messages and tables: "action 1.1", "milestone B"."""
        return f"action {self.item.number}" if self.kind == "action" else f"milestone {self.item.letter}"

    @property
    def field_prefix(self) -> str:
        return f"{self.kind[0]}{self.item.pk}"


@dataclass
class PlanProgress:
    """A plan's priorities (numbered as approved) with every action and milestone as of one period."""

    plan: Plan
    period: ReportingPeriod
    priorities: list[Priority]
    items: dict[ItemKey, ItemProgress] = field(default_factory=dict)

    def rows(self) -> list[ItemProgress]:
        return list(self.items.values())

    @property
    def not_updated(self) -> list[ItemProgress]:
        return [row for row in self.items.values() if not row.updated]

    @property
    def overdue_milestones(self) -> list[ItemProgress]:
        return [row for row in self.items.values() if row.overdue]

    def status_counts(self) -> dict[str, int]:
        """Items by their current status (``""`` for never reported), actions and milestones together."""
        counts: dict[str, int] = {status: 0 for status in ProgressStatus.values} | {"": 0}
        for row in self.items.values():
            counts[row.current.status if row.current else ""] += 1
        return counts


def is_overdue(
    milestone: Milestone, latest: ProgressUpdate | None, as_of: datetime.date
) -> tuple[bool, datetime.date | None]:
    """(overdue?, the date it is due by): past its revised (or else planned) date and neither achieved nor
    cancelled. A milestone whose date is words ("Quarterly") is never overdue."""
    revised = latest.revised_date if latest is not None else None
    due = periods.milestone_due_date(milestone, revised)
    if due is None or due >= as_of:
        return False, due
    if latest is not None and (latest.status in CLOSED_STATUSES or latest.achieved_on is not None):
        return False, due
    return True, due


def plan_progress(*, plan: Plan, period: ReportingPeriod, as_of: datetime.date) -> PlanProgress:
    """Every action and milestone of ``plan`` in printed order, as of ``period`` (overdue as at ``as_of``: today on
    live pages, the period's end in a report). Six queries whatever the plan's size (five for a period not stored
    yet): this period's updates, and only the latest one of each item from earlier periods."""
    priorities = plan_priorities(plan=plan)
    this_period: dict[ItemKey, ProgressUpdate] = {}
    if period.pk is not None:
        this_period = {
            item_key(update): update for update in _updates(plan_ids=[plan.pk], upto=None).filter(period=period)
        }
    latest_before = {item_key(update): update for update in _latest_before(plan=plan, starts_on=period.starts_on)}
    progress = PlanProgress(plan=plan, period=period, priorities=priorities)
    for priority in priorities:
        for action in _printed_actions(priority):
            row = ItemProgress(item=action, kind="action", priority=priority)
            row.update, row.previous = this_period.get(row.key), latest_before.get(row.key)
            progress.items[row.key] = row
        for milestone in priority.milestones.all():
            row = ItemProgress(item=milestone, kind="milestone", priority=priority)
            row.update, row.previous = this_period.get(row.key), latest_before.get(row.key)
            row.overdue, row.due_date = is_overdue(milestone, row.current, as_of)
            progress.items[row.key] = row
    return progress


def _latest_before(*, plan: Plan, starts_on: datetime.date) -> QuerySet[ProgressUpdate]:
    """Each item's latest update in a period that started before ``starts_on``."""
    return _latest_of_each(_updates(plan_ids=[plan.pk], upto=None).filter(period__starts_on__lt=starts_on))


def _printed_actions(priority: Priority) -> list[Action]:
    """1, 1.1, 1.2, 2: the order ``plan_priorities`` numbered them in."""
    return [action for top in priority.top_actions for action in (top, *top.children)]


def overdue_milestone_ids(*, plan_ids: Iterable[int], as_of: datetime.date) -> set[int]:
    """Milestones of these plans overdue at ``as_of`` (live: today). Two queries, for one plan or the council."""
    plan_ids = list(plan_ids)
    latest = latest_updates(plan_ids=plan_ids, upto=as_of)
    overdue = set()
    milestones = Milestone.objects.filter(priority__plan_id__in=plan_ids, due_month__isnull=False).select_related(
        "priority"
    )
    for milestone in milestones.only("id", "due_month", "priority__plan_id"):
        update = latest[milestone.priority.plan_id].get(("milestone", milestone.pk))
        if is_overdue(milestone, update, as_of)[0]:
            overdue.add(milestone.pk)
    return overdue


def update_history(*, plan: Plan, period: ReportingPeriod | None = None) -> QuerySet:
    """Every save of the plan's progress (newest first), with who made it: ``ProgressUpdate.history`` rows."""
    history = ProgressUpdate.history.filter(period__plan_id=plan.pk).select_related("history_user", "period")
    if period is not None and period.pk is not None:
        history = history.filter(period_id=period.pk)
    return history.order_by("-history_date", "-history_id")


def period_update_counts(*, plan: Plan) -> tuple[dict[str, int], int]:
    """({period code: actions and milestones updated in it}, how many actions and milestones the plan has). Three
    queries."""
    counts = dict(
        ProgressUpdate.objects.filter(period__plan=plan)
        .values_list("period__code")
        .annotate(count=Count("id"))
        .values_list("period__code", "count")
    )
    total = Action.objects.filter(priority__plan=plan).count() + Milestone.objects.filter(priority__plan=plan).count()
    return counts, total
