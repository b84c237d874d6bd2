"""Risk registers, their risks, controls, actions and the history of reviews."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from kcc_planning.locking import lock_version_field
from kcc_planning.once import submit_token_field
from plans.models import Directorate, Division, Person, PlanYear, Priority

from .scales import SCALE_MAX, SCALE_MIN

TEXT_LIMIT = 5000


class RegisterLevel(models.TextChoices):
    CORPORATE = "corporate", "Corporate"
    DIRECTORATE = "directorate", "Directorate"
    DIVISION = "division", "Division"


class Register(models.Model):
    """A corporate, directorate or divisional risk register for one plan year.

    A divisional register also points at its division's directorate, so the
    permission predicates shared with plans (``division``, ``directorate``)
    read the same attributes on a register as on a plan.
    """

    level = models.CharField(max_length=12, choices=RegisterLevel.choices)
    plan_year = models.ForeignKey(PlanYear, on_delete=models.PROTECT, related_name="risk_registers")
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.PROTECT, related_name="risk_registers"
    )
    division = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.PROTECT, related_name="risk_registers"
    )
    title = models.CharField(max_length=300, blank=True, help_text="Leave blank to use the standard title.")
    as_at = models.CharField("As at", max_length=100, blank=True, help_text="e.g. December 2012")
    status_note = models.CharField(
        max_length=300, blank=True, help_text="Printed under the title, e.g. 'Draft ahead of P&R Cabinet Committee'."
    )
    note = models.TextField(
        blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)], help_text="The register's scope or focus."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-plan_year__start_year", "level", "directorate__name", "division__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(level=RegisterLevel.CORPORATE, directorate__isnull=True, division__isnull=True)
                    | Q(level=RegisterLevel.DIRECTORATE, directorate__isnull=False, division__isnull=True)
                    | Q(level=RegisterLevel.DIVISION, directorate__isnull=False, division__isnull=False)
                ),
                name="register_unit_matches_level",
            ),
            models.UniqueConstraint(
                fields=["plan_year"], condition=Q(level=RegisterLevel.CORPORATE), name="register_one_corporate_per_year"
            ),
            models.UniqueConstraint(
                fields=["directorate"],
                condition=Q(level=RegisterLevel.DIRECTORATE),
                name="register_one_per_directorate",
            ),
            models.UniqueConstraint(
                fields=["division"], condition=Q(level=RegisterLevel.DIVISION), name="register_one_per_division"
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def clean(self) -> None:
        super().clean()
        if self.division_id and self.directorate_id and self.division.directorate_id != self.directorate_id:
            raise ValidationError({"division": "The division must belong to the register's directorate."})
        if self.directorate_id and self.plan_year_id and self.directorate.plan_year_id != self.plan_year_id:
            raise ValidationError({"plan_year": "The plan year must be the directorate's plan year."})

    @property
    def unit_name(self) -> str:
        if self.level == RegisterLevel.DIVISION:
            return self.division.name
        if self.level == RegisterLevel.DIRECTORATE:
            return self.directorate.name
        return "Corporate"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.level == RegisterLevel.CORPORATE:
            return f"Corporate Risk Register {self.plan_year.label}"
        kind = "Directorate" if self.level == RegisterLevel.DIRECTORATE else "Divisional"
        return f"{self.unit_name} {kind} Risk Register {self.plan_year.label}"


def _scale_field(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )


def rating_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Scale values 1-5, each pair set together, and no target without a current assessment."""
    in_range = []
    for name in ("current_likelihood", "current_impact", "target_likelihood", "target_impact"):
        in_range.append(
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": SCALE_MIN, f"{name}__lte": SCALE_MAX}),
                name=f"{prefix}_{name}_1_to_5",
            )
        )
    return [
        *in_range,
        models.CheckConstraint(
            condition=Q(current_likelihood__isnull=True, current_impact__isnull=True)
            | Q(current_likelihood__isnull=False, current_impact__isnull=False),
            name=f"{prefix}_current_pair_complete",
        ),
        models.CheckConstraint(
            condition=Q(target_likelihood__isnull=True, target_impact__isnull=True)
            | Q(target_likelihood__isnull=False, target_impact__isnull=False),
            name=f"{prefix}_target_pair_complete",
        ),
        models.CheckConstraint(
            condition=Q(target_likelihood__isnull=True) | Q(current_likelihood__isnull=False),
            name=f"{prefix}_target_needs_current",
        ),
    ]


