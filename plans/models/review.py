"""Review and approval: transitions, frozen snapshots, member comments and the audit trail."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from kcc_planning.once import submit_token_field

from .plan import Plan, PlanStatus


class PlanTransition(models.Model):
    """One step along the path to approval, with who took it and why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=20, choices=PlanStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(validators=[MaxLengthValidator(20_000)])
    decision_number = models.CharField(max_length=40, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.from_status} → {self.to_status}"


class SnapshotKind(models.TextChoices):
    COMMITTEE = "committee", "Sent to Cabinet Committee"
    APPROVED = "approved", "Approved"


class PlanSnapshot(models.Model):
    """The plan exactly as a committee saw it or as it was approved.

    The whole document is copied into ``document`` (JSON) so that later edits,
    or deleting the rows it was made from, can never change it; ``checksum``
    lets anyone verify that.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="snapshots")
    kind = models.CharField(max_length=20, choices=SnapshotKind.choices)
    version = models.PositiveIntegerField(help_text="The plan's version number when it was frozen.")
    document = models.JSONField()
    checksum = models.CharField(max_length=64)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_at", "id"]

    def __str__(self) -> str:
        return f"{self.plan} – {self.get_kind_display()} (version {self.version})"


class Comment(models.Model):
    """A member's comment on a section, or one row, of a frozen snapshot."""

    snapshot = models.ForeignKey(PlanSnapshot, on_delete=models.PROTECT, related_name="comments")
    section = models.SlugField(max_length=50)
    row_key = models.CharField(
        max_length=60, blank=True, help_text="e.g. 'action:42' for one action; blank for the whole section."
    )
    row_label = models.CharField(max_length=300, blank=True, help_text="What the row was called when commented on.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(validators=[MaxLengthValidator(10_000)])
    # The comment form's one-time token: sending the form twice makes one comment (kcc_planning.once).
    submit_token = submit_token_field()
    created_at = models.DateTimeField(auto_now_add=True)
    addressed_at = models.DateTimeField(null=True, blank=True)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    addressed_in_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The plan version that made the change asked for."
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(addressed_at__isnull=True) | models.Q(addressed_in_version__isnull=False),
                name="comment_addressed_names_version",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_addressed(self) -> bool:
        return self.addressed_at is not None


class CommentReply(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(validators=[MaxLengthValidator(10_000)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "comment replies"

    def __str__(self) -> str:
        return self.body[:60]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """Append-only record of edits, transitions, approvals, publications and permission changes.

    Rows are only ever inserted: updating or deleting through the ORM raises,
    the admin is read-only, and on PostgreSQL a trigger refuses it too.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=300, blank=True, help_text="Kept even if the user is deleted.")
    action = models.CharField(max_length=60)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events")
    subject = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.subject}"

    def save(self, *args, **kwargs):
        # Invariant, not business logic: an audit row, once written, never changes.
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")
