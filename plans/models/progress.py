"""Delivery through the year: reporting periods of an approved plan and progress on its actions and milestones.

Nothing here changes the approved plan: an update points at an action or milestone and keeps its own
status, commentary and dates beside it. One ``ProgressUpdate`` row per item and period holds the
latest word (so reports read one row, not a search through history); ``history`` keeps every save
with who made it and when.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kcc_planning.locking import lock_version_field

from .content import Action, Milestone
from .plan import Plan, PlanStatus

COMMENTARY_LIMIT = 2_000

# An approved plan, and the later steps of its year, take progress updates; a draft does not.
PROGRESS_STATUSES = frozenset({PlanStatus.APPROVED, PlanStatus.PUBLISHED, PlanStatus.MID_YEAR, PlanStatus.YEAR_END})


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "Quarter"
    MONTH = "month", "Month"


class Rag(models.TextChoices):
    """The council's RAG colours; a status is always shown with its words as well."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    NONE = "none", "No rating"


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    DEFERRED = "deferred", "Deferred"
    CANCELLED = "cancelled", "Cancelled"

    @property
    def rag(self) -> Rag:
        return STATUS_RAG[self]

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag modifier; the tag's text is the status's words, so colour is never alone."""
        return STATUS_TAG[self]


STATUS_RAG = {
    ProgressStatus.NOT_STARTED: Rag.NONE,
    ProgressStatus.ON_TRACK: Rag.GREEN,
    ProgressStatus.AT_RISK: Rag.AMBER,
    ProgressStatus.OFF_TRACK: Rag.RED,
    ProgressStatus.COMPLETE: Rag.GREEN,
    ProgressStatus.DEFERRED: Rag.AMBER,
    ProgressStatus.CANCELLED: Rag.NONE,
}
STATUS_TAG = {
    ProgressStatus.NOT_STARTED: "govuk-tag--grey",
    ProgressStatus.ON_TRACK: "govuk-tag--green",
    ProgressStatus.AT_RISK: "govuk-tag--yellow",
    ProgressStatus.OFF_TRACK: "govuk-tag--red",
    ProgressStatus.COMPLETE: "govuk-tag--blue",
    ProgressStatus.DEFERRED: "govuk-tag--orange",
    ProgressStatus.CANCELLED: "govuk-tag--grey",
}
# A milestone with one of these is finished with: never overdue, whatever its date.
CLOSED_STATUSES = frozenset({ProgressStatus.COMPLETE, ProgressStatus.CANCELLED})


class ReportingPeriod(models.Model):
    """One quarter (``2017-Q2``) or month (``2017-M07``) of a plan's year, stored once someone reports on it.

    Until then the period exists only as computed by ``plans.periods``; ``opens_on`` and ``closes_on``
    can be moved by an administrator (a late committee date, say) once it is stored.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_periods")
    code = models.CharField(max_length=10, help_text="e.g. 2017-Q2 (July to September 2017) or 2017-M07 (July 2017).")
    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    opens_on = models.DateField(help_text="Progress may be recorded from this day.")
    closes_on = models.DateField(help_text="Progress is due by this day; officers with rows not updated are reminded.")

    class Meta:
        ordering = ["plan", "starts_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="reportingperiod_unique_code_per_plan"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="reportingperiod_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="reportingperiod_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.code}"


class ProgressUpdate(models.Model):
    """The latest progress on one action or one milestone in one period (every save is kept in ``history``)."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE, related_name="progress")
    milestone = models.ForeignKey(Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=ProgressStatus.choices)
    commentary = models.TextField(blank=True, validators=[MaxLengthValidator(COMMENTARY_LIMIT)])
    revised_date = models.DateField(
        null=True, blank=True, help_text="When the action will now end or the milestone now be met, if it has slipped."
    )
    revised_reason = models.TextField(
        "Reason for the revised date", blank=True, validators=[MaxLengthValidator(COMMENTARY_LIMIT)]
    )
    achieved_on = models.DateField("Date achieved", null=True, blank=True, help_text="Milestones only.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = lock_version_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=False, milestone__isnull=True)
                | Q(action__isnull=True, milestone__isnull=False),
                name="progressupdate_one_item",
            ),
            models.UniqueConstraint(
                fields=["period", "action"], condition=Q(action__isnull=False), name="progressupdate_one_per_action"
            ),
            models.UniqueConstraint(
                fields=["period", "milestone"],
                condition=Q(milestone__isnull=False),
                name="progressupdate_one_per_milestone",
            ),
            # A slipped date always says why.
            models.CheckConstraint(
                condition=Q(revised_date__isnull=True) | ~Q(revised_reason=""),
                name="progressupdate_revised_date_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(achieved_on__isnull=True) | Q(milestone__isnull=False, status=ProgressStatus.COMPLETE),
                name="progressupdate_achieved_only_complete_milestone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_status_display()}"

    @property
    def item(self) -> Action | Milestone:
        return self.action if self.action_id else self.milestone

    @property
    def rag(self) -> Rag:
        return ProgressStatus(self.status).rag

    @property
    def tag_class(self) -> str:
        return ProgressStatus(self.status).tag_class


class ProgressReminder(models.Model):
    """A reminder sent to one person about one closed period, so a second run sends nothing twice."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey("plans.Person", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    row_count = models.PositiveIntegerField(help_text="Actions and milestones not updated when it was sent.")

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["period", "person"], name="progressreminder_once_per_person_period")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.period.code}"
