"""Minutes of a meeting, in the shape of seed 001's minutes of 22 November 2012.

Attendance comes from the committee's seats (present, a substitute for whom, apologies) with those also present
and officers in attendance; declarations of interest are per item; each minute is numbered on across the
council year (49, 50 …) and records an agenda item's discussion in numbered paragraphs and its resolution.
Minutes are drafted, published as unconfirmed, then agreed at the next meeting and signed by the chair: from then
on they never change (a correction is a record of its own).
"""

from django.core.validators import MaxLengthValidator
from django.db import models

from kcc_planning.locking import lock_version_field

from .agenda import AgendaItem
from .decisions import SCHEDULE_12A_HELP, SCHEDULE_12A_VALIDATORS
from .meetings import Committee, CommitteeMember, Meeting


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    UNCONFIRMED = "unconfirmed", "Published, not yet confirmed"
    CONFIRMED = "confirmed", "Confirmed and signed"


class Minutes(models.Model):
    """The minutes of one meeting."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    status = models.CharField(max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    confirmed_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_confirmed",
        help_text="The meeting that agreed them as a correct record.",
    )
    signed_by = models.CharField(max_length=200, blank=True, help_text="The chair who signed them.")
    lock_version = lock_version_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft", published_on__isnull=True)
                | (~models.Q(status="draft") & models.Q(published_on__isnull=False)),
                name="minutes_published_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed")
                | (models.Q(confirmed_at__isnull=False) & ~models.Q(signed_by="")),
                name="minutes_confirmed_is_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"


class AttendanceKind(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ALSO_PRESENT = "also_present", "Also present"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class Attendance(models.Model):
    """Who was there: a member in their seat or as a substitute, a member also present, an officer in attendance."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attendance")
    kind = models.CharField(max_length=14, choices=AttendanceKind.choices)
    name = models.CharField(max_length=200, help_text="As printed, e.g. 'Mr I S Chittenden'.")
    title = models.CharField(
        max_length=200, blank=True, help_text="Chairman, Vice-Chairman, or an officer's job title."
    )
    seat = models.ForeignKey(CommitteeMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    substitute_for = models.ForeignKey(
        CommitteeMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["minutes", "kind", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(substitute_for__isnull=True) | models.Q(kind="present"),
                name="attendance_substitute_is_present",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Declaration(models.Model):
    """A declaration of interest (item A3): who, on which item, and the nature of the interest."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="declarations")
    member = models.CharField(max_length=200)
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    nature = models.TextField("Nature of the interest", validators=[MaxLengthValidator(2000)])

    class Meta:
        ordering = ["minutes", "id"]

    def __str__(self) -> str:
        return f"{self.member}: {self.nature[:60]}"


class Minute(models.Model):
    """One numbered minute. Its number runs on across the committee's council year (May to April)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+", editable=False)
    council_year = models.PositiveSmallIntegerField(editable=False, help_text="The May the council year starts in.")
    number = models.PositiveIntegerField(editable=False)
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes")
    title = models.CharField(max_length=400)
    body = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(50_000)],
        help_text="Numbered paragraphs: each paragraph starts on a new line after a blank line.",
    )
    resolution = models.TextField(
        blank=True, validators=[MaxLengthValidator(10_000)], help_text="What follows 'RESOLVED that'."
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCHEDULE_12A_VALIDATORS, help_text=SCHEDULE_12A_HELP
    )
    lock_version = lock_version_field()

    class Meta:
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "council_year", "number"], name="minute_number_unique_in_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.replace("\r\n", "\n").split("\n\n") if part.strip()]


class MinuteCorrection(models.Model):
    """A correction to confirmed minutes, agreed later: the minutes themselves never change once signed."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="corrections")
    text = models.TextField(validators=[MaxLengthValidator(10_000)])
    agreed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["minute", "agreed_on", "id"]

    def __str__(self) -> str:
        return f"Correction to minute {self.minute.number}"
