"""A business plan and its top-level attributes."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, transition
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
# While QA is reading a submitted plan, and once it is approved, the text stands still.
EDITABLE_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.QA_CLEARED, PlanStatus.WITH_COMMITTEE})


def _may(permission: str):
    """A django-fsm permission check that asks the rules in ``plans.rules`` about this plan."""

    def check(instance, user) -> bool:
        return user.has_perm(permission, instance)

    return check


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
    status = FSMField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
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

    # Set only by the roll-forward service: the plan of the year before that this draft was started from.
    # One-to-one, so a plan is rolled forward once (the unit's one-plan-a-year constraints refuse the rest).
    rolled_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rolled_forward_to", editable=False
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
        # ``division``, not ``division_id``: a plan rebuilt from a stored version has an unsaved division.
        return self.division.name if self.division is not None else self.directorate.name

    @property
    def title(self) -> str:
        if self.kind == PlanKind.DIVISIONAL:
            return f"Divisional Business Plan {self.plan_year.label}"
        return f"{self.directorate.name} Directorate Business Plan {self.plan_year.label}"

    @property
    def is_draft(self) -> bool:
        return self.status in DRAFT_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    # The path to approval. These only move the state; the services in
    # plans/services/workflow.py check completeness, record reasons and freeze snapshots.
    @transition(
        field=status, source=PlanStatus.DRAFT, target=PlanStatus.SUBMITTED, permission=_may("plans.submit_plan")
    )
    def submit(self) -> None:
        """Officer submits the draft for quality assurance by the policy team."""

    @transition(
        field=status, source=PlanStatus.SUBMITTED, target=PlanStatus.DRAFT, permission=_may("plans.review_plan")
    )
    def return_to_draft(self) -> None:
        """Policy team returns the plan with a feedback letter."""

    @transition(
        field=status, source=PlanStatus.SUBMITTED, target=PlanStatus.QA_CLEARED, permission=_may("plans.review_plan")
    )
    def clear(self) -> None:
        """Policy team clears the plan for Cabinet Committee."""

    @transition(
        field=status,
        source=PlanStatus.QA_CLEARED,
        target=PlanStatus.WITH_COMMITTEE,
        permission=_may("plans.send_plan_to_committee"),
    )
    def send_to_committee(self) -> None:
        """The plan goes to Cabinet Committee for members' comments (a snapshot is frozen)."""

    @transition(
        field=status,
        source=PlanStatus.WITH_COMMITTEE,
        target=PlanStatus.APPROVED,
        permission=_may("plans.approve_plan"),
    )
    def approve(self) -> None:
        """Cabinet Member / Corporate Director approves with a decision number (a snapshot is frozen)."""

    @transition(
        field=status, source=PlanStatus.APPROVED, target=PlanStatus.PUBLISHED, permission=_may("plans.publish_plan")
    )
    def publish(self) -> None:
        """Published online (usually in April)."""

    @transition(
        field=status, source=PlanStatus.PUBLISHED, target=PlanStatus.MID_YEAR, permission=_may("plans.report_on_plan")
    )
    def report_mid_year(self) -> None:
        """Mid-year progress report to the committee."""

    @transition(
        field=status, source=PlanStatus.MID_YEAR, target=PlanStatus.YEAR_END, permission=_may("plans.report_on_plan")
    )
    def report_year_end(self) -> None:
        """Year-end progress report to the committee."""

    @property
    def money_places(self) -> int:
        """Decimal places the resources table is printed with."""
        return 1 if self.resources_unit == MoneyUnit.THOUSANDS else 0
