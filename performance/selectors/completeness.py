"""What the path to approval asks of a plan's indicators (registered with ``plans.extensions``)."""

from django.db.models import Q
from django.urls import reverse

from plans.extensions import Problem
from plans.models import Plan

from ..models import Kpi
from ..models.choices import ValueStatus


def plan_indicator_problems(*, plan: Plan) -> list[Problem]:
    """Every KPI states a floor and a target: a figure, or an explicit NEW / TBC / not yet available.

    Each problem names the KPI in full (its reference and description) and links to its edit page.
    """
    blank = ValueStatus.BLANK
    # A floor or target carried into next year's plan as "To be set" (roll forward) is not stated yet either.
    unset = (ValueStatus.BLANK, ValueStatus.TO_BE_SET)
    quarters_blank = Q(target_q1_status=blank, target_q2_status=blank, target_q3_status=blank, target_q4_status=blank)
    unstated = Kpi.objects.filter(plan=plan).filter(
        Q(floor_status__in=unset) | (Q(target_status__in=unset) & quarters_blank)
    )
    problems = []
    for kpi in unstated.order_by("position", "id"):
        quarters = (kpi.target_q1_status, kpi.target_q2_status, kpi.target_q3_status, kpi.target_q4_status)
        missing = [
            field
            for field, absent in (
                ("floor", kpi.floor_status in unset),
                ("target", kpi.target_status in unset and all(status == blank for status in quarters)),
            )
            if absent
        ]
        name = f"{kpi.reference} ({kpi.description})" if kpi.reference else kpi.description
        href = reverse("performance:kpi_edit", args=[plan.pk, kpi.pk])
        problems.append(
            Problem(
                f"KPI {name} has no {' and no '.join(missing)}: enter a figure, or say NEW, TBC or not yet available.",
                f"{href}#id_{missing[0]}",
                "performance",
            )
        )
    return problems
