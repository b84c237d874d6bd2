"""What the path to approval asks of a plan's indicators (registered with ``plans.extensions``)."""

from django.db.models import Q

from plans.models import Plan

from ..models import Kpi
from ..models.choices import ValueStatus


def plan_indicator_problems(*, plan: Plan) -> list[str]:
    """Every KPI states a floor and a target: a figure, or an explicit NEW / TBC / not yet available."""
    blank = ValueStatus.BLANK
    quarters_blank = Q(target_q1_status=blank, target_q2_status=blank, target_q3_status=blank, target_q4_status=blank)
    unstated = Kpi.objects.filter(plan=plan).filter(Q(floor_status=blank) | (Q(target_status=blank) & quarters_blank))
    return [
        f"KPI {kpi.reference or kpi.description[:60]} has no floor or no target: enter a figure, or say NEW, "
        "TBC or not yet available."
        for kpi in unstated.order_by("position", "id")
    ]
