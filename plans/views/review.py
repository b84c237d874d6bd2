"""Approval path, versions and comparison, member comments and the audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from documents.services import render_job_request
from kcc_planning.forms import error_list, form_errors_add
from kcc_planning.once import SubmitTokenForm

from .. import forms as plan_forms
from ..audit import audit_csv, audit_events_for
from ..comparison import plan_comparison
from ..models import Comment, PlanSnapshot
from ..sections import sections_for
from ..selectors import (
    comment_get,
    plan_snapshots,
    plan_transitions,
    snapshot_comments,
    snapshot_get,
)
from ..services.comments import comment_create as create_comment
from ..services.comments import comment_mark_addressed, comment_reply_create, snapshot_rows
from ..services.workflow import STEPS, WorkflowError, available_steps, plan_completeness_problems, plan_transition
from ..versions import document_for_token, hydrate, plan_versions
from .access import plan_for
from .frozen import failed_snapshot_response


@login_required
def plan_workflow(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    failed_form = None
    # Completeness problems a refused step found: shown once, in the error summary, each linked to its fix.
    refused_problems = []
    if request.method == "POST":
        step = STEPS.get(request.POST.get("step", ""))
        if step is None:
            raise Http404("No such step")
        form = plan_forms.TransitionForm(request.POST, step=step, prefix=step.name)
        if form.is_valid():
            try:
                plan_transition(
                    plan=plan,
                    user=request.user,
                    step_name=step.name,
                    reason=form.cleaned_data["reason"],
                    decision_number=form.cleaned_data.get("decision_number", ""),
                    decided_on=form.cleaned_data.get("decided_on"),
                )
            except WorkflowError as error:
                refused_problems = error.problems
                texts = {problem.text for problem in refused_problems}
                form_errors_add(form, {field: [m for m in ms if m not in texts] for field, ms in error.errors.items()})
            else:
                if step.name == "publish":
                    messages.success(
                        request,
                        format_html(
                            "Done: {}. Anyone can now read the plan as approved: "
                            '<a class="govuk-notification-banner__link" href="{}">view the published plan</a>.',
                            step.verb,
                            reverse("public:plan_detail", args=[plan.pk]),
                        ),
                    )
                else:
                    messages.success(request, f"Done: {step.verb}.")
                return redirect(reverse("plans:plan_workflow", args=[plan.pk]))
        failed_form = form
    steps = available_steps(plan=plan, user=request.user)
    forms_ = [
        (
            step,
            failed_form
            if failed_form is not None and failed_form.prefix == step.name
            else plan_forms.TransitionForm(step=step, prefix=step.name),
        )
        for step in steps
    ]
    return render(
        request,
        "plans/workflow.html",
        {
            "plan": plan,
            "step_forms": forms_,
            "problems": plan_completeness_problems(plan=plan)
            if plan.status == "draft" and not refused_problems
            else [],
            "transitions": plan_transitions(plan=plan),
            "snapshots": plan_snapshots(plan=plan),
            "errors": [(problem.href, problem.text) for problem in refused_problems] + error_list(failed_form),
        },
    )


@login_required
def plan_history(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_history")
    versions = plan_versions(plan=plan)
    snapshots = list(plan_snapshots(plan=plan))
    choices = [("current", f"Now (version {plan.lock_version})")]
    choices += [(f"s{s.pk}", f"{s.get_kind_display()} (version {s.version})") for s in reversed(snapshots)]
    choices += [(f"v{v.lock_version}", f"Version {v.lock_version}") for v in reversed(versions)]
    return render(
        request,
        "plans/history.html",
        {
            "plan": plan,
            "versions": list(reversed(versions)),
            "snapshots": snapshots,
            "choices": choices,
            "default_from": f"s{snapshots[-1].pk}"
            if snapshots
            else (f"v{versions[0].lock_version}" if versions else ""),
        },
    )


@login_required
@require_POST
def plan_compare_pdf(request, plan_id: int):
    """Queue the comparison as a PDF for members ("what changed since the committee saw it")."""
    plan = plan_for(request, plan_id, "plans.view_history")
    if not request.user.has_perm("plans.render_plan", plan):
        raise PermissionDenied
    tokens = {"from": request.POST.get("from", ""), "to": request.POST.get("to", "current")}
    if any(document_for_token(plan=plan, token=token) is None for token in tokens.values()):
        raise Http404("No such version")
    job = render_job_request(renderer_key="plan_comparison", subject=plan, requested_by=request.user, options=tokens)
    return redirect(reverse("documents:render_job_status", args=[job.id]))


@login_required
def plan_compare(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_history")
    context = plan_comparison(plan, request.GET.get("from", ""), request.GET.get("to", "current"))
    if context is None:
        raise Http404("No such version")
    context["may_render"] = request.user.has_perm("plans.render_plan", plan)
    return render(request, "plans/compare.html", context)


def _snapshot_for(request, plan_id: int, snapshot_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    try:
        snapshot = snapshot_get(plan=plan, snapshot_id=snapshot_id)
    except PlanSnapshot.DoesNotExist:
        raise Http404("No such snapshot") from None
    return plan, snapshot


@login_required
def snapshot_view(request, plan_id: int, snapshot_id: int):
    plan, snapshot = _snapshot_for(request, plan_id, snapshot_id)
    failed = failed_snapshot_response(request, plan=plan, snapshot=snapshot)
    if failed is not None:
        return failed
    context = hydrate(snapshot.document)
    may_comment = snapshot.kind == "committee" and request.user.has_perm("plans.comment_on_plan", plan)
    context.update(
        {
            "live_plan": plan,
            "snapshot": snapshot,
            "section_comments": snapshot_comments(snapshot=snapshot),
            "may_edit": False,
            "comment_base": reverse("plans:comment_create", args=[plan.pk, snapshot.pk]) if may_comment else "",
            "may_reply": request.user.has_perm("plans.reply_to_comment", plan),
            "reply_form": plan_forms.ReplyForm(),
            "addressed_form": plan_forms.AddressedForm(),
        }
    )
    return render(request, "plans/snapshot.html", context)


@login_required
def comment_create(request, plan_id: int, snapshot_id: int):
    plan, snapshot = _snapshot_for(request, plan_id, snapshot_id)
    if not request.user.has_perm("plans.comment_on_plan", plan):
        raise PermissionDenied
    failed = failed_snapshot_response(request, plan=plan, snapshot=snapshot)
    if failed is not None:
        # Members comment on what was sent; a copy that is no longer that is not offered for comment.
        return failed
    section = request.GET.get("section") or request.POST.get("section", "")
    row_key = request.GET.get("row") or request.POST.get("row", "")
    sections = {s.slug: s for s in sections_for(snapshot.document["plan"]["kind"])}
    if section not in sections:
        raise Http404("No such section")
    row_label = ""
    if row_key:
        row = snapshot_rows(snapshot.document).get(row_key)
        if row is None or row[0] != section:
            raise Http404("No such row")
        row_label = row[1]
    form = plan_forms.CommentForm(request.POST or None)
    token_form = SubmitTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            create_comment(
                snapshot=snapshot,
                author=request.user,
                section=section,
                row_key=row_key,
                body=form.cleaned_data["body"],
                submit_token=token_form.token,
            )
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                for message in field_messages:
                    form.add_error("body" if field in {"body", ""} else None, message)
        else:
            messages.success(request, "Your comment has been sent to the officers.")
            return redirect(reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk]) + f"#section-{section}")
    return render(
        request,
        "plans/comment_form.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "section": sections[section],
            "row_key": row_key,
            "row_label": row_label,
            "form": form,
            "token_form": token_form,
            "errors": error_list(form) if request.method == "POST" else [],
        },
    )


@login_required
@require_POST
def comment_respond(request, plan_id: int, comment_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    try:
        comment = comment_get(plan=plan, comment_id=comment_id)
    except Comment.DoesNotExist:
        raise Http404("No such comment") from None
    back = reverse("plans:snapshot_view", args=[plan.pk, comment.snapshot_id]) + f"#comment-{comment.pk}"
    try:
        if "version" in request.POST:
            form = plan_forms.AddressedForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors)
            comment_mark_addressed(comment=comment, user=request.user, version=form.cleaned_data["version"])
            messages.success(request, "Comment marked as addressed.")
        else:
            form = plan_forms.ReplyForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors)
            comment_reply_create(comment=comment, author=request.user, body=form.cleaned_data["body"])
            messages.success(request, "Reply sent.")
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
    return redirect(back)


@login_required
def plan_audit(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_audit")
    events = audit_events_for(plan=plan)
    if request.GET.get("format") == "csv":
        response = HttpResponse(audit_csv(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-audit.csv"'
        return response
    return render(request, "plans/audit.html", {"plan": plan, "events": events})
