"""Reminders to officers whose actions and milestones were not updated when a reporting period closed.

Run daily by Celery beat (``plans.send_progress_reminders``). A period is reminded about in the
``WINDOW_DAYS`` after it closes, so an old plan never wakes up its officers years later. Each row goes
to the plan's officers whose name is its accountable officer, or to all the plan's officers (division
officers; directorate leads for a directorate plan) when none matches. One email per person and period,
recorded in ``ProgressReminder``: a second run (a retried task, a manual run) sends nothing twice. This is
the same pattern as performance's missing-actuals reminders.
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

from .. import periods
from ..models import PROGRESS_STATUSES, Action, Milestone, Person, Plan, ProgressReminder, ProgressUpdate
from ..numbering import milestone_letter, order_actions
from .selectors import plan_periods
from .services import period_store

WINDOW_DAYS = 28


@dataclass
class ProgressReminderBatch:
    person: Person
    email: str
    plan: Plan
    period: object  # ReportingPeriod, stored or not
    rows: list[str] = field(default_factory=list)
    sent: bool = False

    def subject(self) -> str:
        count = len(self.rows)
        label = periods.period_label(self.period.code)
        return f"Progress for {label}: {count} row{'s' if count != 1 else ''} of {self.plan.unit_name} not updated"

    def body(self) -> str:
        label = periods.period_label(self.period.code)
        link = reverse("plans:progress_period", args=[self.plan.pk, self.period.code])
        return "\n".join(
            [
                f"Dear {self.person.name},",
                "",
                f"Progress on the {self.plan.unit_name} business plan {self.plan.plan_year.label} for {label} was due "
                f"by {self.period.closes_on:%-d %B %Y}. These rows have not been updated:",
                "",
                *(f"  - {row}" for row in self.rows),
                "",
                f"Record their progress here: {settings.SITE_URL}{link}",
            ]
        )


def _email(person: Person) -> str:
    return person.email or (person.user.email if person.user_id and person.user else "")


def _closing_period(plan: Plan, today: datetime.date):
    """The plan's period that closed in the last ``WINDOW_DAYS``, if any."""
    closed = [
        p for p in plan_periods(plan=plan) if p.closes_on < today <= p.closes_on + datetime.timedelta(WINDOW_DAYS)
    ]
    return closed[-1] if closed else None


def progress_reminders_due(*, today: datetime.date) -> list[ProgressReminderBatch]:
    """Who should be reminded today about which rows (nothing sent). A fixed number of queries per plan."""
    fy = today.year if today.month >= 4 else today.year - 1
    plans = (
        Plan.objects.filter(status__in=PROGRESS_STATUSES, directorate__plan_year__start_year__in=[fy - 1, fy])
        .select_related("directorate__plan_year", "division")
        .prefetch_related("reporting_periods", "division__officers__user", "directorate__leads__user")
    )
    batches: list[ProgressReminderBatch] = []
    for plan in plans:
        period = _closing_period(plan, today)
        if period is None:
            continue
        missing = _rows_not_updated(plan, period)
        if not missing:
            continue
        officers = list(plan.division.officers.all()) if plan.division_id else list(plan.directorate.leads.all())
        by_name = {person.name.strip().lower(): person for person in officers}
        rows_for: dict[int, list[str]] = defaultdict(list)
        people = {person.pk: person for person in officers}
        for accountable, text in missing:
            named = by_name.get(accountable.strip().lower())
            for person in [named] if named else officers:
                rows_for[person.pk].append(text)
        for person_pk, rows in rows_for.items():
            person = people[person_pk]
            if email := _email(person):
                batches.append(ProgressReminderBatch(person, email, plan, period, rows))
    sent = set(
        ProgressReminder.objects.filter(period__plan__in=[b.plan for b in batches]).values_list(
            "period__plan_id", "period__code", "person_id"
        )
    )
    return [b for b in batches if (b.plan.pk, b.period.code, b.person.pk) not in sent]


def _rows_not_updated(plan: Plan, period) -> list[tuple[str, str]]:
    """(accountable officer, "Action 1.1: title") for each action and milestone without an update in ``period``."""
    updated = set()
    if period.pk is not None:
        for action_id, milestone_id in ProgressUpdate.objects.filter(period=period).values_list(
            "action_id", "milestone_id"
        ):
            updated.add(("action", action_id) if action_id else ("milestone", milestone_id))
    priorities = list(plan.priorities.order_by("position", "id"))
    actions = Action.objects.filter(priority__plan=plan).order_by("position", "id")
    by_priority, numbers = order_actions(priorities, actions)
    missing = []
    for priority in priorities:
        for action in by_priority[priority.pk]:
            if ("action", action.pk) not in updated:
                missing.append((action.accountable_officer, f"Action {numbers[action.pk]}: {action.title[:120]}"))
    milestones = Milestone.objects.filter(priority__plan=plan).order_by(
        "priority__position", "priority_id", "position", "id"
    )
    letters: dict[int, int] = defaultdict(int)
    for milestone in milestones:
        letter = milestone_letter(letters[milestone.priority_id])
        letters[milestone.priority_id] += 1
        if ("milestone", milestone.pk) not in updated:
            missing.append(("", f"Milestone {letter}: {milestone.title[:120]}"))
    return missing


def progress_reminders_send(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[ProgressReminderBatch]:
    """Email each batch once: recorded and sent in one transaction, so a failed send is tried again next run and
    a reminder another run recorded first is not sent twice (the unique constraint)."""
    today = today or timezone.localdate()
    batches = progress_reminders_due(today=today)
    if dry_run:
        return batches
    for batch in batches:
        try:
            with transaction.atomic():
                batch.period = period_store(batch.period)
                ProgressReminder.objects.create(
                    period=batch.period, person=batch.person, sent_at=timezone.now(), row_count=len(batch.rows)
                )
                send_mail(batch.subject(), batch.body(), settings.DEFAULT_FROM_EMAIL, [batch.email])
        except IntegrityError:
            continue
        batch.sent = True
    return batches
