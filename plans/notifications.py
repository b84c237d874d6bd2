"""Emails to the people who must act next (console backend unless EMAIL_BACKEND is set)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from kcc_planning.roles import Role

from .models import Comment, Plan, PlanTransition
from .selectors import comment_place


def _group_emails(role: Role) -> set[str]:
    users = get_user_model().objects.filter(groups__name=role.value, is_active=True).exclude(email="")
    return set(users.values_list("email", flat=True))


def _author_emails(plan: Plan) -> set[str]:
    """Officers who write the plan: the division's officers, or the directorate's leads."""
    people = plan.division.officers.all() if plan.division_id else plan.directorate.leads.all()
    emails = set()
    for person in people.select_related("user"):
        email = person.email or (person.user.email if person.user_id else "")
        if email:
            emails.add(email)
    return emails


def _send(subject: str, body: str, recipients: set[str]) -> None:
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(recipients), fail_silently=False)


def _plan_link(plan: Plan) -> str:
    return f"{settings.SITE_URL}{reverse('plans:plan_overview', args=[plan.pk])}"


def notify_transition(*, transition_id: int) -> None:
    record = PlanTransition.objects.select_related("plan__directorate", "plan__division", "actor").get(pk=transition_id)
    plan = record.plan
    who = record.actor.get_full_name() if record.actor else "Someone"
    recipients = {
        "submit": _group_emails(Role.POLICY_TEAM),
        "return_to_draft": _author_emails(plan),
        "clear": _author_emails(plan),
        "send_to_committee": _group_emails(Role.COMMITTEE_MEMBER) | _author_emails(plan),
        "approve": _author_emails(plan),
        "publish": _author_emails(plan),
    }.get(record.name, set())
    subject = f"{plan.unit_name} business plan {plan.plan_year}: {record.get_to_status_display()}"
    body = (
        f"{who} moved the {plan.title} for {plan.unit_name} from "
        f"'{record.get_from_status_display()}' to '{record.get_to_status_display()}'.\n\n"
        f"{record.reason}\n\n"
        + (f"Decision number: {record.decision_number}\n\n" if record.decision_number else "")
        + f"See the plan: {_plan_link(plan)}\n"
    )
    _send(subject, body, recipients)


def notify_comment(*, comment_id: int) -> None:
    """Tell the plan's officers about a member's comment: where it was made, in the plan's words (the
    section's heading, not its slug), and a link to the comment itself on the version the committee saw."""
    comment = (
        Comment.objects.select_related("snapshot__plan__directorate__plan_year", "snapshot__plan__division", "author")
        .defer("snapshot__document")
        .get(pk=comment_id)
    )
    plan = comment.snapshot.plan
    who = comment.author.get_full_name() if comment.author else "A member"
    link = reverse("plans:snapshot_view", args=[plan.pk, comment.snapshot_id]) + f"#comment-{comment.pk}"
    subject = f"New comment on the {plan.unit_name} business plan {plan.plan_year}"
    body = (
        f"{who} commented on {comment_place(comment=comment, kind=plan.kind)}:\n\n{comment.body}\n\n"
        f"Reply and mark it addressed here: {settings.SITE_URL}{link}\n"
    )
    _send(subject, body, _author_emails(plan))
