"""Reminders to owners of missing actuals for the last closed period: once per person and period."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from performance.models import Frequency, Reminder
from performance.services import reminders_send

from ..factories import PersonFactory, lead_for
from .factories import ActivityIndicatorFactory, KpiFactory, record

OCTOBER = datetime.date(2017, 10, 15)


@pytest.mark.django_db
def test_owner_is_reminded_of_missing_actuals_once(plan):
    """On 15 October the last closed quarter is Q2: its owner is emailed about the missing KPI, once."""
    owner = PersonFactory(name="Amanda Beer", email="amanda.beer@example.gov.uk")
    missing = KpiFactory(plan=plan, reference="HR23", owner=owner)
    entered = KpiFactory(plan=plan, reference="HR24", owner=owner)
    record(entered, "2017-Q2", 80)
    batches = reminders_send(today=OCTOBER)
    assert [(b.email, b.spec.code, [i.reference for _, i in b.items]) for b in batches] == [
        ("amanda.beer@example.gov.uk", "2017-Q2", ["HR23"])
    ]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "1 performance actual missing for Q2 2017-18"
    assert f"/performance/plans/{plan.pk}/actuals/2017-Q2/" in mail.outbox[0].body
    assert reminders_send(today=OCTOBER) == []
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().indicator_count == 1
    assert missing.pk


@pytest.mark.django_db
def test_without_an_owner_the_plans_officers_are_reminded(plan):
    """No owner: the directorate plan's leads are reminded, about KPIs and activity indicators together."""
    lead = lead_for(plan.directorate, "lead")
    lead.email = "lead@example.gov.uk"
    lead.save()
    lead.person.email = ""
    lead.person.save()
    KpiFactory(plan=plan, reference="CS05")
    ActivityIndicatorFactory(plan=plan, reference="CS08")
    KpiFactory(plan=plan, reference="ICT01", frequency=Frequency.MONTHLY)
    batches = sorted(reminders_send(today=OCTOBER), key=lambda b: b.spec.code)
    assert [(b.email, b.spec.code, len(b.items)) for b in batches] == [
        ("lead@example.gov.uk", "2017-M09", 1),
        ("lead@example.gov.uk", "2017-Q2", 2),
    ]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_command_dry_run_sends_nothing(plan, capsys):
    """`send_performance_reminders --dry-run` lists who would be reminded and sends no email."""
    KpiFactory(plan=plan, reference="CS05", owner=PersonFactory(name="Ben Watts", email="ben@example.gov.uk"))
    call_command("send_performance_reminders", "--date", "2017-10-15", "--dry-run")
    assert "Would remind Ben Watts <ben@example.gov.uk> of 1 missing actual for Q2 2017-18." in capsys.readouterr().out
    assert mail.outbox == []
    assert not Reminder.objects.exists()
