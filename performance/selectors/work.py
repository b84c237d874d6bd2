"""Actuals due, for "My work" (registered with ``plans.work`` in ``PerformanceConfig.ready``).

The same rule as the reminders (``services.reminders``): an indicator is due when its actual for the last
closed period of its frequency is missing; it is this person's when they own it, or when it has no owner
and they write its plan.
"""

from django.db.models import Q
from django.urls import reverse

from plans.work import WorkEntry, Worker

from .. import periods
from ..models import ActivityActual, ActivityIndicator, Kpi, KpiActual
from ..services.reminders import KIND_FREQUENCIES, plan_year_of


def actuals_due(*, worker: Worker) -> list[WorkEntry] | None:
    """One entry per plan and period: how many actuals are missing, linking to the page that takes them."""
    person = worker.person
    mine = Q(owner__isnull=True, plan_id__in=worker.written_plan_ids)
    if person is not None:
        mine |= Q(owner=person)
    if not worker.written_plan_ids and (person is None or not Kpi.objects.filter(owner=person).exists()):
        return None
    due: dict[tuple[int, str], list] = {}
    for kind, frequencies in KIND_FREQUENCIES.items():
        spec = periods.last_closed(kind, worker.today)
        in_year = Q(plan__directorate__plan_year__start_year=plan_year_of(spec))
        indicators = list(
            Kpi.objects.filter(mine, in_year, frequency__in=frequencies)
            .exclude(pk__in=KpiActual.objects.filter(period__code=spec.code).values("kpi_id"))
            .select_related("plan__directorate__plan_year", "plan__division")
        )
        if kind == periods.Kind.QUARTER:
            indicators += list(
                ActivityIndicator.objects.filter(mine, in_year)
                .exclude(pk__in=ActivityActual.objects.filter(period__code=spec.code).values("indicator_id"))
                .select_related("plan__directorate__plan_year", "plan__division")
            )
        for indicator in indicators:
            due.setdefault((indicator.plan_id, spec.code), [spec, indicator.plan, 0])[2] += 1
    return [
        WorkEntry(
            text=f"{plan.unit_name} {plan.plan_year.label}: {count} actual{'s' if count != 1 else ''} for {spec.label}",
            href=reverse("performance:period_entry", args=[plan.pk, spec.code]),
            hint=f"The period ended on {spec.ends_on:%-d %B %Y}.",
        )
        for spec, plan, count in due.values()
    ]
