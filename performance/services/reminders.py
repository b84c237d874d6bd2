"""Reminders to the owners of indicators whose actual for the last closed period is missing.

For each reporting frequency, the last closed period is the latest one that
ended before today (on 15 October 2017: September 2017, Q2 2017-18,
2016-17 and academic year 2016-17). Each person gets one email per period,
listing every indicator they must report; the ``Reminder`` rows make a
second run (a retried Celery task, a manual run after the scheduled one)
send nothing twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from plans.models import Person, Plan

from .. import periods
from ..models import ActivityActual, ActivityIndicator, Frequency, Kpi, KpiActual, Reminder
from .indicators import period_get_or_create

KIND_FREQUENCIES = {
    periods.Kind.MONTH: [Frequency.MONTHLY],
    periods.Kind.QUARTER: [Frequency.QUARTERLY],
    periods.Kind.FINANCIAL_YEAR: [Frequency.ANNUAL],
    periods.Kind.ACADEMIC_YEAR: [Frequency.ACADEMIC],
}


@dataclass
class ReminderBatch:
    person: Person
    email: str
    spec: periods.PeriodSpec
    items: list[tuple[Plan, Kpi | ActivityIndicator]] = field(default_factory=list)
    sent: bool = False

    def body(self) -> str:
        lines = [
            f"Dear {self.person.name},",
            "",
            f"The actuals below for {self.spec.label} ({self.spec.starts_on:%d %B %Y} to {self.spec.ends_on:%d %B %Y}) "
            "have not been entered yet:",
            "",
        ]
        by_plan: dict[int, list] = defaultdict(list)
        plans: dict[int, Plan] = {}
        for plan, indicator in self.items:
            by_plan[plan.pk].append(indicator)
            plans[plan.pk] = plan
        for plan_id, indicators in by_plan.items():
            plan = plans[plan_id]
            lines.append(f"{plan.unit_name} ({plan.plan_year.label}):")
            lines.extend(
                f"  - {indicator.reference or '(no reference)'} {indicator.description}" for indicator in indicators
            )
            link = reverse("performance:period_entry", args=[plan.pk, self.spec.code])
            lines.extend([f"  Enter them here: {settings.SITE_URL}{link}", ""])
        lines.append("You can also import them from a CSV or XLSX file from the same page.")
        return "\n".join(lines)

    def subject(self) -> str:
        count = len(self.items)
        return f"{count} performance actual{'s' if count != 1 else ''} missing for {self.spec.label}"


def _email(person: Person) -> str:
    return person.email or (person.user.email if person.user_id and person.user else "")


def _recipients(plan: Plan, indicator, fallback_cache: dict[int, list[Person]]) -> list[Person]:
    """The indicator's owner, or (with no owner) whoever may record the plan's actuals."""
    if indicator.owner_id:
        return [indicator.owner]
    if plan.pk not in fallback_cache:
        people = plan.division.officers.all() if plan.division_id else plan.directorate.leads.all()
        fallback_cache[plan.pk] = list(people.select_related("user"))
    return fallback_cache[plan.pk]


def plan_year_of(spec: periods.PeriodSpec) -> int:
    """The plan year (its start year) whose indicators report in ``spec``."""
    return spec.starts_on.year if spec.kind == periods.Kind.ACADEMIC_YEAR else spec.financial_year


def reminders_due(*, today: datetime.date) -> list[ReminderBatch]:
    """Who should be reminded today, about which indicators (no emails sent; a fixed number of queries per kind)."""
    batches: dict[tuple[int, str], ReminderBatch] = {}
    fallback_cache: dict[int, list[Person]] = {}
    for kind, frequencies in KIND_FREQUENCIES.items():
        spec = periods.last_closed(kind, today)
        year = plan_year_of(spec)
        kpis = list(
            Kpi.objects.filter(plan__directorate__plan_year__start_year=year, frequency__in=frequencies)
            .exclude(pk__in=KpiActual.objects.filter(period__code=spec.code).values("kpi_id"))
            .select_related("plan__directorate__plan_year", "plan__division", "owner__user")
        )
        indicators: list = kpis
        if kind == periods.Kind.QUARTER:
            indicators = kpis + list(
                ActivityIndicator.objects.filter(plan__directorate__plan_year__start_year=year)
                .exclude(pk__in=ActivityActual.objects.filter(period__code=spec.code).values("indicator_id"))
                .select_related("plan__directorate__plan_year", "plan__division", "owner__user")
            )
        for indicator in indicators:
            for person in _recipients(indicator.plan, indicator, fallback_cache):
                email = _email(person)
                if not email:
                    continue
                batch = batches.setdefault((person.pk, spec.code), ReminderBatch(person, email, spec))
                batch.items.append((indicator.plan, indicator))
    already = set(
        Reminder.objects.filter(
            person_id__in={key[0] for key in batches}, period__code__in={key[1] for key in batches}
        ).values_list("person_id", "period__code")
    )
    return [batch for key, batch in batches.items() if key not in already]


def reminders_send(*, today: datetime.date | None = None, dry_run: bool = False) -> list[ReminderBatch]:
    """Email each batch once.

    Each reminder is recorded and sent inside one transaction: if sending
    fails, the record is rolled back and the next run tries again; if another
    run recorded it first, the unique constraint stops a second email.
    """
    today = today or timezone.localdate()
    batches = reminders_due(today=today)
    if dry_run:
        return batches
    for batch in batches:
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    person=batch.person,
                    period=period_get_or_create(code=batch.spec.code),
                    sent_at=timezone.now(),
                    indicator_count=len(batch.items),
                )
                send_mail(batch.subject(), batch.body(), settings.DEFAULT_FROM_EMAIL, [batch.email])
        except IntegrityError:
            # Another run recorded this reminder first.
            continue
        batch.sent = True
    return batches
