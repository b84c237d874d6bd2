"""Reporting periods and the actuals officers record against them."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q

from kcc_planning.locking import lock_version_field

from .. import periods
from .choices import EntrySource, PeriodKind
from .indicators import MONEY_DIGITS, ActivityIndicator, Kpi


class Period(models.Model):
    """A month, financial quarter, financial year or academic year, named by its code (``2017-Q2``).

    Rows are made from the code by ``performance.services.period_get_or_create``
    so the dates always agree with the code; see ``performance.periods``.
    """

    code = models.CharField(max_length=10, unique=True)
    kind = models.CharField(max_length=20, choices=PeriodKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on", "-ends_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="period_ends_after_it_starts"),
            models.UniqueConstraint(fields=["kind", "starts_on"], name="period_unique_kind_start"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def spec(self) -> periods.PeriodSpec:
        return periods.PeriodSpec(self.starts_on, self.ends_on, self.code, periods.Kind(self.kind))

    @property
    def label(self) -> str:
        return self.spec.label


class Actual(models.Model):
    """What an actual records besides its figure: who, when, how, and why (commentary)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(**MONEY_DIGITS)
    commentary = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()
    source = models.CharField(max_length=10, choices=EntrySource.choices, default=EntrySource.FORM)
    # Bumped whenever the figure or its commentary changes, so the period entry page never overwrites a figure
    # someone else entered after it was loaded (kcc_planning/locking.py).
    lock_version = lock_version_field()

    class Meta:
        abstract = True


class KpiActual(Actual):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")

    class Meta:
        verbose_name = "KPI actual"
        ordering = ["kpi", "period__starts_on"]
        constraints = [models.UniqueConstraint(fields=["kpi", "period"], name="kpi_actual_one_per_period")]

    def __str__(self) -> str:
        return f"{self.kpi.reference or self.kpi_id} {self.period.code}: {self.value}"


class ActivityActual(Actual):
    indicator = models.ForeignKey(ActivityIndicator, on_delete=models.CASCADE, related_name="actuals")

    class Meta:
        ordering = ["indicator", "period__starts_on"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="activity_actual_one_per_period")]

    def __str__(self) -> str:
        return f"{self.indicator.reference or self.indicator_id} {self.period.code}: {self.value}"
