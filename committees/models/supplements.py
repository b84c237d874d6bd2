"""Supplementary agenda packs: papers added or replaced after the pack was published (issue 13).

A supplement carries late items (or items whose papers changed) with the chair's reason for urgency
(Local Government Act 1972 s100B(4)(b)), and goes out as "Supplement 1", "Supplement 2"…, built and published
through the pack pipeline (``PackBuild.supplement``): the main pack stays exactly as it was published.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models

from .agenda import AgendaItem
from .meetings import Meeting

REASON_MAX_LENGTH = 3000


class SupplementNumbering(models.TextChoices):
    RUN_ON = "run_on", "Numbered on from the pack"
    OWN = "own", "Its own page numbers"


class Supplement(models.Model):
    """One supplement of a meeting's agenda; its builds are ``PackBuild`` rows with ``supplement`` set."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="supplements")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    items = models.ManyToManyField(AgendaItem, related_name="supplements")
    reason = models.TextField(
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
        help_text="The chair's reason for taking the items as urgent (LGA 1972 s100B(4)(b)).",
    )
    numbering = models.CharField(max_length=10, choices=SupplementNumbering.choices, default=SupplementNumbering.RUN_ON)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="supplement_one_number_per_meeting"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="supplement_number_from_one"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="supplement_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Supplement {self.number} to {self.meeting}"

    @property
    def title(self) -> str:
        return f"Supplement {self.number}"
