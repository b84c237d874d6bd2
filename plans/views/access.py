"""Fetching a plan for a request with the object-level permission check."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..models import Plan
from ..selectors import plan_get


def plan_for(request, plan_id: int, perm: str) -> Plan:
    """The plan, or 404 if there is none; 403 if the user may not ``perm`` it."""
    try:
        plan = plan_get(plan_id=plan_id)
    except Plan.DoesNotExist:
        raise Http404("No such plan") from None
    if not request.user.has_perm(perm, plan):
        raise PermissionDenied
    return plan
