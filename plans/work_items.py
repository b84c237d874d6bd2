"""The plans app's own lists on "My work" (``plans.work``): comments to answer, plans to assure or approve,
draft plans. Each reads in one or two queries whatever the number of plans or comments."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.text import Truncator

from kcc_planning.roles import Role

from .models import Directorate, Plan, PlanSnapshot, PlanStatus, PlanTransition, Portfolio, SnapshotKind
from .selectors import open_comments, plan_base_queryset
from .templatetags.plan_text import user_name
from .work import WorkEntry, Worker, register_work_item


def _plan_name(plan: Plan) -> str:
    return f"{plan.unit_name} {plan.plan_year.label}"


def comments_to_answer(*, worker: Worker) -> list[WorkEntry] | None:
    """Members' comments not yet marked addressed, on the plans this person writes, oldest first."""
    if not worker.written_plan_ids:
        return None
    comments = open_comments(plan_ids=worker.written_plan_ids)
    entries = []
    for comment in comments:
        plan = comment.snapshot.plan
        replied = f" Replied {comment.reply_count} time{pluralize(comment.reply_count)}." if comment.reply_count else ""
        said = Truncator(comment.body).words(25)
        entries.append(
            WorkEntry(
                text=f"{comment.place} ({_plan_name(plan)})",
                href=reverse("plans:snapshot_view", args=[plan.pk, comment.snapshot_id]) + f"#comment-{comment.pk}",
                hint=f"{user_name(comment.author, 'A member')}, {comment.created_at:%-d %B %Y}: “{said}”{replied}",
            )
        )
    return entries


def plans_to_comment_on(*, worker: Worker) -> list[WorkEntry] | None:
    """Plans with Cabinet Committee, for its members: the version sent, to read and comment on."""
    if not worker.has_role(Role.COMMITTEE_MEMBER):
        return None
    snapshots = (
        PlanSnapshot.objects.filter(kind=SnapshotKind.COMMITTEE, plan__status=PlanStatus.WITH_COMMITTEE)
        .select_related("plan__directorate__plan_year", "plan__division")
        .defer("document")
        .annotate(mine=Count("comments", filter=Q(comments__author=worker.user)))
        .order_by("-taken_at", "-id")
    )
    latest = {}
    for snapshot in snapshots:
        latest.setdefault(snapshot.plan_id, snapshot)
    return [
        WorkEntry(
            text=_plan_name(snapshot.plan),
            href=reverse("plans:snapshot_view", args=[snapshot.plan_id, snapshot.pk]),
            hint=f"Version {snapshot.version}, sent on {snapshot.taken_at:%-d %B %Y}. "
            + (
                f"You have made {snapshot.mine} comment{pluralize(snapshot.mine)}."
                if snapshot.mine
                else "No comment from you yet."
            ),
        )
        for snapshot in latest.values()
    ]


def plans_to_assure(*, worker: Worker) -> list[WorkEntry] | None:
    """Plans submitted for quality assurance, for the policy team."""
    if not worker.has_role(Role.POLICY_TEAM):
        return None
    plans = plan_base_queryset().filter(status=PlanStatus.SUBMITTED).order_by("updated_at", "id")
    return [
        WorkEntry(
            text=_plan_name(plan),
            href=reverse("plans:plan_workflow", args=[plan.pk]),
            hint=f"Submitted for quality assurance; last changed {plan.updated_at:%-d %B %Y}.",
        )
        for plan in plans
    ]


def plans_to_approve(*, worker: Worker) -> list[WorkEntry] | None:
    """Plans with Cabinet Committee that this person approves (``plans.rules``: directorate lead, corporate
    director or the Cabinet Member for the portfolio)."""
    plans = plan_base_queryset().filter(status=PlanStatus.WITH_COMMITTEE)
    if not worker.is_administrator:
        person = worker.person
        if person is None:
            return None
        leads = Q(leads=person) | Q(corporate_director=person)
        if not (Directorate.objects.filter(leads).exists() or Portfolio.objects.filter(cabinet_member=person).exists()):
            return None
        plans = plans.filter(
            Q(directorate__leads=person)
            | Q(directorate__corporate_director=person)
            | Q(division__portfolio__cabinet_member=person)
            | Q(division__isnull=True, directorate__divisions__portfolio__cabinet_member=person)
        ).distinct()
    return [
        WorkEntry(
            text=_plan_name(plan),
            href=reverse("plans:plan_workflow", args=[plan.pk]),
            hint="With Cabinet Committee: approve it with the decision number once the decision is taken.",
        )
        for plan in plans.order_by("updated_at", "id")
    ]


def my_draft_plans(*, worker: Worker) -> list[WorkEntry] | None:
    """Draft plans this person writes; one returned by quality assurance says so and links to the feedback."""
    if not worker.written_plan_ids:
        return None
    last_step = PlanTransition.objects.filter(plan=OuterRef("pk")).order_by("-created_at", "-id").values("name")[:1]
    plans = (
        plan_base_queryset()
        .filter(pk__in=worker.written_plan_ids, status=PlanStatus.DRAFT)
        .annotate(last_step=Subquery(last_step))
        .order_by("directorate__plan_year__start_year", "id")
    )
    entries = []
    for plan in plans:
        if plan.last_step == "return_to_draft":
            href = reverse("plans:plan_workflow", args=[plan.pk])
            hint = "Returned by the policy team with feedback: read it on the path to approval."
        else:
            href = reverse("plans:plan_overview", args=[plan.pk])
            hint = f"Draft; last changed {plan.updated_at:%-d %B %Y}."
        entries.append(WorkEntry(text=_plan_name(plan), href=href, hint=hint))
    return entries


def register() -> None:
    """The plans app's lists, first on the page (called from ``PlansConfig.ready``)."""
    register_work_item(
        "comments_to_answer",
        comments_to_answer,
        title="Comments to answer",
        empty="No member's comment is waiting for an answer.",
    )
    register_work_item(
        "plans_to_comment_on",
        plans_to_comment_on,
        title="Plans with Cabinet Committee for your comments",
        empty="No plan is with Cabinet Committee at the moment.",
    )
    register_work_item(
        "plans_to_assure",
        plans_to_assure,
        title="Plans awaiting your quality assurance",
        empty="No plan is waiting for quality assurance.",
    )
    register_work_item(
        "plans_to_approve",
        plans_to_approve,
        title="Plans awaiting your approval",
        empty="No plan is waiting for your approval.",
    )
    register_work_item("my_draft_plans", my_draft_plans, title="Your draft plans", empty="You have no draft plans.")
