"""What a performance page may offer the user. The plan itself is fetched by ``plans.views.access.plan_for``."""

from plans.models import Plan


def permissions(request, plan: Plan) -> dict:
    """What the page may offer the user, for templates."""
    return {
        "may_enter": request.user.has_perm("performance.enter_actuals", plan),
        "may_manage": request.user.has_perm("performance.manage_indicators", plan),
        "may_render": request.user.has_perm("performance.render_dashboard", plan),
    }
