"""Key performance indicators and activity indicators, each belonging to a plan.

Floors, targets, outturns and benchmarks are "stated values": a status and,
only when the status is ``value``, a Decimal. Cells the council printed as
``NEW``, ``TBC`` or ``Not yet available`` keep that status instead of a
made-up number, and the database refuses a figure without the ``value``
status or the other way round.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from kcc_planning.locking import lock_version_field
from plans.models import Person, Plan, Priority

from ..rating import floor_target_error
from ..values import format_value
from .choices import ACTIVITY_UNITS, Frequency, Polarity, PreviousBasis, Unit, ValueStatus, YearTotal

MONEY_DIGITS = {"max_digits": 16, "decimal_places": 4}

KPI_SLOTS = (
    "previous",
    "benchmark",
    "floor",
    "target",
    "target_q1",
    "target_q2",
    "target_q3",
    "target_q4",
    "target_next",
)
# Targets the floor applies to (next year's target is set against next year's floor, not this one).
FLOORED_TARGETS = ("target", "target_q1", "target_q2", "target_q3", "target_q4")
QUARTERS = (1, 2, 3, 4)


def _status_field(verbose_name: str):
    return models.CharField(
        f"{verbose_name} (status)", max_length=20, choices=ValueStatus.choices, default=ValueStatus.BLANK
    )


def _value_field(verbose_name: str):
    return models.DecimalField(verbose_name, null=True, blank=True, **MONEY_DIGITS)


def _stated_constraints(prefix: str, slots: tuple[str, ...]) -> list[models.CheckConstraint]:
    """A figure is stored exactly when the slot's status says there is one."""
    return [
        models.CheckConstraint(
            condition=(Q(**{f"{slot}_status": ValueStatus.VALUE}) & Q(**{f"{slot}__isnull": False}))
            | (~Q(**{f"{slot}_status": ValueStatus.VALUE}) & Q(**{f"{slot}__isnull": True})),
            name=f"{prefix}_{slot}_value_matches_status",
            violation_error_message="A figure is stored only when the status says there is one.",
        )
        for slot in slots
    ]


def _stated_errors(indicator, slots) -> dict[str, str]:
    """The Python side of the ``*_value_matches_status`` constraints, checked before saving."""
    errors = {}
    for slot in slots:
        has_value = getattr(indicator, slot) is not None
        if has_value != (getattr(indicator, f"{slot}_status") == ValueStatus.VALUE):
            errors[slot] = "A figure is stored only when the status says there is one."
    return errors


class StatedValue:
    """One stated cell: ``status`` and ``value`` (a Decimal only when ``status`` is ``value``)."""

    __slots__ = ("status", "value")

    def __init__(self, status: str, value: Decimal | None):
        self.status = status
        self.value = value

    @property
    def is_value(self) -> bool:
        return self.status == ValueStatus.VALUE

    def __repr__(self) -> str:
        return f"StatedValue({self.status!r}, {self.value!r})"


