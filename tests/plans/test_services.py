"""Writes to plans are validated in full and land all or nothing."""

import pytest

from plans.models import Action, Milestone
from plans.selectors import plan_priorities
from plans.services import (
    ForeignRowError,
    PlanConflictError,
    RowInput,
    TableValidationError,
    plan_rows_save,
    priority_save,
)

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def action(title, sub=False, start="April 2013", end="March 2014", row_id=None, delete=False):
    return RowInput(
        id=row_id,
        values={
            "title": title,
            "sub_action": sub,
            "accountable_officer": "Paul Royel",
            "start_text": start,
            "end_text": end,
        },
        delete=delete,
    )


def save(priority, actions=(), milestones=(), decisions=(), **kwargs):
    return priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        actions=list(actions),
        milestones=list(milestones),
        key_decisions=list(decisions),
        **kwargs,
    )


def test_priority_save_builds_sub_actions_from_their_place():
    """A sub-action belongs to the nearest top-level action above it."""
    priority = PriorityFactory()
    save(priority, [action("Parent"), action("Child one", sub=True), action("Child two", sub=True), action("Next")])

    (numbered,) = plan_priorities(plan=priority.plan)
    assert [(a.number, a.title) for a in numbered.top_actions] == [("1", "Parent"), ("2", "Next")]
    assert [(c.number, c.title) for c in numbered.top_actions[0].children] == [
        ("1.1", "Child one"),
        ("1.2", "Child two"),
    ]


def test_end_before_start_is_refused_on_the_end_field():
    """An end month before the start month is an error on the end date, and nothing is saved."""
    priority = PriorityFactory()
    with pytest.raises(TableValidationError) as caught:
        save(priority, [action("Good"), action("Backwards", start="April 2013", end="March 2013")])
    assert "end_text" in caught.value.rows["actions"][1]
    assert not Action.objects.exists()


def test_free_text_dates_are_kept_as_written():
    """Notes such as 'Ongoing into 2014' are stored verbatim with no month."""
    priority = PriorityFactory()
    save(priority, [action("Note", start="To be agreed", end="Ongoing into 2014")])
    stored = Action.objects.get()
    assert (stored.start_text, stored.start_month, stored.end_text, stored.end_month) == (
        "To be agreed",
        None,
        "Ongoing into 2014",
        None,
    )


def test_first_action_cannot_be_a_sub_action():
    """There is no action above the first one to belong to."""
    priority = PriorityFactory()
    with pytest.raises(TableValidationError) as caught:
        save(priority, [action("Orphan", sub=True)])
    assert "sub_action" in caught.value.rows["actions"][0]


def test_milestone_cites_an_action_by_its_printed_number():
    """'2.3' style references resolve to the action with that number; unknown numbers are a field error."""
    priority = PriorityFactory()
    save(
        priority,
        [action("One"), action("One point one", sub=True)],
        [RowInput(id=None, values={"title": "Done", "action_ref": "(1.1)", "due_text": "June 2013"})],
    )
    milestone = Milestone.objects.get()
    assert milestone.action.title == "One point one"

    with pytest.raises(TableValidationError) as caught:
        save(priority, [], [RowInput(id=None, values={"title": "X", "action_ref": "9.9", "due_text": ""})])
    assert "action_ref" in caught.value.rows["milestones"][0]


def test_nul_bytes_and_overlong_titles_are_field_errors():
    """NUL characters and 10,000-character titles never reach the database."""
    priority = PriorityFactory()
    with pytest.raises(TableValidationError) as caught:
        save(priority, [action("bad\x00title"), action("x" * 10_000)])
    assert "title" in caught.value.rows["actions"][0]
    assert "title" in caught.value.rows["actions"][1]
    assert not Action.objects.exists()


def test_row_from_another_plan_is_refused():
    """A tampered row id pointing at another plan's row is refused, not edited."""
    other_action = ActionFactory()
    priority = PriorityFactory()
    with pytest.raises(ForeignRowError):
        save(priority, [action("Hijack", row_id=other_action.pk)])
    other_action.refresh_from_db()
    assert other_action.title != "Hijack"


def test_stale_lock_version_is_refused_without_writing():
    """A save based on an older version of the plan is refused (optimistic locking)."""
    plan = DivisionalPlanFactory()
    stale = plan.lock_version
    plan_rows_save(
        plan=plan,
        relation="support_requests",
        rows=[RowInput(id=None, values={"activity": "First", "expected_impact": "", "expected_date": ""})],
    )
    with pytest.raises(PlanConflictError):
        plan_rows_save(
            plan=plan,
            relation="support_requests",
            lock_version=stale,
            rows=[RowInput(id=None, values={"activity": "Second", "expected_impact": "", "expected_date": ""})],
        )
    assert list(plan.support_requests.values_list("activity", flat=True)) == ["First"]


def test_deleting_a_parent_keeps_its_sub_actions_under_the_previous_action():
    """Removing action 2 keeps 2.1 and attaches it to action 1 (renumbered 1.1)."""
    priority = PriorityFactory()
    save(priority, [action("One"), action("Two"), action("Two point one", sub=True)])
    one, two, child = Action.objects.order_by("position")
    save(
        priority,
        [
            action("One", row_id=one.pk),
            action("Two", row_id=two.pk, delete=True),
            action("Two point one", sub=True, row_id=child.pk),
        ],
    )
    (numbered,) = plan_priorities(plan=priority.plan)
    assert [(c.number, c.title) for c in numbered.top_actions[0].children] == [("1.1", "Two point one")]