class RatedMixin(models.Model):
    """Current and target residual likelihood × impact; all empty while the assessment is in progress."""

    current_likelihood = _scale_field("Current likelihood")
    current_impact = _scale_field("Current impact")
    target_likelihood = _scale_field("Target residual likelihood")
    target_impact = _scale_field("Target residual impact")

    class Meta:
        abstract = True

    @property
    def assessment_in_progress(self) -> bool:
        return self.current_likelihood is None

    @property
    def current_score(self) -> int | None:
        if self.current_likelihood is None or self.current_impact is None:
            return None
        return self.current_likelihood * self.current_impact

    @property
    def target_score(self) -> int | None:
        if self.target_likelihood is None or self.target_impact is None:
            return None
        return self.target_likelihood * self.target_impact


class Risk(RatedMixin):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="risks")
    reference = models.CharField(
        max_length=20,
        validators=[
            RegexValidator(
                r"^[A-Za-z][A-Za-z0-9-]*$",
                "Enter a reference made of letters, numbers and hyphens, starting with a letter, like BSS1.",
            )
        ],
        help_text="Unique within the register, e.g. BSS1.",
    )
    position = models.PositiveIntegerField(default=0)
    title = models.TextField(validators=[MaxLengthValidator(2000)])
    source_cause = models.TextField("Source or cause of risk", blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    risk_events = models.TextField(
        "Risk event(s)", validators=[MaxLengthValidator(TEXT_LIMIT)], blank=True, help_text="One risk event per line."
    )
    consequences = models.TextField(
        "Consequence(s)", validators=[MaxLengthValidator(TEXT_LIMIT)], blank=True, help_text="One consequence per line."
    )
    owners = models.ManyToManyField(Person, through="RiskOwner", related_name="risks_owned", blank=True)
    next_review_on = models.DateField("Next review date", null=True, blank=True)
    priorities = models.ManyToManyField(
        Priority, blank=True, related_name="threatening_risks", help_text="Plan priorities this risk threatens."
    )
    # Set only when the risk was carried into next year's register with its plan (risks.rollforward).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to", editable=False
    )
    lock_version = lock_version_field()
    submit_token = submit_token_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "reference"], name="risk_unique_reference_per_register"),
            *rating_constraints("risk"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title[:80]}"

    @property
    def event_lines(self) -> list[str]:
        return [line.strip() for line in self.risk_events.splitlines() if line.strip()]

    @property
    def consequence_lines(self) -> list[str]:
        return [line.strip() for line in self.consequences.splitlines() if line.strip()]

    @property
    def cause_lines(self) -> list[str]:
        return [line.strip() for line in self.source_cause.splitlines() if line.strip()]


class RiskOwner(models.Model):
    """A risk owner, in the order the register lists them."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="ownerships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="risk_ownerships")
    # The role as the register names it ("Director Governance & Law"). People are not dated, so a person's
    # job title today may not be the one this register was written under; the register keeps its own words.
    role = models.CharField("Role as written in the register", max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["risk", "person"], name="riskowner_unique_person_per_risk")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How the register names the owner: its own words, else the person's job title, else their name."""
        return self.role or self.person.job_title or self.person.name


class Control(models.Model):
    """An existing control: something already in place that reduces the risk."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="controls")
    title = models.TextField(validators=[MaxLengthValidator(2000)])
    owner = models.CharField("Control owner", max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title[:80]


class RiskAction(models.Model):
    """A further action planned to bring the risk down to its target."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    title = models.TextField(validators=[MaxLengthValidator(2000)])
    owner = models.CharField("Action owner", max_length=300, blank=True)
    # As written ("March 2013", "Ongoing (June 2013 review)", "TBC"); the date
    # is derived from the text where it names one, so overdue actions can be found.
    due_text = models.CharField("Planned completion date", max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True, editable=False)
    done = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title[:80]


class Review(RatedMixin):
    """A review of a risk: the ratings as they stood on the day, who reviewed it and why."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="risk_reviews"
    )
    # Kept as text too so the record still says who reviewed it if the account goes.
    reviewer_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, validators=[MaxLengthValidator(TEXT_LIMIT)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reviewed_on", "created_at", "id"]
        constraints = rating_constraints("review")

    def __str__(self) -> str:
        return f"{self.risk.reference} reviewed {self.reviewed_on:%d/%m/%Y}"