class Indicator(models.Model):
    """What KPIs and activity indicators share."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)
    reference = models.CharField(
        max_length=20,
        blank=True,
        help_text="As printed, e.g. CS01. Needed to import actuals from a file. Some 2013-14 plans printed none.",
    )
    description = models.TextField(validators=[MaxLengthValidator(1000)])
    decimal_places = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(3)], help_text="How many decimal places figures are shown with."
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Reminded when an actual is missing. With no owner, the plan's officers are reminded.",
    )
    # Set only when the indicator was carried into next year's plan (performance.rollforward).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to", editable=False
    )
    lock_version = lock_version_field()

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.description}".strip() if self.reference else self.description

    def stated(self, slot: str) -> StatedValue:
        return StatedValue(getattr(self, f"{slot}_status"), getattr(self, slot))


class Kpi(Indicator):
    """A key performance indicator: a result with a floor standard and a target."""

    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="kpis", help_text="The plan priorities this indicator measures."
    )
    business_as_usual = models.BooleanField(
        default=False, help_text="Printed as BAU: core business rather than a plan priority."
    )
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENTAGE)
    scale_labels = models.JSONField(
        default=list,
        blank=True,
        help_text="For a rating scale only: the worded levels from worst to best.",
    )
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY)
    previous_basis = models.CharField(
        "Last year's figure is", max_length=10, choices=PreviousBasis.choices, default=PreviousBasis.OUTTURN
    )
    previous_as_at = models.DateField(
        "Forecast based on data for",
        null=True,
        blank=True,
        help_text="The month a forecast was made from (printed as a footnote), e.g. December 2016.",
    )

    previous_status = _status_field("Last year's outturn or forecast")
    previous = _value_field("Last year's outturn or forecast")
    benchmark_status = _status_field("Comparative benchmark")
    benchmark = _value_field("Comparative benchmark")
    floor_status = _status_field("Floor standard")
    floor = _value_field("Floor standard")
    target_status = _status_field("Target")
    target = _value_field("Target")
    target_q1_status = _status_field("Quarter 1 target")
    target_q1 = _value_field("Quarter 1 target")
    target_q2_status = _status_field("Quarter 2 target")
    target_q2 = _value_field("Quarter 2 target")
    target_q3_status = _status_field("Quarter 3 target")
    target_q3 = _value_field("Quarter 3 target")
    target_q4_status = _status_field("Quarter 4 target")
    target_q4 = _value_field("Quarter 4 target")
    target_next_status = _status_field("Next year's target")
    target_next = _value_field("Next year's target")

    # Targets and floors change over a year: every version is kept (django-simple-history).
    history = HistoricalRecords()

    class Meta(Indicator.Meta):
        verbose_name = "key performance indicator"
        default_related_name = "kpis"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"], condition=~Q(reference=""), name="kpi_unique_reference_per_plan"
            ),
            models.CheckConstraint(condition=Q(decimal_places__lte=3), name="kpi_decimal_places_at_most_3"),
            *_stated_constraints("kpi", KPI_SLOTS),
            *[
                models.CheckConstraint(
                    condition=Q(floor__isnull=True)
                    | Q(**{f"{slot}__isnull": True})
                    | Q(polarity=Polarity.HIGHER, floor__lte=F(slot))
                    | Q(polarity=Polarity.LOWER, floor__gte=F(slot)),
                    name=f"kpi_floor_not_better_than_{slot}",
                    violation_error_message="The floor standard is better than the target for this polarity.",
                )
                for slot in FLOORED_TARGETS
            ],
        ]

    def clean(self) -> None:
        """Refuse what the database constraints would, but with explanations an officer can act on."""

        def shown(value: Decimal) -> str:
            return format_value(value, unit=self.unit, places=self.decimal_places, scale_labels=self.scale_labels)

        errors: dict[str, str] = _stated_errors(self, KPI_SLOTS)
        if self.unit == Unit.SCALE:
            labels = [label for label in self.scale_labels or [] if str(label).strip()]
            if len(labels) < 2:
                errors["scale_labels"] = "A rating scale needs at least two levels, listed from worst to best."
        elif self.scale_labels:
            errors["scale_labels"] = "Levels only apply to a rating scale: remove them or choose “Rating scale”."
        for slot in KPI_SLOTS:
            value = getattr(self, slot)
            if value is None:
                continue
            if self.unit == Unit.ACHIEVE and value not in (0, 1):
                errors.setdefault(slot, "Enter Achieve or Not achieved for a yes/no indicator.")
            if self.unit == Unit.SCALE and (value != int(value) or not 1 <= value <= len(self.scale_labels or [])):
                errors.setdefault(slot, "Enter one of the levels of the rating scale.")
        if self.frequency != Frequency.QUARTERLY and self.has_quarter_targets:
            errors["target_q1"] = "Quarterly targets only apply to an indicator reported quarterly."
        if not errors:
            for slot in FLOORED_TARGETS:
                name = "target" if slot == "target" else f"quarter {slot[-1]} target"
                message = floor_target_error(
                    floor=self.floor, target=getattr(self, slot), polarity=self.polarity, target_name=name, shown=shown
                )
                if message:
                    errors["floor"] = message
                    break
        if errors:
            raise ValidationError(errors)

    def target_for_quarter(self, quarter: int | None) -> StatedValue:
        """The quarter's own target where the plan sets one, otherwise the year's."""
        if quarter in QUARTERS:
            own = self.stated(f"target_q{quarter}")
            if own.status != ValueStatus.BLANK:
                return own
        return self.stated("target")

    @property
    def has_quarter_targets(self) -> bool:
        return any(getattr(self, f"target_q{q}_status") != ValueStatus.BLANK for q in QUARTERS)


class ActivityIndicator(Indicator):
    """A volume the council tracks against an expected range, not a target."""

    unit = models.CharField(max_length=20, choices=[(u.value, u.label) for u in ACTIVITY_UNITS], default=Unit.COUNT)
    year_total = models.CharField("Year total is", max_length=10, choices=YearTotal.choices, default=YearTotal.SUM)
    tracking_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="For indicators without thresholds, e.g. “Activity to be tracked against last year's activity”.",
    )
    previous_status = _status_field("Last year's outturn")
    previous = _value_field("Last year's outturn")
    benchmark_status = _status_field("Comparative benchmark")
    benchmark = _value_field("Comparative benchmark")
    q1_lower = _value_field("Quarter 1 lower threshold")
    q1_upper = _value_field("Quarter 1 upper threshold")
    q2_lower = _value_field("Quarter 2 lower threshold")
    q2_upper = _value_field("Quarter 2 upper threshold")
    q3_lower = _value_field("Quarter 3 lower threshold")
    q3_upper = _value_field("Quarter 3 upper threshold")
    q4_lower = _value_field("Quarter 4 lower threshold")
    q4_upper = _value_field("Quarter 4 upper threshold")

    # Targets and floors change over a year: every version is kept (django-simple-history).
    history = HistoricalRecords()

    class Meta(Indicator.Meta):
        default_related_name = "activity_indicators"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"], condition=~Q(reference=""), name="activity_unique_reference_per_plan"
            ),
            models.CheckConstraint(condition=Q(decimal_places__lte=3), name="activity_decimal_places_at_most_3"),
            *_stated_constraints("activity", ("previous", "benchmark")),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{band}_lower__isnull": True})
                    | Q(**{f"{band}_upper__isnull": True})
                    | Q(**{f"{band}_lower__lte": F(f"{band}_upper")}),
                    name=f"activity_{band}_lower_not_above_upper",
                    violation_error_message="A lower threshold is above its upper threshold.",
                )
                for band in ("q1", "q2", "q3", "q4")
            ],
        ]

    def clean(self) -> None:
        errors: dict[str, str] = _stated_errors(self, ("previous", "benchmark"))
        for band, name in (
            ("q1", "quarter 1"),
            ("q2", "quarter 2"),
            ("q3", "quarter 3"),
            ("q4", "quarter 4"),
        ):
            lower, upper = getattr(self, f"{band}_lower"), getattr(self, f"{band}_upper")
            if lower is not None and upper is not None and lower > upper:
                errors[f"{band}_lower"] = f"The lower threshold for {name} is above its upper threshold."
        if errors:
            raise ValidationError(errors)

    def band(self, quarter: int) -> tuple[Decimal | None, Decimal | None]:
        return getattr(self, f"q{quarter}_lower"), getattr(self, f"q{quarter}_upper")

    @property
    def has_thresholds(self) -> bool:
        return any(value is not None for q in QUARTERS for value in self.band(q))

    @property
    def expected_total(self) -> tuple[Decimal | None, Decimal | None]:
        """The year's expected range, worked out from the quarters (never typed, so it cannot disagree with them).

        Summed indicators add up the four quarters' thresholds (an edge is
        known only when all four quarters give it); running counts expect the
        latest quarter's range.
        """
        if self.year_total == YearTotal.LATEST:
            for quarter in reversed(QUARTERS):
                lower, upper = self.band(quarter)
                if lower is not None or upper is not None:
                    return lower, upper
            return None, None
        totals = []
        for edge in (0, 1):
            values = [self.band(q)[edge] for q in QUARTERS]
            totals.append(sum(values, start=Decimal(0)) if all(v is not None for v in values) else None)
        return totals[0], totals[1]
