"""A business plan and its top-level attributes."""

from decimal import Decimal

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .organisation import Directorate, Division


class PlanKind(models.TextChoices):
    DIVISIONAL = "divisional", "Divisional business plan"
    DIRECTORATE = "directorate", "Directorate business plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for quality assurance"
    QA_CLEARED = "qa_cleared", "Cleared by quality assurance"
    WITH_COMMITTEE = "with_committee", "With Cabinet Committee"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    MID_YEAR = "mid_year", "Mid-year report"
    YEAR_END = "year_end", "Year-end report"


DRAFT_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.QA_CLEARED, PlanStatus.WITH_COMMITTEE})


class MoneyUnit(models.TextChoices):
    POUNDS = "pounds", "£"
    THOUSANDS = "thousands", "£000s"


class Plan(models.Model):
    """A divisional (2013-14 template) or directorate (2017-18 template) plan.

    The plan year is the directorate's: structures are dated, so a plan keeps
    the directorate and division names of the year it was written for.
    """

    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="plans")
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.PROTECT, related_name="plans")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    status_note = models.CharField(
        max_length=300, blank=True, help_text="Printed under the title, e.g. 'Final draft for Cabinet Committee'."
    )

    # Executive summary (divisional template). Free text because each may be "TBC - Feb 2013".
    summary_portfolio = models.CharField("Cabinet portfolio", max_length=300, blank=True)
    summary_corporate_director = models.CharField("Responsible corporate director", max_length=300, blank=True)
    summary_heads_of_service = models.CharField("Head(s) of service", max_length=500, blank=True)
    summary_gross_expenditure = models.CharField("Gross expenditure", max_length=100, blank=True)
    summary_fte = models.CharField("FTE", max_length=100, blank=True)

    # Section D / K: resources.
    resources_unit = models.CharField(max_length=10, choices=MoneyUnit.choices, default=MoneyUnit.POUNDS)
    resources_note = models.TextField(blank=True, validators=[MaxLengthValidator(5000)])
    fte_current = models.DecimalField(
        "FTE establishment at 31 March this year", max_digits=8, decimal_places=1, null=True, blank=True
    )
    fte_estimate = models.DecimalField(
        "Estimate of FTE establishment at 31 March next year", max_digits=8, decimal_places=1, null=True, blank=True
    )
    fte_variance_reason = models.TextField(
        "Reasons for any variance", blank=True, validators=[MaxLengthValidator(5000)]
    )

    # Optimistic locking: bumped by every service that writes the plan.
    lock_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-directorate__plan_year__start_year", "directorate__name", "division__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=PlanKind.DIVISIONAL, division__isnull=False)
                    | Q(kind=PlanKind.DIRECTORATE, division__isnull=True)
                ),
                name="plan_division_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["division"], condition=Q(kind=PlanKind.DIVISIONAL), name="plan_one_per_division"
            ),
            models.UniqueConstraint(
                fields=["directorate"], condition=Q(kind=PlanKind.DIRECTORATE), name="plan_one_per_directorate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.unit_name}"

    @property
    def plan_year(self):
        return self.directorate.plan_year

    @property
    def unit_name(self) -> str:
        return self.division.name if self.division_id else self.directorate.name

    @property
    def title(self) -> str:
        if self.kind == PlanKind.DIVISIONAL:
            return f"Divisional Business Plan {self.plan_year.label}"
        return f"{self.directorate.name} Directorate Business Plan {self.plan_year.label}"

    @property
    def is_draft(self) -> bool:
        return self.status in DRAFT_STATUSES

    @property
    def money_places(self) -> int:
        """Decimal places the resources table is printed with."""
        return 1 if self.resources_unit == MoneyUnit.THOUSANDS else 0


ZERO = Decimal("0")
