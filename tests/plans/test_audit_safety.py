"""The audit CSV export cannot carry a formula, and superuser and staff status changes are audited."""

import csv
import io

import pytest

from kcc_planning.csv_safety import spreadsheet_safe
from plans.audit import audit_csv, audit_events_for, audit_record
from plans.models import AuditEvent

from ..factories import DivisionalPlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("+3.25", "+3.25"),
        ("Plain text", "Plain text"),
        ("", ""),
        (None, None),
        (7, 7),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_the_audit_csv_neutralises_formula_like_cells():
    plan = DivisionalPlanFactory()
    actor = UserFactory(username="mallory", first_name='=HYPERLINK("http://evil.example","x")', last_name="")
    audit_record(actor=actor, action="comment", plan=plan, subject="@SUM(A1:A9)", after={"body": "=1+1"})

    rows = list(csv.reader(io.StringIO(audit_csv(audit_events_for(plan=plan)))))

    header, row = rows
    assert header == ["occurred_at_utc", "actor", "action", "subject", "before", "after"]
    assert row[1].startswith("'=HYPERLINK(")
    assert row[3] == "'@SUM(A1:A9)"
    assert row[5] == '{"body": "=1+1"}'  # JSON starts with a brace: no formula


def test_the_csv_exports_share_one_helper():
    """Risk registers, KPI exports and the audit trail all use kcc_planning.csv_safety."""
    from performance.views import exports as kpi_exports
    from plans import audit
    from risks import exports as risk_exports

    assert risk_exports.spreadsheet_safe is spreadsheet_safe
    assert kpi_exports.spreadsheet_safe is spreadsheet_safe
    assert audit.spreadsheet_safe is spreadsheet_safe


def status_events():
    return list(AuditEvent.objects.filter(action="permission change", subject__startswith="user status:"))


def test_granting_and_removing_superuser_status_is_audited():
    user = UserFactory(username="clerk")
    assert status_events() == []

    user.is_superuser = True
    user.save()
    user.is_superuser = False
    user.is_staff = True
    user.save()

    granted, swapped = status_events()
    assert granted.subject == "user status: clerk"
    assert granted.before == {"is_superuser": False}
    assert granted.after == {"user": user.pk, "is_superuser": True}
    assert swapped.before == {"is_superuser": True, "is_staff": False}
    assert swapped.after == {"user": user.pk, "is_superuser": False, "is_staff": True}


def test_creating_a_superuser_is_audited_and_other_saves_are_not():
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.gov.uk", "a long passphrase 2013")
    [event] = status_events()
    assert event.after == {"user": admin.pk, "is_superuser": True, "is_staff": True}

    admin.first_name = "Ada"
    admin.save()
    admin.save(update_fields=["last_login"])
    assert len(status_events()) == 1


def test_the_admin_who_grants_superuser_status_is_the_actor(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.gov.uk", "a long passphrase 2013")
    clerk = UserFactory(username="clerk")
    client.force_login(admin)

    response = client.post(
        f"/admin/auth/user/{clerk.pk}/change/",
        {
            "username": "clerk",
            "is_active": "on",
            "is_superuser": "on",
            "date_joined_0": "2013-04-01",
            "date_joined_1": "09:00:00",
            "initial-date_joined_0": "2013-04-01",
            "initial-date_joined_1": "09:00:00",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = status_events()[-1]
    assert event.after == {"user": clerk.pk, "is_superuser": True}
    assert event.actor == admin
