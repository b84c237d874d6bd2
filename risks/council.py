"""High risks without a recent review, for the council-wide view of a plan year (issue 12).

Registered from ``RisksConfig.ready()`` as a ``plans.extensions`` council-exceptions reader. A risk is
an exception when its current rating falls in a band shown as high (red) and nobody has reviewed it
in the last ``RECENT_REVIEW_DAYS``, or its own next review date has passed. The registers read are the
plans' units' own (a division's for a divisional plan, the directorate's for a directorate plan).
Four queries, however many plans.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.urls import reverse

from plans.extensions import CouncilException

from .models import BandTone, Register, RegisterLevel, Risk
from .scoring import Scales

# A quarter: the council's registers are reviewed at least quarterly (seed 001: "June 2013 review").
RECENT_REVIEW_DAYS = 92
KIND = "risk_not_reviewed"


def council_risk_exceptions(*, plans: list, today: datetime.date) -> list[CouncilException]:
    division_plans = {plan.division_id: plan.pk for plan in plans if plan.division_id}
    directorate_plans = {plan.directorate_id: plan.pk for plan in plans if not plan.division_id}
    if not plans:
        return []
    registers = Register.objects.filter(
        Q(level=RegisterLevel.DIVISION, division_id__in=division_plans)
        | Q(level=RegisterLevel.DIRECTORATE, directorate_id__in=directorate_plans)
    )
    plan_of_register = {
        register.pk: division_plans[register.division_id]
        if register.level == RegisterLevel.DIVISION
        else directorate_plans[register.directorate_id]
        for register in registers.only("id", "level", "division", "directorate")
    }
    scales = Scales.load()
    risks = (
        Risk.objects.filter(register_id__in=plan_of_register, current_likelihood__isnull=False)
        .annotate(last_reviewed=Max("reviews__reviewed_on"))
        .only("id", "reference", "title", "register", "current_likelihood", "current_impact", "next_review_on")
        .order_by("register_id", "position", "id")
    )
    recent = today - datetime.timedelta(days=RECENT_REVIEW_DAYS)
    found = []
    for risk in risks:
        rating = scales.rate(risk.current_likelihood, risk.current_impact)
        if rating is None or rating.band.tone != BandTone.HIGH:
            continue
        stale = risk.last_reviewed is None or risk.last_reviewed < recent
        overdue = risk.next_review_on is not None and risk.next_review_on < today
        if not (stale or overdue):
            continue
        last = (
            f"last reviewed {risk.last_reviewed.day} {risk.last_reviewed:%B %Y}"
            if risk.last_reviewed
            else "never reviewed"
        )
        if overdue:
            last += f"; review was due {risk.next_review_on.day} {risk.next_review_on:%B %Y}"
        found.append(
            CouncilException(
                kind=KIND,
                kind_label="High risk not reviewed",
                plan_id=plan_of_register[risk.register_id],
                reference=risk.reference,
                title=risk.title,
                detail=f"Rated {rating.score} ({rating.band.name}); {last}",
                url=reverse("risks:risk_detail", args=[risk.pk]),
            )
        )
    return found
