"""Imports of actuals waiting for confirmation, and reminders already sent."""

from django.conf import settings
from django.db import models

from plans.models import Person, Plan

from .actuals import Period
from .choices import ImportStatus


class ActualImport(models.Model):
    """A checked file of actuals, held between the preview and the officer's confirmation.

    Only files without a single error are held; the rows are kept as read
    (text) and checked again when committed, since the plan may have changed.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actual_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=ImportStatus.COMMITTED, committed_at__isnull=False)
                | ~models.Q(status=ImportStatus.COMMITTED),
                name="actual_import_committed_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class Reminder(models.Model):
    """A reminder email sent to one person about one period, so a second run does not send it again."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    indicator_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["person", "period"], name="reminder_once_per_person_period")]

    def __str__(self) -> str:
        return f"{self.person} · {self.period.code}"
