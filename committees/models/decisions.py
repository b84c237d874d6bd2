"""The Forward Plan of key decisions, the decisions themselves and call-in (Executive Arrangements Regulations 2012).

A Forward Plan entry announces a key decision (reg 9) before it is taken; publishing the Forward Plan freezes
every entry as it then read, so a resident can see what the council said and when. A decision record (reg 12-13)
cites its entry, and an officer decision under delegated powers (Openness of Local Government Bodies Regulations
2014, reg 7) is recorded the same way. Dates the law sets are computed in ``committees.decision_dates``.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models

from kcc_planning.locking import lock_version_field
from plans.models import KeyDecision, Plan

from .agenda import AgendaItem
from .meetings import DECISION_NUMBER_VALIDATOR, Committee, Meeting

SCHEDULE_12A_VALIDATORS = [MinValueValidator(1), MaxValueValidator(7)]
SCHEDULE_12A_HELP = "Paragraph 1-7 of Part 1 of Schedule 12A to the Local Government Act 1972."


def _text(label: str, limit: int, **kwargs) -> models.TextField:
    return models.TextField(label, blank=True, validators=[MaxLengthValidator(limit)], **kwargs)


class DecisionMaker(models.TextChoices):
    CABINET = "cabinet", "Cabinet"
    CABINET_MEMBER = "cabinet_member", "Cabinet Member"
    OFFICER = "officer", "Officer under delegated powers"


class UrgencyRoute(models.TextChoices):
    """How a key decision may be taken before its 28 clear days in the Forward Plan have run."""

    NONE = "", "None: the 28 clear days apply"
    GENERAL_EXCEPTION = "general_exception", "General exception (regulation 10)"
    SPECIAL_URGENCY = "special_urgency", "Special urgency (regulation 11)"


class ForwardPlanEntry(models.Model):
    """One key decision the Forward Plan announces (reg 9(1)(a)-(h))."""

    decision_number = models.CharField(max_length=8, unique=True, validators=[DECISION_NUMBER_VALIDATOR])
    subject = models.CharField(max_length=400)
    decision_maker = models.CharField(max_length=20, choices=DecisionMaker.choices)
    decision_maker_title = models.CharField(
        max_length=300, help_text="As it will be published, e.g. 'Cabinet Member for Finance and Business Support'."
    )
    expected_date = models.DateField("Date the decision is expected")
    first_committee = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forward_plan_entries",
        help_text="The Cabinet Committee that will consider it first, if any.",
    )
    consultees = _text("Consultees", 3000)
    representations = _text("How to make representations", 3000)
    documents = _text("Documents to be considered", 3000)
    private = models.BooleanField("To be taken in private", default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCHEDULE_12A_VALIDATORS, help_text=SCHEDULE_12A_HELP
    )
    # "Already in the Forward Plan?" is answered by this link, never typed (issue 13).
    key_decision = models.OneToOneField(
        KeyDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="forward_plan_entry"
    )
    plan = models.ForeignKey(
        Plan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forward_plan_entries",
        help_text="The business plan whose annual approval this entry announces.",
    )
    first_published_on = models.DateField(null=True, blank=True, editable=False)
    urgency = models.CharField(max_length=20, choices=UrgencyRoute.choices, blank=True, default=UrgencyRoute.NONE)
    urgency_reasons = _text("Reasons the decision cannot wait", 3000)
    urgency_agreed_by = models.CharField(
        max_length=300,
        blank=True,
        help_text="General exception: the chair of scrutiny told. Special urgency: the chair who agreed.",
    )
    urgency_recorded_on = models.DateField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)
    lock_version = lock_version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["expected_date", "decision_number"]
        verbose_name_plural = "Forward Plan entries"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(private=False, exempt_paragraph__isnull=True)
                    | models.Q(private=True, exempt_paragraph__gte=1, exempt_paragraph__lte=7)
                ),
                name="forwardplanentry_private_has_paragraph",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(urgency="")
                    | (
                        ~models.Q(urgency_reasons="")
                        & ~models.Q(urgency_agreed_by="")
                        & models.Q(urgency_recorded_on__isnull=False)
                    )
                ),
                name="forwardplanentry_urgency_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.subject}"


class ForwardPlanPublication(models.Model):
    """A published version of the Forward Plan: every entry as it then read, kept for good."""

    number = models.PositiveIntegerField(unique=True)
    published_on = models.DateField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entries = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Forward Plan {self.number}, published {self.published_on:%-d %B %Y}"


class Decision(models.Model):
    """The record of an executive decision (reg 12-13) or an officer decision (2014 Regulations, reg 7)."""

    number = models.CharField(max_length=8, unique=True, validators=[DECISION_NUMBER_VALIDATOR])
    title = models.CharField(max_length=400)
    decision_maker = models.CharField(max_length=20, choices=DecisionMaker.choices)
    decision_maker_name = models.CharField(
        max_length=300, help_text="Name and title, e.g. 'Mr J D Simmonds, Cabinet Member for Finance'."
    )
    key_decision = models.BooleanField(default=False)
    taken_on = models.DateField("Date of decision")
    decision = models.TextField(validators=[MaxLengthValidator(20_000)])
    reasons = models.TextField(validators=[MaxLengthValidator(20_000)])
    alternatives = _text("Alternatives considered and rejected", 10_000)
    interests = _text("Conflicts of interest declared", 5000)
    dispensations = _text("Dispensations granted", 5000)
    forward_plan_entry = models.OneToOneField(
        ForwardPlanEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=SCHEDULE_12A_VALIDATORS,
        help_text="When the record itself is exempt: the public notice then gives only its number and title.",
    )
    call_in_working_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MaxValueValidator(30)],
        help_text="Clear working days in which it can be called in; 0 when it is not subject to call-in.",
    )
    published_on = models.DateField(null=True, blank=True)
    # The published notice as a tagged PDF, rendered by a task once the notice is published (decision_notice.py).
    notice_file = models.CharField(max_length=300, blank=True, editable=False)
    notice_checksum = models.CharField(max_length=64, blank=True, editable=False)
    lock_version = lock_version_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-taken_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exempt_paragraph__isnull=True)
                | models.Q(exempt_paragraph__gte=1, exempt_paragraph__lte=7),
                name="decision_exempt_paragraph_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class CallInOutcome(models.TextChoices):
    PENDING = "", "Not yet resolved"
    UPHELD = "upheld", "Decision stands: it takes effect"
    REFERRED_BACK = "referred_back", "Referred back to the decision maker"
    WITHDRAWN = "withdrawn", "Call-in withdrawn: the decision takes effect"


class CallIn(models.Model):
    """Members calling a decision in: until it is resolved the decision does not take effect."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="call_ins")
    received_on = models.DateField()
    members = models.TextField("Members calling it in", validators=[MaxLengthValidator(2000)])
    reasons = models.TextField(validators=[MaxLengthValidator(10_000)])
    outcome = models.CharField(max_length=20, choices=CallInOutcome.choices, blank=True, default="")
    resolved_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="", resolved_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(resolved_on__isnull=False)),
                name="callin_resolved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Call-in of {self.decision.number} received {self.received_on:%-d %B %Y}"


class PrivateMeetingNotice(models.Model):
    """A reg 5 notice that a meeting will be held partly in private: given 28 and again 5 clear days before."""

    class Stage(models.TextChoices):
        FIRST = "first", "28 clear days' notice"
        FINAL = "final", "5 clear days' notice"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notices")
    stage = models.CharField(max_length=5, choices=Stage.choices)
    given_on = models.DateField()
    text = models.TextField(validators=[MaxLengthValidator(20_000)])
    representations = _text("Representations received and the response", 10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "given_on"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "stage"], name="privatemeetingnotice_one_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} of {self.meeting}"
