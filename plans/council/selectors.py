"""Reads for the council-wide view: every approved plan of a year, its actions by status and its exceptions.

The query count does not grow with the council: plans, their priorities, actions and milestones, and
the latest progress updates are each read once for the whole year, and the other apps' exceptions (red
KPIs, high risks not reviewed) come through ``plans.extensions`` readers that work on all plans at once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse

from .. import extensions, periods
from ..extensions import CouncilException
from ..models import PROGRESS_STATUSES, Action, Division, Milestone, Plan, PlanYear, Portfolio, Priority, ProgressStatus
from ..numbering import milestone_letter, order_actions
from ..progress.selectors import is_overdue, latest_updates
from ..selectors import plan_base_queryset

NOT_REPORTED = ""
# Columns of the counts table, in the order a monitoring report lists statuses.
STATUS_COLUMNS: tuple[tuple[str, str], ...] = (
    *((status.value, status.label) for status in ProgressStatus),
    (NOT_REPORTED, "Not yet reported"),
)
OFF_TRACK, OVERDUE = "action_off_track", "milestone_overdue"


@dataclass
class CouncilFilters:
    """What the view is narrowed to: a portfolio, a Cabinet Member, and any filter another app registers."""

    portfolio: int | None = None
    cabinet_member: int | None = None
    others: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.portfolio or self.cabinet_member or any(self.others.values()))


@dataclass
class UnitRow:
    """One plan's unit (a division, or the directorate's own plan) with its actions counted by latest status."""

    label: str
    plan: Plan | None = None
    counts: dict[str, int] = field(default_factory=lambda: {value: 0 for value, _ in STATUS_COLUMNS})
    overdue_milestones: int = 0
    exceptions: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts[value] for value, _ in STATUS_COLUMNS]

    def add(self, other: UnitRow) -> None:
        for value in self.counts:
            self.counts[value] += other.counts[value]
        self.overdue_milestones += other.overdue_milestones
        self.exceptions += other.exceptions


@dataclass
class DirectorateGroup:
    name: str
    rows: list[UnitRow]
    total: UnitRow


@dataclass
class CouncilView:
    plan_year: PlanYear | None
    filters: CouncilFilters
    groups: list[DirectorateGroup]
    total: UnitRow
    exceptions: list[CouncilException]
    units: dict[int, str]
    not_approved: int

    @property
    def plans_shown(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def exception_groups(self) -> list[tuple[int, str, list[CouncilException]]]:
        """(plan id, unit name, its exceptions) in the order of the counts table."""
        groups: dict[int, list[CouncilException]] = {}
        for item in self.exceptions:
            groups.setdefault(item.plan_id, []).append(item)
        return [(plan_id, self.units[plan_id], items) for plan_id, items in groups.items()]


def council_year(*, start_year: int | None) -> PlanYear | None:
    """The year asked for (None if there is none), or by default the newest year with an approved plan."""
    years = PlanYear.objects.all()
    if start_year is not None:
        return years.filter(start_year=start_year).first()
    return years.filter(directorates__plans__status__in=PROGRESS_STATUSES).first() or years.first()


def council_years() -> list[PlanYear]:
    return list(PlanYear.objects.all())


def council_portfolios(*, plan_year: PlanYear | None) -> list[Portfolio]:
    """The year's portfolios with their Cabinet Members (the portfolio and Cabinet Member filters' choices)."""
    if plan_year is None:
        return []
    return list(plan_year.portfolios.select_related("cabinet_member").order_by("title"))


def _plans(plan_year: PlanYear, filters: CouncilFilters) -> tuple[list[Plan], int]:
    """Approved (and later) plans of the year that pass the filters, and how many plans are not approved yet."""
    plans = list(plan_base_queryset().filter(directorate__plan_year=plan_year).order_by("directorate__name", "id"))
    not_approved = sum(1 for plan in plans if plan.status not in PROGRESS_STATUSES)
    plans = [plan for plan in plans if plan.status in PROGRESS_STATUSES]
    if filters.portfolio or filters.cabinet_member:
        # A directorate plan answers to every portfolio its divisions report to.
        reaches: dict[int, set[tuple[int | None, int | None]]] = defaultdict(set)
        divisions = Division.objects.filter(directorate__plan_year=plan_year).select_related("portfolio")
        for division in divisions.only("directorate", "portfolio__cabinet_member"):
            if division.portfolio is not None:
                reaches[division.directorate_id].add((division.portfolio.pk, division.portfolio.cabinet_member_id))

        def matches(plan: Plan) -> bool:
            if plan.division_id:
                portfolio = plan.division.portfolio
                pairs = {(portfolio.pk, portfolio.cabinet_member_id)} if portfolio else set()
            else:
                pairs = reaches[plan.directorate_id]
            return any(
                (not filters.portfolio or p == filters.portfolio)
                and (not filters.cabinet_member or m == filters.cabinet_member)
                for p, m in pairs
            )

        plans = [plan for plan in plans if matches(plan)]
    for entry in extensions.council_filters():
        value = filters.others.get(entry.key)
        if value:
            allowed = entry.plan_ids(value=value, plan_year=plan_year)
            plans = [plan for plan in plans if plan.pk in allowed]
    return plans, not_approved


def _current_code(plan: Plan, today: datetime.date) -> str:
    """The period officers would report in today (the year's first or last outside it)."""
    year_periods = periods.plan_year_periods(start_year=plan.plan_year.start_year, kind=periods.plan_period_kind(plan))
    started = [dates for dates in year_periods if dates.starts_on <= today]
    return (started[-1] if started else year_periods[0]).code


def _progress_url(plan: Plan, today: datetime.date, anchor: str) -> str:
    return f"{reverse('plans:progress_period', args=[plan.pk, _current_code(plan, today)])}#{anchor}-status"


def _overdue_detail(due: datetime.date, update) -> str:
    detail = f"Due by {due.day} {due:%B %Y}"
    if update is not None and update.revised_date is not None:
        detail += f" (revised date; reason: {update.revised_reason})"
    return detail


def _plan_exceptions(plans: list[Plan], today: datetime.date) -> tuple[list[CouncilException], dict, dict]:
    """Off-track actions and overdue milestones, and each plan's action counts by latest status (five queries)."""
    by_id = {plan.pk: plan for plan in plans}
    priorities = list(Priority.objects.filter(plan_id__in=by_id).only("id", "plan").order_by("position", "id"))
    plan_of_priority = {priority.pk: priority.plan_id for priority in priorities}
    actions = Action.objects.filter(priority_id__in=plan_of_priority).only("id", "title", "priority", "parent")
    milestones = Milestone.objects.filter(priority_id__in=plan_of_priority).only("id", "title", "priority", "due_month")
    latest = latest_updates(plan_ids=list(by_id), upto=today)
    counts: dict[int, dict[str, int]] = {pk: {value: 0 for value, _ in STATUS_COLUMNS} for pk in by_id}
    overdue_counts: dict[int, int] = defaultdict(int)
    found: list[CouncilException] = []

    priorities_of: dict[int, list] = defaultdict(list)
    for priority in priorities:
        priorities_of[priority.plan_id].append(priority)
    actions_of: dict[int, list] = defaultdict(list)
    for action in actions.order_by("position", "id"):
        actions_of[plan_of_priority[action.priority_id]].append(action)
    for plan_id, plan_actions in actions_of.items():
        plan = by_id[plan_id]
        _, numbers = order_actions(priorities_of[plan_id], plan_actions)
        for action in plan_actions:
            update = latest[plan_id].get(("action", action.pk))
            counts[plan_id][update.status if update else NOT_REPORTED] += 1
            if update is not None and update.status == ProgressStatus.OFF_TRACK:
                found.append(
                    CouncilException(
                        kind=OFF_TRACK,
                        kind_label="Action off track",
                        plan_id=plan_id,
                        reference=f"Action {numbers[action.pk]}",
                        title=action.title,
                        detail=update.commentary,
                        url=_progress_url(plan, today, f"a{action.pk}"),
                    )
                )
    index_in_priority: dict[int, int] = defaultdict(int)
    for milestone in milestones.order_by("position", "id"):
        letter = milestone_letter(index_in_priority[milestone.priority_id])
        index_in_priority[milestone.priority_id] += 1
        plan_id = plan_of_priority[milestone.priority_id]
        update = latest[plan_id].get(("milestone", milestone.pk))
        overdue, due = is_overdue(milestone, update, today)
        if overdue:
            overdue_counts[plan_id] += 1
            found.append(
                CouncilException(
                    kind=OVERDUE,
                    kind_label="Milestone overdue",
                    plan_id=plan_id,
                    reference=f"Milestone {letter}",
                    title=milestone.title,
                    detail=_overdue_detail(due, update),
                    url=_progress_url(by_id[plan_id], today, f"m{milestone.pk}"),
                )
            )
    return found, counts, overdue_counts


def council_view(*, plan_year: PlanYear | None, filters: CouncilFilters, today: datetime.date) -> CouncilView:
    """The counts table and the exceptions list for ``plan_year`` as at ``today``."""
    total = UnitRow(label="All directorates")
    if plan_year is None:
        return CouncilView(plan_year, filters, [], total, [], {}, 0)
    plans, not_approved = _plans(plan_year, filters)
    found, counts, overdue_counts = _plan_exceptions(plans, today)
    found += extensions.council_exceptions(plans=plans, today=today)
    exceptions_of: dict[int, int] = defaultdict(int)
    for item in found:
        exceptions_of[item.plan_id] += 1

    groups: dict[int, DirectorateGroup] = {}
    for plan in plans:
        group = groups.get(plan.directorate_id)
        if group is None:
            group = groups[plan.directorate_id] = DirectorateGroup(
                plan.directorate.name, [], UnitRow(label=f"{plan.directorate.name} total")
            )
        row = UnitRow(
            label=plan.division.name if plan.division_id else "Directorate plan",
            plan=plan,
            counts=counts[plan.pk],
            overdue_milestones=overdue_counts[plan.pk],
            exceptions=exceptions_of[plan.pk],
        )
        group.rows.append(row)
        group.total.add(row)
        total.add(row)
    ordered = sorted(groups.values(), key=lambda group: group.name)
    for group in ordered:
        group.rows.sort(key=lambda row: (row.plan.division_id is not None, row.label))
    units = {plan.pk: plan.unit_name for plan in plans}
    order = {
        plan.pk: index for index, plan in enumerate(sorted(plans, key=lambda p: (p.directorate.name, p.unit_name)))
    }
    found.sort(key=lambda item: (order[item.plan_id], item.kind))  # stable: each kind stays in printed order
    return CouncilView(plan_year, filters, ordered, total, found, units, not_approved)
