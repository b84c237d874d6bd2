"""What a plan is made of: narrative, priorities, actions, tables.

Numbers (action ``1.1``, milestone ``A``) are never stored: they are derived
from the order of rows by ``plans.numbering`` so they cannot drift.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .carried import Carried
from .plan import Plan

TEXT_LIMIT = 20_000


class Positioned(models.Model):
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class NarrativeSection(models.TextChoices):
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    FOREWORD = "foreword", "Corporate Director's foreword"
    ROLE_PURPOSE = "role_purpose", "Role and purpose"
    MTP_CONTRIBUTION = "mtp_contribution", "Contribution to Medium Term Plan objectives"
    OPERATING_ENVIRONMENT = "operating_environment", "Operating environment"
    RISKS = "risks", "Risks"
    PRIORITIES = "priorities", "Priorities for the year"
    OD_PRIORITIES = "od_priorities", "Organisational development priorities"
    MONITORING = "monitoring", "Monitoring and review"


class NarrativeBlock(Positioned):
    """A heading (optional) and paragraphs of text within a narrative section."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="narrative_blocks")
    section = models.CharField(max_length=40, choices=NarrativeSection.choices)
    heading = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.heading or self.get_section_display()


class Priority(Carried, Positioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Action(Carried, Positioned):
    """An action under a priority; a sub-action (``1.1``) has a parent action (``1``)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_actions")
    title = models.TextField(validators=[MaxLengthValidator(2000)])
    accountable_officer = models.CharField(max_length=300, blank=True)
    # As written ("April 2013", "Ongoing into 2014"); the month is parsed from
    # the text where it names one, so dates can be checked and sorted.
    start_text = models.CharField("Start", max_length=200, blank=True)
    start_month = models.DateField(null=True, blank=True)
    end_text = models.CharField("End", max_length=200, blank=True)
    end_month = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_month__isnull=True)
                | models.Q(end_month__isnull=True)
                | models.Q(end_month__gte=models.F("start_month")),
                name="action_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title[:80]


class Milestone(Carried, Positioned):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="milestones")
    title = models.TextField(validators=[MaxLengthValidator(2000)])
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones")
    due_text = models.CharField("Date", max_length=200, blank=True)
    due_month = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.title[:80]


class KeyDecision(Positioned):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="key_decisions")
    description = models.TextField(validators=[MaxLengthValidator(2000)])
    in_forward_plan = models.BooleanField("Already in the Forward Plan?", null=True, blank=True)

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.description[:80]


class ResourceLine(Positioned):
    """One row of the financial resources table. Gross and net are computed, never stored."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="resource_lines")
    unit_name = models.CharField("Divisional unit or division", max_length=300)
    responsible_manager = models.CharField(max_length=300, blank=True)
    staffing = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    non_staffing = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    internal_income = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, help_text="Enter income as a negative number, as printed."
    )
    external_income = models.DecimalField(
        "External or service income",
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text="Enter income as a negative number, as printed.",
    )
    grants = models.DecimalField(
        "Government grants",
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text="Enter grants as a negative number, as printed.",
    )

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.unit_name

    @property
    def gross_expenditure(self):
        return self.staffing + self.non_staffing

    @property
    def service_income(self):
        return self.internal_income + self.external_income

    @property
    def net_expenditure(self):
        return self.gross_expenditure + self.service_income

    @property
    def net_cost(self):
        return self.net_expenditure + self.grants


class StaffingLine(Positioned):
    """FTE by division (directorate template, section K)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="staffing_lines")
    unit_name = models.CharField("Division", max_length=300)
    fte = models.DecimalField("FTE", max_digits=8, decimal_places=1)

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        constraints = [models.CheckConstraint(condition=models.Q(fte__gte=0), name="staffingline_fte_not_negative")]

    def __str__(self) -> str:
        return self.unit_name


class CriticalFunction(Positioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="critical_functions")
    function = models.TextField("Critical function", validators=[MaxLengthValidator(2000)])
    timescale = models.CharField(max_length=200, help_text="e.g. 4 hours, 3 days")
    minimum_service_level = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.function[:80]


class SupportRequest(Positioned):
    """Activity requiring support from other divisions (divisional section G)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="support_requests")
    activity = models.TextField("Activity details", validators=[MaxLengthValidator(2000)])
    expected_impact = models.CharField("Expected impact / division affected", max_length=500, blank=True)
    expected_date = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.activity[:80]


class PriorityProgress(Positioned):
    """Progress on one of last year's priorities (directorate section D)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priority_progress")
    title = models.TextField("Last year's priority", validators=[MaxLengthValidator(2000)])
    progress = models.TextField(
        blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)], help_text="One point of progress per line."
    )

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        verbose_name_plural = "priority progress"

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def progress_points(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.progress.splitlines() if line.strip(" -•\t")]


class ServiceProvision(Positioned):
    """An internal or external service (directorate section I)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="services")
    group = models.CharField("Group heading", max_length=300, blank=True)
    service_name = models.CharField(max_length=500)
    provision = models.CharField("Internal or external", max_length=300, blank=True)
    contract_end = models.CharField("Contract end date (if external)", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        pass

    def __str__(self) -> str:
        return self.service_name


class Consultation(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "na", "N/A"


class CommissioningActivity(Positioned):
    """Significant commissioning and service activity (directorate section J)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commissioning")
    name = models.CharField(max_length=300)
    description = models.TextField("Brief description of activity", validators=[MaxLengthValidator(2000)])
    lead_service = models.CharField(max_length=300, blank=True)
    expected_value = models.DecimalField("Expected value (£)", max_digits=16, decimal_places=2, null=True, blank=True)
    expected_value_note = models.CharField(
        "Value qualifier", max_length=200, blank=True, help_text="e.g. p/a, current quarterly value"
    )
    key_decision_date = models.CharField("Date for key decision (if required)", max_length=200, blank=True)
    public_consultation = models.CharField(
        "Public consultation required", max_length=3, choices=Consultation.choices, default=Consultation.NOT_APPLICABLE
    )

    history = HistoricalRecords()

    class Meta(Positioned.Meta):
        verbose_name_plural = "commissioning activities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expected_value__isnull=True) | models.Q(expected_value__gte=0),
                name="commissioning_value_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name
