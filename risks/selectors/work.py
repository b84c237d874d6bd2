"""Risks due for review, for "My work" (registered with ``plans.work`` in ``RisksConfig.ready``)."""

import datetime

from django.db.models import Q
from django.urls import reverse

from plans.work import WorkEntry, Worker

from ..models import Register, Risk

# A review due within this many days is listed already, so it can be booked before it falls overdue.
DUE_SOON = datetime.timedelta(days=14)


def risks_due(*, worker: Worker) -> list[WorkEntry] | None:
    """Risks whose next review date has passed or is near, in registers this person edits or that they own."""
    registers = Register.objects.all() if worker.is_administrator else Register.objects.filter(worker.writes())
    mine = Q(register__in=registers.values("pk"))
    if worker.person is not None:
        mine |= Q(ownerships__person=worker.person)
    elif not worker.is_administrator:
        return None
    if not worker.is_administrator and not Risk.objects.filter(mine).exists():
        return None
    risks = (
        Risk.objects.filter(mine, next_review_on__lte=worker.today + DUE_SOON)
        .select_related("register__plan_year", "register__directorate", "register__division")
        .distinct()
        .order_by("next_review_on", "reference", "id")
    )
    entries = []
    for risk in risks:
        when = f"{risk.next_review_on:%-d %B %Y}"
        entries.append(
            WorkEntry(
                text=f"{risk.reference} {risk.title}",
                href=reverse("risks:risk_review", args=[risk.pk]),
                hint=f"{risk.register.display_title}: review "
                + (f"overdue since {when}." if risk.next_review_on < worker.today else f"due {when}."),
            )
        )
    return entries
