"""The council's structure, dated by plan year.

Each plan year has its own rows for directorates, divisions and portfolios, so a
plan keeps pointing at the names it was written under even after a restructure.
``continues`` links a unit to its predecessor in the previous year.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class PlanYear(models.Model):
    """A financial year, 1 April to 31 March, written ``2013-14``."""

    start_year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The calendar year in which the financial year starts, e.g. 2013 for 2013-14.",
    )

    class Meta:
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__gte=2000, start_year__lte=2100),
                name="planyear_start_year_range",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)


class Person(models.Model):
    """An officer or elected member, optionally with a login."""

    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class Portfolio(models.Model):
    """A Cabinet Member's portfolio in one plan year."""

    plan_year = models.ForeignKey(PlanYear, on_delete=models.PROTECT, related_name="portfolios")
    title = models.CharField(max_length=300)
    cabinet_member = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="portfolios"
    )
    continues = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="continued_by")

    class Meta:
        ordering = ["plan_year", "title"]
        constraints = [models.UniqueConstraint(fields=["plan_year", "title"], name="portfolio_unique_title_per_year")]

    def __str__(self) -> str:
        return f"{self.title} ({self.plan_year})"


class Directorate(models.Model):
    """A directorate as it was named and led in one plan year."""

    plan_year = models.ForeignKey(PlanYear, on_delete=models.PROTECT, related_name="directorates")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=20, blank=True, help_text="e.g. BSS")
    corporate_director = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="directorates_led"
    )
    leads = models.ManyToManyField(
        Person,
        blank=True,
        related_name="directorate_lead_roles",
        help_text="People who may edit the directorate plan and read its divisions' plans.",
    )
    continues = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="continued_by")

    class Meta:
        ordering = ["plan_year", "name"]
        constraints = [models.UniqueConstraint(fields=["plan_year", "name"], name="directorate_unique_name_per_year")]

    def __str__(self) -> str:
        return f"{self.name} ({self.plan_year})"


class ProgressFrequency(models.TextChoices):
    """How often a unit reports progress on its plan's actions and milestones."""

    QUARTERLY = "quarterly", "Quarterly"
    MONTHLY = "monthly", "Monthly"


class Division(models.Model):
    """A division or business unit of a directorate in one plan year."""

    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="divisions")
    name = models.CharField(max_length=200)
    head = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="divisions_led",
        help_text="Director or Head of Service.",
    )
    portfolio = models.ForeignKey(Portfolio, null=True, blank=True, on_delete=models.SET_NULL, related_name="divisions")
    officers = models.ManyToManyField(
        Person, blank=True, related_name="division_officer_roles", help_text="People who may edit this division's plan."
    )
    continues = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="continued_by")
    # "Monthly progress may be appropriate for individual services" (every 2013-14 divisional plan).
    progress_frequency = models.CharField(
        max_length=10,
        choices=ProgressFrequency.choices,
        default=ProgressFrequency.QUARTERLY,
        help_text="How often the division's plan reports progress on its actions and milestones.",
    )

    class Meta:
        ordering = ["directorate", "name"]
        constraints = [
            models.UniqueConstraint(fields=["directorate", "name"], name="division_unique_name_per_directorate")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.directorate.plan_year})"

    @property
    def plan_year(self) -> PlanYear:
        return self.directorate.plan_year
