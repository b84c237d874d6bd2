"""Progress updates due, on "My work" (``plans.work``): for each approved plan this person writes, the latest
open reporting period with rows not yet updated. A fixed number of queries whatever the number of plans."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.urls import reverse

from .. import periods
from ..models import PROGRESS_STATUSES, Action, Milestone, ProgressUpdate
from ..selectors import plan_base_queryset
from ..work import WorkEntry, Worker, register_work_item
from .reminders import WINDOW_DAYS
from .selectors import plan_periods

WINDOW = datetime.timedelta(days=WINDOW_DAYS)


def progress_due(*, worker: Worker) -> list[WorkEntry] | None:
    if not worker.written_plan_ids:
        return None
    plans = list(
        plan_base_queryset()
        .filter(pk__in=worker.written_plan_ids, status__in=PROGRESS_STATUSES)
        .prefetch_related("reporting_periods")
        .order_by("directorate__plan_year__start_year", "id")
    )
    if not plans:
        return None
    # The periods each plan reports on now: open, and not closed for more than four weeks (oldest first).
    current = {}
    for plan in plans:
        recent = [p for p in plan_periods(plan=plan) if p.opens_on <= worker.today <= p.closes_on + WINDOW]
        if recent:
            current[plan.pk] = recent
    if not current:
        return []
    plan_ids = list(current)
    items = dict(
        Action.objects.filter(priority__plan_id__in=plan_ids)
        .values_list("priority__plan_id")
        .annotate(n=Count("id"))
        .values_list("priority__plan_id", "n")
    )
    for plan_id, count in (
        Milestone.objects.filter(priority__plan_id__in=plan_ids)
        .values_list("priority__plan_id")
        .annotate(n=Count("id"))
        .values_list("priority__plan_id", "n")
    ):
        items[plan_id] = items.get(plan_id, 0) + count
    updated = {
        (plan_id, code): count
        for plan_id, code, count in ProgressUpdate.objects.filter(period__plan_id__in=plan_ids)
        .values_list("period__plan_id", "period__code")
        .annotate(n=Count("id"))
        .values_list("period__plan_id", "period__code", "n")
    }
    entries = []
    for plan in plans:
        # The oldest of its recent periods that still has rows to update.
        due = [(p, items.get(plan.pk, 0) - updated.get((plan.pk, p.code), 0)) for p in current.get(plan.pk, [])]
        due = [(period, missing) for period, missing in due if missing > 0]
        if not due:
            continue
        period, missing = due[0]
        label = periods.period_label(period.code)
        late = period.closes_on < worker.today
        entries.append(
            WorkEntry(
                text=f"{plan.unit_name} {plan.plan_year.label}: progress for {label}",
                href=reverse("plans:progress_period", args=[plan.pk, period.code]),
                hint=f"{missing} row{'s' if missing != 1 else ''} not updated; "
                + ("was due" if late else "due")
                + f" by {period.closes_on:%-d %B %Y}.",
            )
        )
    return entries


def register() -> None:
    register_work_item(
        "progress_due",
        progress_due,
        title="Progress updates due",
        empty="No progress update is due from you.",
    )
