"""Reads shared by the plan tables, the dashboard, the entry page and the exports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from plans.models import Plan, PlanKind, Priority

from ..models import ActivityIndicator, Kpi


def kpis_of(*, plans: Iterable[Plan]) -> QuerySet[Kpi]:
    """KPIs of ``plans`` in printed order, with their priorities (two queries when evaluated)."""
    return (
        Kpi.objects.filter(plan__in=list(plans))
        .select_related("owner")
        .prefetch_related(Prefetch("priorities", queryset=Priority.objects.only("id", "plan_id")))
        .order_by("plan_id", "position", "id")
    )


def activity_of(*, plans: Iterable[Plan]) -> QuerySet[ActivityIndicator]:
    return (
        ActivityIndicator.objects.filter(plan__in=list(plans))
        .select_related("owner")
        .order_by("plan_id", "position", "id")
    )


def priority_numbers(*, plans: Iterable[Plan]) -> dict[int, int]:
    """Priority id → its printed number (1, 2…: the order of the plan's priorities), in one query."""
    numbers: dict[int, int] = {}
    counters: dict[int, int] = defaultdict(int)
    rows = (
        Priority.objects.filter(plan__in=list(plans)).order_by("plan_id", "position", "id").values_list("id", "plan_id")
    )
    for priority_id, plan_id in rows:
        counters[plan_id] += 1
        numbers[priority_id] = counters[plan_id]
    return numbers


def priority_refs(*, kpi: Kpi, numbers: dict[int, int]) -> str:
    """As printed in the Priority Ref column: "1, 9", or "BAU" for business as usual."""
    if kpi.business_as_usual:
        return "BAU"
    found = sorted(numbers[p.pk] for p in kpi.priorities.all() if p.pk in numbers)
    return ", ".join(str(n) for n in found)


def dashboard_plans(*, plan: Plan) -> list[Plan]:
    """The plans a plan's dashboard covers: a directorate plan covers its divisions' plans of the same year too."""
    if plan.kind != PlanKind.DIRECTORATE:
        return [plan]
    divisional = (
        Plan.objects.filter(directorate=plan.directorate, kind=PlanKind.DIVISIONAL)
        .select_related("directorate__plan_year", "division")
        .order_by("division__name")
    )
    return [plan, *divisional]
