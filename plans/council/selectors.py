"""Reads for the council-wide view: every approved plan of a year, its actions by status and its exceptions.

The query count does not grow with the council: plans, their priorities, actions and milestones are each read
once for the whole year, each item's latest update is picked in the database (``council.items``), and the other
apps' exceptions (red KPIs, high risks not reviewed) come through ``plans.extensions`` readers that work on all
plans at once. The figures count every exception; the page lists the first few of each kind per unit.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from .. import extensions
from ..extensions import CouncilException
from ..models import PROGRESS_STATUSES, Division, Plan, PlanYear, Portfolio, ProgressStatus
from ..selectors import plan_base_queryset
from .items import NOT_REPORTED, action_counts, plan_exceptions

# Columns of the counts table, in the order a monitoring report lists statuses.
STATUS_COLUMNS: tuple[tuple[str, str], ...] = (
    *((status.value, status.label) for status in ProgressStatus),
    (NOT_REPORTED, "Not yet reported"),
)
# The page lists this many exceptions of each kind per unit, then says how many more there are and links to the
# unit's full list; the counts table and the downloads always count and list them all.
EXCEPTIONS_SHOWN = 5


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
class ExceptionGroup:
    """One unit's exceptions as the page lists them: the first few of each kind (all ``in_full``), and how many of
    each kind are beyond the first few (``more``, kind label and count)."""

    plan_id: int
    unit_name: str
    items: list[CouncilException]
    total: int
    more: list[tuple[str, int]]
    in_full: bool


@dataclass
class CouncilView:
    plan_year: PlanYear | None
    filters: CouncilFilters
    groups: list[DirectorateGroup]
    total: UnitRow
    exceptions: list[CouncilException]
    units: dict[int, str]
    not_approved: int
    exceptions_in_full: int | None = None

    @property
    def plans_shown(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def exception_groups(self) -> list[ExceptionGroup]:
        """Each unit's exceptions in the order of the counts table, capped per kind except for the unit
        ``exceptions_in_full`` names."""
        by_plan: dict[int, list[CouncilException]] = {}
        for item in self.exceptions:
            by_plan.setdefault(item.plan_id, []).append(item)
        groups = []
        for plan_id, items in by_plan.items():
            in_full = plan_id == self.exceptions_in_full
            shown, seen, hidden = [], defaultdict(int), {}
            for item in items:
                seen[item.kind] += 1
                if seen[item.kind] > EXCEPTIONS_SHOWN:
                    hidden[item.kind_label] = hidden.get(item.kind_label, 0) + 1
                if in_full or seen[item.kind] <= EXCEPTIONS_SHOWN:
                    shown.append(item)
            more = list(hidden.items())
            groups.append(ExceptionGroup(plan_id, self.units[plan_id], shown, len(items), more, in_full))
        return groups


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


def council_view(
    *, plan_year: PlanYear | None, filters: CouncilFilters, today: datetime.date, exceptions_in_full: int | None = None
) -> CouncilView:
    """The counts table and the exceptions list for ``plan_year`` as at ``today`` (every exception of the plan
    ``exceptions_in_full`` listed on the page, the first few of each kind for the others)."""
    total = UnitRow(label="All directorates")
    if plan_year is None:
        return CouncilView(plan_year, filters, [], total, [], {}, 0)
    plans, not_approved = _plans(plan_year, filters)
    plan_ids = [plan.pk for plan in plans]
    counts = action_counts(plan_ids, today, [value for value, _ in STATUS_COLUMNS])
    found, overdue_counts = plan_exceptions(plans, today)
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
    return CouncilView(plan_year, filters, ordered, total, found, units, not_approved, exceptions_in_full)
