"""Red KPIs for the council-wide view of a plan year (issue 12).

Registered from ``PerformanceConfig.ready()`` as a ``plans.extensions`` council-exceptions reader. A KPI
is an exception when its latest actual (of a period ended by today) is Red: worse than the floor, or
short of the target where there is no floor, rated exactly as the dashboard rates it. Two queries,
however many plans.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from plans.extensions import CouncilException

from .models import Kpi, KpiActual, PeriodKind
from .rating import Rag, rate
from .values import format_value

KIND = "kpi_red"


def council_kpi_exceptions(*, plans: list, today: datetime.date) -> list[CouncilException]:
    if not plans:
        return []
    kpis = {kpi.pk: kpi for kpi in Kpi.objects.filter(plan__in=plans).order_by("plan_id", "position", "id")}
    latest: dict[int, KpiActual] = {}
    actuals = KpiActual.objects.filter(kpi_id__in=kpis, period__ends_on__lte=today).select_related("period")
    for actual in actuals.order_by("period__ends_on", "-period__starts_on"):
        latest[actual.kpi_id] = actual
    found = []
    for kpi in kpis.values():
        actual = latest.get(kpi.pk)
        if actual is None:
            continue
        period = actual.period
        quarter = period.spec.quarter if period.kind == PeriodKind.QUARTER else None
        rating = rate(
            actual=actual.value,
            floor=kpi.floor,
            target=kpi.target_for_quarter(quarter).value,
            polarity=kpi.polarity,
            places=kpi.decimal_places,
        )
        if rating.rag != Rag.RED:
            continue
        shown = format_value(actual.value, unit=kpi.unit, places=kpi.decimal_places, scale_labels=kpi.scale_labels)
        found.append(
            CouncilException(
                kind=KIND,
                kind_label="KPI red",
                plan_id=kpi.plan_id,
                reference=kpi.reference,
                title=kpi.description,
                detail=f"{shown} in {period.label}: {rating.reason}",
                url=f"{reverse('performance:dashboard', args=[kpi.plan_id])}?period={period.code}",
            )
        )
    return found
