"""Plan overview (contents) and the read-only whole-plan view."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from documents.selectors import render_jobs_for

from ..sections import sections_for
from ..selectors import plan_document, plan_linked_sections
from .access import plan_for


@login_required
def plan_overview(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    return render(
        request,
        "plans/plan_overview.html",
        {
            "plan": plan,
            "sections": sections_for(plan.kind),
            "may_edit": request.user.has_perm("plans.change_plan", plan),
            "may_render": request.user.has_perm("plans.render_plan", plan),
            "may_audit": request.user.has_perm("plans.view_audit", plan),
            "recent_jobs": render_jobs_for(subject=plan)[:3],
        },
    )


@login_required
def plan_read(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    context = plan_document(plan=plan)
    context["may_edit"] = request.user.has_perm("plans.change_plan", plan)
    context.update(plan_linked_sections(plan=plan))
    return render(request, "plans/plan_read.html", context)
