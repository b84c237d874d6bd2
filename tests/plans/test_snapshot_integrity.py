"""A frozen version is only shown as what was sent or approved while it passes its integrity check.

A snapshot whose stored document was changed behind the application's back (here with a queryset
``update()``, as a hand edit in the database would) gets a clear error page quoting nothing from it.
"""

import datetime

import pytest
from django.urls import reverse

from kcc_planning.roles import Role
from plans.models import PlanSnapshot, SnapshotKind
from plans.services.workflow import plan_transition, snapshot_verify

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.users import user_in

pytestmark = pytest.mark.django_db

TAMPERED = "Wording nobody ever approved"
FAILED = "failed its integrity check"


def _through(plan, admin, *steps: str) -> None:
    for name in steps:
        extra = {"decision_number": "12/01971", "decided_on": datetime.date(2013, 3, 27)} if name == "approve" else {}
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path", **extra)


@pytest.fixture
def admin():
    return user_in(Role.ADMINISTRATOR, "integrity_admin")


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Approved wording", accountable_officer="Karen Ray")
    return plan


def _tamper(snapshot: PlanSnapshot) -> None:
    document = snapshot.document
    document["priorities"][0]["title"] = TAMPERED
    document["priorities"][0]["actions"][0]["title"] = TAMPERED
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(document=document)


def test_snapshot_page_refuses_a_tampered_copy(client, plan, admin):
    _through(plan, admin, "submit", "clear", "send_to_committee")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    client.force_login(admin)
    url = reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk])

    intact = client.get(url)
    assert intact.status_code == 200
    assert "Approved wording" in intact.content.decode()

    _tamper(snapshot)
    snapshot.refresh_from_db()
    assert not snapshot_verify(snapshot)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert FAILED in page
    assert TAMPERED not in page
    assert "Approved wording" not in page
    assert "Prevention" not in page


def test_no_comment_is_taken_on_a_tampered_copy(client, plan, admin):
    _through(plan, admin, "submit", "clear", "send_to_committee")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    _tamper(snapshot)
    member = user_in(Role.COMMITTEE_MEMBER, "integrity_member")
    client.force_login(member)
    url = reverse("plans:comment_create", args=[plan.pk, snapshot.pk]) + "?section=priorities"
    response = client.post(url, {"section": "priorities", "body": "Why this wording?"})
    assert response.status_code == 200
    assert FAILED in response.content.decode()
    assert not snapshot.comments.exists()


def test_public_plan_page_refuses_a_tampered_approved_copy(client, plan, admin):
    _through(plan, admin, "submit", "clear", "send_to_committee", "approve", "publish")
    url = reverse("public:plan_detail", args=[plan.pk])
    assert "Approved wording" in client.get(url).content.decode()

    _tamper(plan.snapshots.get(kind=SnapshotKind.APPROVED))
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert FAILED in page
    assert TAMPERED not in page
    assert "Approved wording" not in page
