"""Member comments on what a committee is considering, and officers' replies."""

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kcc_planning.once import once_create
from kcc_planning.validation import text_errors

from ..audit import audit_record
from ..models import Comment, CommentReply, PlanSnapshot, SnapshotKind
from ..sections import sections_for
from ..tasks import comment_email_queue

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def snapshot_rows(document: dict) -> dict[str, tuple[str, str]]:
    """Every commentable row of a snapshot: key → (section slug, label as printed)."""
    rows: dict[str, tuple[str, str]] = {}
    for priority in document["priorities"]:
        rows[priority["key"]] = ("priorities", f"Priority {priority['number']}: {priority['title']}")
        for action in priority["actions"]:
            rows[action["key"]] = ("priorities", f"Action {action['number']}: {action['title']}")
        for milestone in priority["milestones"]:
            rows[milestone["key"]] = (
                "priorities",
                f"Milestone {priority['number']}{milestone['letter']}: {milestone['title']}",
            )
    section_of_table = {
        "resource_lines": "resources",
        "staffing_lines": "resources",
        "critical_functions": "business-continuity",
        "support_requests": "support",
        "priority_progress": "progress",
        "services": "services",
        "commissioning": "commissioning",
    }
    for table, items in document["tables"].items():
        for item in items:
            label = next(
                (
                    str(item[f])
                    for f in ("unit_name", "function", "activity", "title", "service_name", "name")
                    if item.get(f)
                ),
                item["key"],
            )
            rows[item["key"]] = (section_of_table[table], label)
    return rows


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter your comment."})
    if errors := text_errors({"body": body}):
        raise ValidationError(errors)
    if len(body) > 10_000:
        raise ValidationError({"body": "A comment can be up to 10,000 characters."})
    return body


@transaction.atomic
def comment_create(
    *,
    snapshot: PlanSnapshot,
    author: "User",
    section: str,
    row_key: str,
    body: str,
    submit_token: uuid.UUID | None = None,
) -> Comment:
    """A member comments on a section or one row of the snapshot the committee is considering.

    ``submit_token`` is the comment form's one-time token: the same form sent again returns the comment the
    first send made, with no second audit entry or email.
    """
    if snapshot.kind != SnapshotKind.COMMITTEE:
        raise ValidationError({"": "Comments are made on the version sent to Cabinet Committee."})
    if not author.has_perm("plans.comment_on_plan", snapshot.plan):
        raise PermissionDenied
    slugs = {s.slug for s in sections_for(snapshot.document["plan"]["kind"])}
    if section not in slugs:
        raise ValidationError({"section": "Choose a section of the plan."})
    label = ""
    if row_key:
        rows = snapshot_rows(snapshot.document)
        if row_key not in rows or rows[row_key][0] != section:
            raise ValidationError({"row_key": "That row is not in this version of the plan."})
        label = rows[row_key][1][:300]

    def create() -> Comment:
        comment = Comment(
            snapshot=snapshot,
            section=section,
            row_key=row_key,
            row_label=label,
            author=author,
            body=_clean_body(body),
            submit_token=submit_token,
        )
        comment.full_clean()
        comment.save()
        audit_record(
            actor=author,
            action="comment",
            plan=snapshot.plan,
            subject=label or section,
            after={"comment": comment.pk, "body": comment.body},
        )
        comment_email_queue(comment_id=comment.pk)
        return comment

    comment, created = once_create(model=Comment, token=submit_token, create=create)
    if not created and (comment.author_id != author.pk or comment.snapshot_id != snapshot.pk):
        # A token is only ever sent back by the form it was given to; another's means the form was tampered with.
        raise PermissionDenied
    return comment


@transaction.atomic
def comment_reply_create(*, comment: Comment, author: "User", body: str) -> CommentReply:
    if not author.has_perm("plans.reply_to_comment", comment.snapshot.plan):
        raise PermissionDenied
    reply = CommentReply(comment=comment, author=author, body=_clean_body(body))
    reply.full_clean()
    reply.save()
    audit_record(
        actor=author,
        action="comment reply",
        plan=comment.snapshot.plan,
        subject=comment.row_label or comment.section,
        after={"comment": comment.pk, "reply": reply.body},
    )
    return reply


@transaction.atomic
def comment_mark_addressed(*, comment: Comment, user: "User", version: int) -> Comment:
    """Mark a comment addressed by a later version of the plan (the change members can compare)."""
    plan = comment.snapshot.plan
    if not user.has_perm("plans.reply_to_comment", plan):
        raise PermissionDenied
    plan.refresh_from_db(fields=["lock_version"])
    if not comment.snapshot.version < version <= plan.lock_version:
        raise ValidationError(
            {
                "version": f"Choose a version after the one the committee saw ({comment.snapshot.version + 1} "
                f"to {plan.lock_version})."
            }
        )
    comment.addressed_at = timezone.now()
    comment.addressed_by = user
    comment.addressed_in_version = version
    comment.save(update_fields=["addressed_at", "addressed_by", "addressed_in_version"])
    audit_record(
        actor=user,
        action="comment addressed",
        plan=plan,
        subject=comment.row_label or comment.section,
        after={"comment": comment.pk, "version": version},
    )
    return comment
