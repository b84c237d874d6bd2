"""Rows carried into next year's plan keep a link to the row they came from (issue 12, roll forward)."""

from django.db import models


class Carried(models.Model):
    """A priority, action or milestone that may have been carried over from last year's plan.

    The link is by identity, not by text, so a carried row still knows its origin after it is reworded;
    it is set only by the roll-forward service, never on a form.
    """

    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
        editable=False,
        help_text="The row of last year's plan this one was carried over from.",
    )

    class Meta:
        abstract = True

    @property
    def is_carried(self) -> bool:
        return self.carried_from_id is not None
