"""Reads. Each selector owns its joins, so page, export and PDF query counts stay flat.

Ratings, bands, labels and movement are never stored: ``rate_risks`` derives
them from the stored numbers and the current ``Scales`` and attaches them to
each risk (``current_rating``, ``target_rating``, ``movement``…).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from plans.models import Plan, PlanYear, Priority

from .models import Control, Register, RegisterLevel, Review, Risk, RiskAction, RiskOwner
from .scoring import BandInfo, Scales, movement


@dataclass(frozen=True)
class RiskFilters:
    band: str = ""
    owner: int | None = None
    overdue_review: bool = False
    overdue_action: bool = False

    @property
    def active(self) -> bool:
        return bool(self.band or self.owner or self.overdue_review or self.overdue_action)


def register_base_queryset() -> QuerySet[Register]:
    return Register.objects.select_related("plan_year", "directorate__plan_year", "division__directorate__plan_year")


def register_list(*, plan_year: PlanYear | None = None) -> QuerySet[Register]:
    registers = register_base_queryset().annotate(risk_count=Count("risks"))
    if plan_year is not None:
        registers = registers.filter(plan_year=plan_year)
    return registers


def register_get(*, register_id: int) -> Register:
    return register_base_queryset().get(pk=register_id)


def risk_get(*, risk_id: int) -> Risk:
    return Risk.objects.select_related(
        "register__plan_year", "register__directorate__plan_year", "register__division__directorate__plan_year"
    ).get(pk=risk_id)


def _today() -> datetime.date:
    return timezone.localdate()


def _count(queryset: QuerySet) -> Subquery:
    return Subquery(queryset.order_by().values("risk").annotate(n=Count("pk")).values("n")[:1])


def _risk_queryset(*, rows: bool = True, reviewers: bool = False) -> QuerySet[Risk]:
    """Risks in order with owners, and what movement and overdue flags need, computed in the database.

    ``rows`` also prefetches controls and actions (the risk page, papers, exports and section E show them)
    and ``reviewers`` the reviews with their reviewers (the risk page's history); the register page leaves
    them out, so 500 risks do not mean thousands of rows fetched.
    """
    today = _today()
    newest_first = Review.objects.filter(risk=OuterRef("pk")).order_by("-reviewed_on", "-created_at", "-id")
    risks = (
        Risk.objects.order_by("position", "id")
        .annotate(
            review_count=_count(Review.objects.filter(risk=OuterRef("pk"))),
            # The review before the latest: the rating the movement arrow compares with.
            previous_likelihood=Subquery(newest_first.values("current_likelihood")[1:2]),
            previous_impact=Subquery(newest_first.values("current_impact")[1:2]),
            overdue_actions=_count(RiskAction.objects.filter(risk=OuterRef("pk"), done=False, due_on__lt=today)),
        )
        .prefetch_related(
            Prefetch("ownerships", queryset=RiskOwner.objects.select_related("person").order_by("position", "id"))
        )
    )
    if rows:
        risks = risks.prefetch_related(
            Prefetch("controls", queryset=Control.objects.order_by("position", "id")),
            Prefetch("actions", queryset=RiskAction.objects.order_by("position", "id")),
        )
    if reviewers:
        reviews = Review.objects.select_related("reviewed_by").order_by("reviewed_on", "created_at", "id")
        risks = risks.prefetch_related(Prefetch("reviews", queryset=reviews))
    return risks


def filter_risks(risks: QuerySet[Risk], *, filters: RiskFilters, scales: Scales) -> QuerySet[Risk]:
    if filters.band:
        band = next((b for b in scales.bands if b.name == filters.band), None)
        if band is None:
            return risks.none()
        risks = risks.annotate(score=F("current_likelihood") * F("current_impact")).filter(
            score__gte=band.lower, score__lte=band.upper
        )
    if filters.owner:
        risks = risks.filter(Exists(RiskOwner.objects.filter(risk=OuterRef("pk"), person_id=filters.owner)))
    if filters.overdue_review:
        risks = risks.filter(next_review_on__lt=_today())
    if filters.overdue_action:
        risks = risks.filter(overdue_actions__gt=0)
    return risks


def rate_risk(risk: Risk, *, scales: Scales, today: datetime.date | None = None) -> Risk:
    """Attach the derived ratings, band, movement and overdue flags (the risk comes from ``_risk_queryset``)."""
    today = today or _today()
    risk.current_rating = scales.rate(risk.current_likelihood, risk.current_impact)
    risk.target_rating = scales.rate(risk.target_likelihood, risk.target_impact)
    # A target above the current rating is allowed (it happens while plans change) but is flagged.
    risk.target_above_current = (
        risk.current_score is not None and risk.target_score is not None and risk.target_score > risk.current_score
    )
    previous_score = (
        risk.previous_likelihood * risk.previous_impact
        if risk.previous_likelihood is not None and risk.previous_impact is not None
        else None
    )
    risk.movement = movement(previous_score, risk.current_score, has_previous=(risk.review_count or 0) >= 2)
    risk.owner_people = [ownership.person for ownership in risk.ownerships.all()]
    risk.owner_labels = [ownership.label for ownership in risk.ownerships.all()]
    risk.review_overdue = risk.next_review_on is not None and risk.next_review_on < today
    risk.overdue_action_count = risk.overdue_actions or 0
    return risk


def register_risks(
    *,
    register: Register,
    scales: Scales,
    filters: RiskFilters | None = None,
    with_priorities: bool = False,
    rows: bool = True,
) -> list[Risk]:
    """The register's risks in order, rated, with owners (and, with ``rows``, controls, actions and reviews).

    A fixed number of queries whatever the number of risks.
    """
    risks = _risk_queryset(rows=rows).filter(register=register)
    if with_priorities:
        risks = risks.prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.select_related("plan__division", "plan__directorate"))
        )
    if filters is not None:
        risks = filter_risks(risks, filters=filters, scales=scales)
    today = _today()
    return [rate_risk(risk, scales=scales, today=today) for risk in risks]


def register_owners(*, register: Register):
    """People who own at least one of the register's risks (the owner filter's choices)."""
    from plans.models import Person

    return Person.objects.filter(risk_ownerships__risk__register=register).distinct().order_by("name")


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: BandInfo
    likelihood_label: str = ""
    impact_label: str = ""
    current: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)


@dataclass
class HeatMap:
    """The 5×5 matrix, rows from Very Likely (5) down to Very Unlikely (1), with the risks in each cell."""

    rows: list[list[HeatCell]]
    in_progress: list[str]
    no_target: list[str]
    scales: Scales

    @property
    def current_total(self) -> int:
        return sum(len(cell.current) for row in self.rows for cell in row)

    @property
    def target_total(self) -> int:
        return sum(len(cell.target) for row in self.rows for cell in row)


def heat_map(*, risks: Iterable[Risk], scales: Scales) -> HeatMap:
    cells = {
        (likelihood, impact): HeatCell(
            likelihood,
            impact,
            likelihood * impact,
            scales.band(likelihood * impact),
            scales.likelihood_label(likelihood),
            scales.impact_label(impact),
        )
        for likelihood in scales.values
        for impact in scales.values
    }
    in_progress: list[str] = []
    no_target: list[str] = []
    for risk in risks:
        if risk.current_score is None:
            in_progress.append(risk.reference)
            continue
        cells[(risk.current_likelihood, risk.current_impact)].current.append(risk.reference)
        if risk.target_score is None:
            no_target.append(risk.reference)
        else:
            cells[(risk.target_likelihood, risk.target_impact)].target.append(risk.reference)
    rows = [[cells[(likelihood, impact)] for impact in scales.values] for likelihood in reversed(scales.values)]
    return HeatMap(rows=rows, in_progress=in_progress, no_target=no_target, scales=scales)


def register_heat_map(*, register: Register, scales: Scales) -> HeatMap:
    """The heat map from the ratings alone (one query), for pages that do not list the risks."""
    risks = (
        Risk.objects.filter(register=register)
        .order_by("position", "id")
        .only("reference", "current_likelihood", "current_impact", "target_likelihood", "target_impact")
    )
    return heat_map(risks=risks, scales=scales)


@dataclass
class HistoryEntry:
    review: Review
    current_rating: object
    target_rating: object
    movement: object


def risk_history(*, risk: Risk, scales: Scales) -> list[HistoryEntry]:
    """The risk's reviews, oldest first, with the rating as it stood and its movement from the review before."""
    entries: list[HistoryEntry] = []
    previous: Review | None = None
    for review in risk.reviews.all():
        entries.append(
            HistoryEntry(
                review=review,
                current_rating=scales.rate(review.current_likelihood, review.current_impact),
                target_rating=scales.rate(review.target_likelihood, review.target_impact),
                movement=movement(
                    previous.current_score if previous else None,
                    review.current_score,
                    has_previous=previous is not None,
                ),
            )
        )
        previous = review
    return entries


