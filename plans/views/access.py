"""Fetching a plan for a request with the object-level permission check (for plans' and performance's views)."""

from kcc_planning.access import object_for

from ..models import Plan
from ..selectors import plan_get


def plan_for(request, plan_id: int, perm: str) -> Plan:
    """The plan, or 404 if there is none; 403 if the user may not ``perm`` it."""
    return object_for(request, fetch=lambda: plan_get(plan_id=plan_id), perm=perm, missing="No such plan")
