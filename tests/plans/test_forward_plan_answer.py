"""A plan's "Already in the Forward Plan?" is answered by the link to a Forward Plan entry, not typed (issue 13).

The live plan asks the link in one query however many key decisions it has; what was sent to committee keeps
the answer it had (a snapshot's document and checksum never change); a new version freezes the entry's number.
"""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees.models import DecisionMaker
from committees.services.decisions import forward_plan_entry_create
from kcc_planning.roles import Role
from plans import forward_plan
from plans.models import KeyDecision, PlanSnapshot, SnapshotKind
from plans.services.workflow import plan_transition, snapshot_checksum, snapshot_verify
from plans.versions import hydrate, plan_document_data

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory, officer_for
from ..support.users import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Adopt the operating model", accountable_officer="Karen Ray")
    return plan


def _decision(plan, description: str, *, typed: bool | None = None) -> KeyDecision:
    priority = plan.priorities.first()
    return KeyDecision.objects.create(
        priority=priority, description=description, in_forward_plan=typed, position=priority.key_decisions.count() + 1
    )


def _entry(number: str, decision: KeyDecision | None = None):
    return forward_plan_entry_create(
        values={
            "decision_number": number,
            "subject": f"Decision {number}",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_title": "Cabinet Member for Business Strategy",
            "expected_date": datetime.date(2013, 6, 1),
            "key_decision": decision,
        }
    )


def _answer_queries(decision_ids: list[int]) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        answers = forward_plan.forward_plan_answers(decision_ids=decision_ids)
    return len(queries), answers


def test_answers_for_a_whole_plan_cost_one_query_however_many_decisions(plan):
    """Two decisions or eight, linked or not: one query answers them all."""
    few = [_decision(plan, f"Decision {n}") for n in range(2)]
    _entry("13/00001", few[0])
    count_few, answers = _answer_queries([d.pk for d in few])
    many = few + [_decision(plan, f"More {n}") for n in range(6)]
    for n, decision in enumerate(many[2:], start=2):
        _entry(f"13/0000{n}", decision)
    count_many, more = _answer_queries([d.pk for d in many])
    assert count_few == count_many == 1
    assert answers[few[0].pk].decision_number == "13/00001"
    assert few[1].pk not in answers
    assert len(more) == 7


def test_a_withdrawn_entry_does_not_answer_yes(plan):
    """An entry withdrawn from the Forward Plan no longer announces the decision."""
    decision = _decision(plan, "Restructure HR")
    entry = _entry("13/00011", decision)
    entry.withdrawn = True
    entry.save()
    assert forward_plan.forward_plan_answers(decision_ids=[decision.pk]) == {}


def test_a_second_different_provider_is_a_configuration_error():
    """Only one app keeps the Forward Plan: registering another provider fails at start-up."""
    with pytest.raises(ImproperlyConfigured):
        forward_plan.register_forward_plan_answer(
            answers=lambda **kwargs: {}, may_edit=lambda user: False, add_url=str, link_url=str
        )


def test_officers_can_no_longer_type_the_answer(client, plan):
    """The edit page has no Yes/No question; a posted answer is ignored and the record column kept as it was."""
    decision = _decision(plan, "Adopt the revised HR operating model", typed=True)
    priority = decision.priority
    officer = officer_for(plan.division)
    client.force_login(officer)
    url = reverse("plans:priority_edit", args=[plan.pk, priority.pk])
    page = client.get(url).content.decode()
    assert "Is it already in the Forward Plan?" not in page
    assert "key_decisions-0-forward_plan" not in page
    assert "Key decisions in the Forward Plan" in page
    # Officers who do not keep the Forward Plan see the answer but are not offered to change it.
    assert "Add to the Forward Plan" not in page


def test_read_view_answers_from_the_link_not_the_typed_column(client, plan):
    """A decision typed "Yes" but linked to no entry reads "No"; a linked one reads its decision number."""
    typed_only = _decision(plan, "Typed as in the plan", typed=True)
    linked = _decision(plan, "Linked to the Forward Plan", typed=False)
    _entry("12/01971", linked)
    reader = user_in(Role.POLICY_TEAM, "policy_reader")
    client.force_login(reader)
    page = client.get(reverse("plans:plan_read", args=[plan.pk])).content.decode()
    assert "Yes – 12/01971" in page
    row = page[page.index(typed_only.description) :]
    assert row[: row.index("</tr>")].replace("\n", "").endswith("No</td>")


def _through(plan, admin, *steps: str) -> None:
    for name in steps:
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path")


def test_snapshot_keeps_the_typed_answer_and_its_checksum_after_linking(client, plan):
    """A snapshot sent to committee before the link still shows "Yes" as typed, byte for byte the same."""
    decision = _decision(plan, "Adopt the revised HR operating model", typed=True)
    admin = user_in(Role.ADMINISTRATOR, "fp_admin")
    _through(plan, admin, "submit", "clear", "send_to_committee")
    snapshot = plan.snapshots.get(kind=SnapshotKind.COMMITTEE)
    # Stored as a snapshot sent before issue 13 was: the typed answer, no entry number.
    document = snapshot.document
    stored = {"key": f"decision:{decision.pk}", "description": decision.description, "in_forward_plan": True}
    document["priorities"][0]["key_decisions"][0] = stored
    checksum = snapshot_checksum(document)
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(document=document, checksum=checksum)

    _entry("13/00020", decision)
    snapshot.refresh_from_db()
    assert snapshot.checksum == checksum
    assert snapshot_verify(snapshot)
    assert snapshot.document["priorities"][0]["key_decisions"][0] == stored
    shown = hydrate(snapshot.document)["priorities"][0].key_decisions.all()[0]
    assert not getattr(shown, "forward_plan_live", False)
    client.force_login(admin)
    page = client.get(reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk])).content.decode()
    cell = page[page.index(decision.description) :]
    assert cell[: cell.index("</tr>")].replace("\n", "").endswith("Yes</td>")
    assert "13/00020" not in page


def test_a_new_version_freezes_the_linked_entry_number(plan):
    """The plan's document now records the entry's number; unlinking later does not change what was frozen."""
    decision = _decision(plan, "Adopt the revised HR operating model")
    entry = _entry("13/00030", decision)
    document = plan_document_data(plan=plan)
    frozen = document["priorities"][0]["key_decisions"][0]
    assert frozen["forward_plan_number"] == "13/00030"
    assert frozen["in_forward_plan"] is True
    entry.key_decision = None
    entry.save()
    shown = hydrate(document)["priorities"][0].key_decisions.all()[0]
    assert shown.forward_plan_number == "13/00030"
    assert plan_document_data(plan=plan)["priorities"][0]["key_decisions"][0]["forward_plan_number"] == ""