def risk_detail(*, risk_id: int, scales: Scales) -> Risk:
    """One risk with everything its page shows."""
    risk = (
        _risk_queryset(reviewers=True)
        .select_related(
            "register__plan_year", "register__directorate__plan_year", "register__division__directorate__plan_year"
        )
        .prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.select_related("plan__division", "plan__directorate").order_by(
                    "plan_id", "position", "id"
                ),
            ),
        )
        .get(pk=risk_id)
    )
    rate_risk(risk, scales=scales)
    risk.history = risk_history(risk=risk, scales=scales)
    return risk


def register_priorities(*, register: Register) -> QuerySet[Priority]:
    """Plan priorities a register's risks may threaten: those of plans in the register's unit and year."""
    priorities = Priority.objects.select_related("plan__division", "plan__directorate").order_by(
        "plan__division__name", "plan_id", "position", "id"
    )
    if register.level == RegisterLevel.DIVISION:
        return priorities.filter(plan__division=register.division)
    if register.level == RegisterLevel.DIRECTORATE:
        return priorities.filter(plan__directorate=register.directorate)
    return priorities.filter(plan__directorate__plan_year=register.plan_year)


def plan_register(*, plan: Plan) -> Register | None:
    """The register that backs a plan's risk section: the division's, or the directorate's for a directorate plan."""
    registers = register_base_queryset()
    if plan.division_id:
        return registers.filter(level=RegisterLevel.DIVISION, division_id=plan.division_id).first()
    return registers.filter(level=RegisterLevel.DIRECTORATE, directorate_id=plan.directorate_id).first()


def plan_section_e_risks(*, plan: Plan, scales: Scales | None = None) -> list[Risk]:
    """Section E of a plan: its unit's register risks with their mitigation (controls and actions).

    Read from the register itself, never from a copy, so the plan and the register cannot disagree.
    """
    register = plan_register(plan=plan)
    if register is None:
        return []
    return register_risks(register=register, scales=scales or Scales.load())


def unit_registers_missing(*, plan_year: PlanYear) -> dict[str, QuerySet]:
    """Directorates and divisions of a year that have no register yet (for "Start a register")."""
    from plans.models import Directorate, Division

    return {
        "directorates": Directorate.objects.filter(plan_year=plan_year)
        .exclude(risk_registers__level=RegisterLevel.DIRECTORATE)
        .order_by("name"),
        "divisions": Division.objects.filter(directorate__plan_year=plan_year)
        .exclude(Q(risk_registers__level=RegisterLevel.DIVISION))
        .select_related("directorate")
        .order_by("directorate__name", "name"),
    }
