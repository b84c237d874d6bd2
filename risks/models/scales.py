"""The risk matrix as data: scale labels and rating bands.

Labels and band limits live in the database so a council can change them in
the admin without a code change. Nothing stores a label or a band next to a
risk: both are derived from the stored likelihood and impact numbers.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

SCALE_MIN = 1
SCALE_MAX = 5
RATING_MIN = SCALE_MIN * SCALE_MIN
RATING_MAX = SCALE_MAX * SCALE_MAX


class ScaleKind(models.TextChoices):
    LIKELIHOOD = "likelihood", "Likelihood"
    IMPACT = "impact", "Impact"


class ScaleLevel(models.Model):
    """One point of a scale, e.g. likelihood 3 is "Possible"."""

    kind = models.CharField(max_length=10, choices=ScaleKind.choices)
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)])
    label = models.CharField(max_length=60)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="scalelevel_unique_value_per_kind"),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX), name="scalelevel_value_1_to_5"
            ),
            models.CheckConstraint(condition=Q(kind__in=ScaleKind.values), name="scalelevel_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label} ({self.value})"


class BandTone(models.TextChoices):
    """The colour a band is shown in; the band's name is always shown with it."""

    LOW = "low", "Green"
    MEDIUM = "medium", "Amber"
    HIGH = "high", "Red"


class Band(models.Model):
    """A range of ratings (likelihood × impact), e.g. Medium = 8-15."""

    name = models.CharField(max_length=40, unique=True)
    tone = models.CharField(max_length=10, choices=BandTone.choices)
    lower = models.PositiveSmallIntegerField(
        "Lowest rating", validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    upper = models.PositiveSmallIntegerField(
        "Highest rating", validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )

    class Meta:
        ordering = ["lower"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lower__gte=RATING_MIN, upper__lte=RATING_MAX, lower__lte=models.F("upper")),
                name="band_limits_in_order_and_range",
            ),
            models.CheckConstraint(condition=Q(tone__in=BandTone.values), name="band_tone_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.lower}-{self.upper})"

    def clean(self) -> None:
        super().clean()
        if self.lower is None or self.upper is None:
            return
        if self.lower > self.upper:
            raise ValidationError({"upper": "The highest rating must be the same as or above the lowest rating."})
        # Overlapping bands would make a rating's band ambiguous.
        overlapping = Band.objects.exclude(pk=self.pk).filter(lower__lte=self.upper, upper__gte=self.lower)
        for other in overlapping:
            raise ValidationError(
                {"lower": f"These limits overlap the {other.name} band ({other.lower}-{other.upper})."}
            )
