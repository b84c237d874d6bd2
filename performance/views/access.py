"""Fetching a plan (and its indicators) for a request, with the object-level permission check."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from plans.models import Plan
from plans.selectors import plan_get


def plan_for(request, plan_id: int, perm: str) -> Plan:
    """The plan, or 404 if there is none; 403 if the user may not ``perm`` it."""
    try:
        plan = plan_get(plan_id=plan_id)
    except Plan.DoesNotExist:
        raise Http404("No such plan") from None
    if not request.user.has_perm(perm, plan):
        raise PermissionDenied
    return plan


def permissions(request, plan: Plan) -> dict:
    """What the page may offer the user, for templates."""
    return {
        "may_enter": request.user.has_perm("performance.enter_actuals", plan),
        "may_manage": request.user.has_perm("performance.manage_indicators", plan),
        "may_render": request.user.has_perm("performance.render_dashboard", plan),
    }
