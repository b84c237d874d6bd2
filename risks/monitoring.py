"""The unit's risks in a plan's monitoring report (issue 12), registered with ``plans.extensions``.

A monitoring report is read for a reporting period, so each risk is shown as it stood at the end of
that period: the rating of its latest review on or before that day and its movement since the review
before, from the review history (``Review`` rows are kept, never rewritten). A risk not yet reviewed
by then shows its rating as recorded and says so. Frozen as text, so an agenda pack prints what it
printed when it was built.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from plans.models import Plan

from .models import Register, Review, Risk, RiskOwner
from .scoring import Movement, Scales, movement
from .selectors import plan_register

# The movement counts, in the order the report lists them.
MOVEMENT_ORDER = [
    (Movement.UP, "Rating increased"),
    (Movement.DOWN, "Rating reduced"),
    (Movement.SAME, "No change"),
    (Movement.ASSESSED, "First rated"),
    (Movement.NEW, "New or not yet reviewed"),
    (Movement.IN_PROGRESS, "Assessment in progress"),
]


@dataclass
class MonitoringRisks:
    register: Register | None
    ends_on: datetime.date
    risks: list[dict] = field(default_factory=list)


def _as_at(risk: Risk, reviews: list[Review], scales: Scales, ends_on: datetime.date) -> dict:
    """One risk as it stood at ``ends_on``: the latest review by then against the one before it."""
    by_then = [review for review in reviews if review.reviewed_on <= ends_on]
    if by_then:
        latest = by_then[-1]
        before = by_then[-2] if len(by_then) > 1 else None
        rating = scales.rate(latest.current_likelihood, latest.current_impact)
        target = scales.rate(latest.target_likelihood, latest.target_impact)
        moved = movement(
            before.current_score if before else None, latest.current_score, has_previous=before is not None
        )
        reviewed_on = latest.reviewed_on
    else:
        rating = scales.rate(risk.current_likelihood, risk.current_impact)
        target = scales.rate(risk.target_likelihood, risk.target_impact)
        moved = movement(None, risk.current_score, has_previous=False)
        reviewed_on = None
    return {
        "key": f"risk:{risk.pk}",
        "reference": risk.reference,
        "title": risk.title,
        "owners": ", ".join(ownership.label for ownership in risk.ownerships.all()),
        "score": rating.score if rating else None,
        "band": rating.band.name if rating else "Not rated",
        "tone": rating.band.tone if rating else "none",
        "target_score": target.score if target else None,
        "target_band": target.band.name if target else "",
        "movement": str(moved.kind),
        "arrow": moved.arrow,
        "movement_short": moved.short_text,
        "movement_text": moved.text,
        "reviewed_on": reviewed_on.isoformat() if reviewed_on else "",
        "next_review_on": risk.next_review_on.isoformat() if risk.next_review_on else "",
        "review_overdue": bool(risk.next_review_on and risk.next_review_on < ends_on),
    }


def monitoring_risks(*, plan: Plan, period) -> MonitoringRisks:
    """The plan's unit's register risks as at the end of ``period`` (anything with ``ends_on``); fixed queries."""
    register = plan_register(plan=plan)
    result = MonitoringRisks(register=register, ends_on=period.ends_on)
    if register is None:
        return result
    scales = Scales.load()
    risks = (
        Risk.objects.filter(register=register)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.order_by("reviewed_on", "created_at", "id")),
            Prefetch("ownerships", queryset=RiskOwner.objects.select_related("person").order_by("position", "id")),
        )
    )
    result.risks = [_as_at(risk, list(risk.reviews.all()), scales, period.ends_on) for risk in risks]
    return result


def monitoring_risks_freeze(read: MonitoringRisks) -> dict:
    """Plain JSON: the register's title and the risks with their counts by movement and by band."""
    moved = Counter(risk["movement"] for risk in read.risks)
    bands = Counter((risk["band"], risk["tone"]) for risk in read.risks)
    # Highest band first: the band of the highest score in it.
    top = {}
    for risk in read.risks:
        top[risk["band"]] = max(top.get(risk["band"], -1), risk["score"] if risk["score"] is not None else -1)
    return {
        "register": read.register.display_title if read.register else "",
        "ends_on": read.ends_on.isoformat(),
        "risks": read.risks,
        "movement_counts": [
            {"movement": str(kind), "label": label, "count": moved[str(kind)]}
            for kind, label in MOVEMENT_ORDER
            if moved[str(kind)]
        ],
        "band_counts": [
            {"band": band, "tone": tone, "count": count}
            for (band, tone), count in sorted(bands.items(), key=lambda item: -top[item[0][0]])
        ],
        "review_overdue": sum(1 for risk in read.risks if risk["review_overdue"]),
    }


def monitoring_risks_thaw(frozen: dict) -> dict:
    """The frozen part with its dates as dates again (the templates format them)."""
    risks = [
        {
            **risk,
            "reviewed_on": datetime.date.fromisoformat(risk["reviewed_on"]) if risk["reviewed_on"] else None,
            "next_review_on": datetime.date.fromisoformat(risk["next_review_on"]) if risk["next_review_on"] else None,
        }
        for risk in frozen["risks"]
    ]
    return {**frozen, "risks": risks, "ends_on": datetime.date.fromisoformat(frozen["ends_on"])}
