"""Reads about risks: a register's risks rated and filtered, one risk's page, its history, a plan's section E.

Ratings, bands, labels and movement are never stored: ``rate_risk`` derives
them from the stored numbers and the current ``Scales`` and attaches them to
each risk (``current_rating``, ``target_rating``, ``movement``…).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from plans.models import Person, Plan, Priority

from ..models import Control, Register, Review, Risk, RiskAction, RiskOwner
from ..scoring import Scales, movement
from .registers import plan_register


@dataclass(frozen=True)
class RiskFilters:
    band: str = ""
    owner: int | None = None
    overdue_review: bool = False
    overdue_action: bool = False

    @property
    def active(self) -> bool:
        return bool(self.band or self.owner or self.overdue_review or self.overdue_action)


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


def filter_risks(*, risks: QuerySet[Risk], filters: RiskFilters, scales: Scales) -> QuerySet[Risk]:
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


def rate_risk(*, risk: Risk, scales: Scales, today: datetime.date | None = None) -> Risk:
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
        risks = filter_risks(risks=risks, filters=filters, scales=scales)
    today = _today()
    return [rate_risk(risk=risk, scales=scales, today=today) for risk in risks]


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
    rate_risk(risk=risk, scales=scales)
    risk.history = risk_history(risk=risk, scales=scales)
    return risk


@dataclass(frozen=True)
class RiskEditRows:
    """What the edit page starts from: the risk's owners and priorities, its controls and actions in order."""

    owners: list[Person]
    priorities: list[Priority]
    controls: list[Control]
    actions: list[RiskAction]


def risk_edit_rows(*, risk: Risk) -> RiskEditRows:
    return RiskEditRows(
        owners=list(risk.owners.all()),
        priorities=list(risk.priorities.all()),
        controls=list(risk.controls.order_by("position", "id")),
        actions=list(risk.actions.order_by("position", "id")),
    )


def plan_section_e_risks(*, plan: Plan, scales: Scales | None = None) -> list[Risk]:
    """Section E of a plan: its unit's register risks with their mitigation (controls and actions).

    Read from the register itself, never from a copy, so the plan and the register cannot disagree.
    """
    register = plan_register(plan=plan)
    if register is None:
        return []
    return register_risks(register=register, scales=scales or Scales.load())
