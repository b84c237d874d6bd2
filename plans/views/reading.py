"""Plan overview (contents) and the read-only whole-plan view."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from documents.selectors import render_jobs_for

from ..models import PROGRESS_STATUSES
from ..progress.selectors import overdue_milestone_ids
from ..selectors import plan_comments, plan_document, plan_linked_sections
from ..task_list import plan_task_list
from .access import plan_for


@login_required
def plan_overview(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    return render(
        request,
        "plans/plan_overview.html",
        {
            "plan": plan,
            "tasks": plan_task_list(plan=plan),
            "open_comments": [comment for comment in plan_comments(plan=plan) if not comment.is_addressed],
            "may_reply": request.user.has_perm("plans.reply_to_comment", plan),
            "may_edit": request.user.has_perm("plans.change_plan", plan),
            "may_render": request.user.has_perm("plans.render_plan", plan),
            "may_audit": request.user.has_perm("plans.view_audit", plan),
            "may_roll_forward": request.user.has_perm("plans.roll_forward_plan", plan),
            "recent_jobs": render_jobs_for(subject=plan)[:3],
        },
    )


@login_required
def plan_read(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    context = plan_document(plan=plan, user=request.user)
    context["may_edit"] = request.user.has_perm("plans.change_plan", plan)
    context.update(plan_linked_sections(plan=plan))
    # Milestones past their (revised) date and not achieved, from progress through the year (approved plans).
    if plan.status in PROGRESS_STATUSES:
        context["overdue_milestones"] = overdue_milestone_ids(plan_ids=[plan.pk], as_of=timezone.localdate())
    return render(request, "plans/plan_read.html", context)
