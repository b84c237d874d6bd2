"""The audit page says what changed in words ("Title changed from … to …"), never as a raw Python dictionary.

The stored events keep their values (the CSV export is unchanged); only the page reads them out.
"""

import pytest
from django.urls import reverse

from kcc_planning.roles import Role
from plans.audit import audit_entry_lines, audit_events_for, audit_record
from plans.services.plan import plan_update
from plans.services.priorities import priority_create
from plans.services.workflow import plan_transition

from ..factories import PASSWORD, ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.users import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return user_in(Role.ADMINISTRATOR, "audit_admin")


@pytest.fixture
def plan():
    """A plan complete enough to be submitted."""
    plan = DivisionalPlanFactory()
    ActionFactory(priority=PriorityFactory(plan=plan), accountable_officer="Paul Royel")
    return plan


def _lines(plan) -> list[list[str]]:
    return [audit_entry_lines(event) for event in audit_events_for(plan=plan)]


def test_a_field_set_then_changed_reads_as_sentences(plan, admin):
    plan_update(plan=plan, values={"summary_gross_expenditure": "TBC - Feb 2013"}, actor=admin)
    plan_update(plan=plan, values={"summary_gross_expenditure": "£6.5m"}, actor=admin)

    assert _lines(plan) == [
        ["Gross expenditure set to “TBC - Feb 2013”"],
        ["Gross expenditure changed from “TBC - Feb 2013” to “£6.5m”"],
    ]


def test_a_row_added_names_the_row(plan, admin):
    priority_create(plan=plan, title="Prevention", actor=admin)

    assert _lines(plan) == [["Priority “Prevention” added"]]
    assert audit_entry_lines(
        audit_record(
            actor=admin,
            action="edit",
            plan=plan,
            after={"rows": [{"table": "key_decisions", "change": "added", "id": 1, "description": "Approve the plan"}]},
        )
    ) == ["Key decision “Approve the plan” added"]


def test_a_step_gives_both_statuses_by_their_names_and_the_reason(plan, admin):
    plan_transition(plan=plan, user=admin, step_name="submit", reason="Ready for QA")

    assert _lines(plan)[-1] == [
        "Status changed from Draft to Submitted for quality assurance",
        "Reason: “Ready for QA”",
    ]


def test_row_changes_name_the_row_and_each_field(plan, admin):
    audit_record(
        actor=admin,
        action="edit",
        plan=plan,
        subject="Priority: Prevention",
        before={"fields": {}, "rows": [{"title": "Agree the workforce plan", "end_text": ""}]},
        after={
            "fields": {},
            "rows": [
                {"table": "actions", "change": "changed", "id": 4, "title": "Agree the 2014 workforce plan"},
                {"table": "milestones", "change": "removed", "id": 9},
            ],
        },
    )

    assert _lines(plan) == [
        [
            "Action “Agree the 2014 workforce plan”: Title changed from “Agree the workforce plan” to "
            "“Agree the 2014 workforce plan”",
            "Milestone removed",
        ]
    ]


def test_long_text_is_shortened_on_the_page(plan, admin):
    plan_update(plan=plan, values={"fte_variance_reason": "word " * 100}, actor=admin)

    [[line]] = _lines(plan)
    assert line.startswith("Reasons for any variance set to “word word")
    assert line.endswith("…”")
    assert len(line) < 260


def test_the_audit_page_shows_sentences_not_dictionaries(client, plan, admin):
    plan_update(plan=plan, values={"summary_gross_expenditure": "£6.5m"}, actor=admin)
    plan_transition(plan=plan, user=admin, step_name="submit", reason="Ready for QA")
    client.login(username=admin.username, password=PASSWORD)

    page = client.get(reverse("plans:plan_audit", args=[plan.pk])).content.decode()

    assert "<li>Gross expenditure set to “£6.5m”</li>" in page
    assert "<li>Status changed from Draft to Submitted for quality assurance</li>" in page
    assert "{&#x27;" not in page
    assert "&#x27;fields&#x27;" not in page
    csv = client.get(reverse("plans:plan_audit", args=[plan.pk]) + "?format=csv").content.decode()
    assert '""summary_gross_expenditure"": ""£6.5m""' in csv, "the export keeps the stored values"
