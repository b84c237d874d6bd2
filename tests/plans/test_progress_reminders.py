"""Reminders when a reporting period closes: only to officers with rows not updated, once, from a task; and
"Progress updates due" on My work."""

import datetime

import pytest
from django.core import mail

from plans.models import ProgressReminder, ProgressStatus
from plans.progress.reminders import progress_reminders_due, progress_reminders_send
from plans.progress.services import RowInput, progress_save
from plans.progress.work import progress_due
from plans.tasks import send_progress_reminders
from plans.work import Worker

from ..factories import PersonFactory
from .progress_data import approved_plan

pytestmark = pytest.mark.django_db

# Q2 2017-18 closed on 14 October 2017.
AFTER_Q2_CLOSED = datetime.date(2017, 10, 16)


def update_all(data, code="2017-Q2"):
    rows = [RowInput(item=item, status=ProgressStatus.ON_TRACK) for item in data.actions]
    rows += [RowInput(item=item, status=ProgressStatus.ON_TRACK) for item in data.milestones]
    progress_save(plan=data.plan, period_code=code, rows=rows, user=data.officer, today=AFTER_Q2_CLOSED)


def test_officers_with_rows_not_updated_are_reminded_once():
    """One email per officer listing the rows not updated; a second run (or a retried task) sends nothing."""
    data = approved_plan()
    progress_save(
        plan=data.plan,
        period_code="2017-Q2",
        rows=[RowInput(item=data.actions[0], status=ProgressStatus.ON_TRACK)],
        user=data.officer,
        today=AFTER_Q2_CLOSED,
    )
    batches = progress_reminders_send(today=AFTER_Q2_CLOSED)
    assert [b.sent for b in batches] == [True]
    [message] = mail.outbox
    assert message.to == [data.officer.person.email]
    assert "Q2 2017-18" in message.subject
    assert "3 rows" in message.subject
    assert "Action 1.1: Consult the trade unions" in message.body
    assert "Action 1: " not in message.body
    assert f"/plans/{data.plan.pk}/progress/2017-Q2/" in message.body
    assert progress_reminders_send(today=AFTER_Q2_CLOSED + datetime.timedelta(days=1)) == []
    assert len(mail.outbox) == 1
    assert ProgressReminder.objects.get().row_count == 3


def test_a_row_goes_to_its_accountable_officer_when_one_is_named():
    """Action 1.1's accountable officer is one of the plan's officers: only they hear about it."""
    data = approved_plan()
    named = PersonFactory(name="Paul Royel", email="paul.royel@example.gov.uk")
    data.plan.division.officers.add(named)
    batches = {b.person.name: b.rows for b in progress_reminders_due(today=AFTER_Q2_CLOSED)}
    # ActionFactory's accountable officer is Paul Royel: both actions are his; milestones go to everyone.
    assert [row for row in batches["Paul Royel"] if row.startswith("Action")] == [
        "Action 1: Refresh the workforce strategy",
        "Action 1.1: Consult the trade unions",
    ]
    assert not [row for row in batches[data.officer.person.name] if row.startswith("Action")]


def test_no_reminder_when_every_row_is_updated_before_the_period_closes_or_long_after():
    data = approved_plan()
    assert progress_reminders_due(today=datetime.date(2017, 10, 14)) == []  # not closed yet
    assert progress_reminders_due(today=datetime.date(2018, 6, 1)) == []  # the window has passed
    update_all(data)
    assert progress_reminders_due(today=AFTER_Q2_CLOSED) == []


def test_the_beat_task_sends_the_reminders(monkeypatch):
    data = approved_plan()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AFTER_Q2_CLOSED)
    assert send_progress_reminders.delay().get() == 1
    assert send_progress_reminders.delay().get() == 0
    assert mail.outbox[0].to == [data.officer.person.email]


def test_my_work_lists_progress_due():
    """The officer sees the period with rows still to update, and how many; nothing once all are updated."""
    data = approved_plan()
    worker = Worker.for_user(data.officer, today=AFTER_Q2_CLOSED)
    [entry] = progress_due(worker=worker)
    assert entry.text == "Human Resources 2017-18: progress for Q2 2017-18"
    assert entry.hint == "4 rows not updated; was due by 14 October 2017."
    update_all(data)
    [entry] = progress_due(worker=Worker.for_user(data.officer, today=AFTER_Q2_CLOSED))
    assert entry.text.endswith("Q3 2017-18")
