"""A milestone cites an Action row, not a number: moving, adding or removing actions never re-points it."""

import pytest
from django.urls import reverse

from plans.models import Action, Milestone
from plans.selectors import plan_priorities
from plans.services import RowInput, TableValidationError, priority_save

from ..factories import ActionFactory, DivisionalPlanFactory, MilestoneFactory, PriorityFactory, officer_for

pytestmark = pytest.mark.django_db


def action_row(action, sub=False, delete=False):
    values = {
        "title": action.title,
        "sub_action": sub,
        "accountable_officer": action.accountable_officer,
        "start_text": action.start_text,
        "end_text": action.end_text,
    }
    return RowInput(id=action.pk, values=values, delete=delete)


def new_action(title, key=None, sub=False):
    values = {"title": title, "sub_action": sub, "accountable_officer": "", "start_text": "", "end_text": ""}
    if key:
        values["key"] = key
    return RowInput(id=None, values=values)


def milestone_row(milestone, ref, key="", key_number=""):
    values = {"title": milestone.title, "due_text": milestone.due_text, "action_ref": ref}
    values |= {"action_key": key, "action_key_number": key_number}
    return RowInput(id=milestone.pk, values=values)


def save(priority, actions, milestones):
    return priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        actions=actions,
        milestones=milestones,
        key_decisions=[],
    )


@pytest.fixture
def two_actions():
    """Priority 1 with actions 1 and 2; milestone A cites action 2."""
    priority = PriorityFactory()
    first = ActionFactory(priority=priority, title="First", position=1)
    second = ActionFactory(priority=priority, title="Second", position=2)
    milestone = MilestoneFactory(priority=priority, action=second)
    return priority, first, second, milestone


def test_moving_the_cited_action_keeps_the_milestone_on_it(two_actions):
    """The page's key (the action's row id) holds while the field shows the number it came with."""
    priority, first, second, milestone = two_actions
    save(priority, [action_row(second), action_row(first)], [milestone_row(milestone, "2", str(second.pk), "2")])
    milestone.refresh_from_db()
    assert milestone.action == second
    (numbered,) = plan_priorities(plan=priority.plan)
    assert numbered.milestones.all()[0].action_number == "1"


def test_a_typed_number_means_the_action_the_page_showed_with_it(two_actions):
    """Without a key, "2" is the action numbered 2 before this save, not the one that becomes 2."""
    priority, first, second, milestone = two_actions
    save(priority, [action_row(second), action_row(first)], [milestone_row(milestone, "2")])
    milestone.refresh_from_db()
    assert milestone.action == second


def test_a_number_typed_over_the_shown_one_wins_over_the_key(two_actions):
    """The user changed the field from 2 to 1: the milestone now cites the action that was 1."""
    priority, first, second, milestone = two_actions
    save(priority, [action_row(second), action_row(first)], [milestone_row(milestone, "1", str(second.pk), "2")])
    milestone.refresh_from_db()
    assert milestone.action == first


def test_a_new_action_is_cited_by_its_key_in_the_same_save(two_actions):
    """An action added on the page and moved to the top is found by its key, whatever its number."""
    priority, first, second, milestone = two_actions
    rows = [new_action("Brand new", key="new-2"), action_row(first), action_row(second)]
    save(priority, rows, [milestone_row(milestone, "3", "new-2", "3")])
    milestone.refresh_from_db()
    assert milestone.action.title == "Brand new"
    assert numbered_milestone(priority) == "1"


def test_a_number_the_page_never_showed_is_an_action_added_now(two_actions):
    """With no key, a number beyond the old numbering is read on the new one (an action added at the end)."""
    priority, first, second, milestone = two_actions
    save(priority, [action_row(first), action_row(second), new_action("Third")], [milestone_row(milestone, "3")])
    milestone.refresh_from_db()
    assert milestone.action.title == "Third"


def test_removing_a_cited_action_is_an_error_on_the_milestone(two_actions):
    """The milestone is not silently moved to whichever action takes the number; nothing is saved."""
    priority, first, second, milestone = two_actions
    with pytest.raises(TableValidationError) as caught:
        save(
            priority,
            [action_row(first, delete=False), action_row(second, delete=True)],
            [milestone_row(milestone, "2", str(second.pk), "2")],
        )
    assert caught.value.rows["milestones"][0]["action_ref"] == [
        "Action 2 is being removed. Cite another action, or clear the action number."
    ]
    assert Action.objects.filter(pk=second.pk).exists()
    milestone.refresh_from_db()
    assert milestone.action == second


def test_an_action_of_another_priority_keeps_its_citation_when_numbers_shift():
    """Adding an action to priority 1 renumbers priority 2's action; the milestone still cites that action."""
    plan = DivisionalPlanFactory()
    one = PriorityFactory(plan=plan, position=1)
    two = PriorityFactory(plan=plan, position=2)
    first = ActionFactory(priority=one, title="First", position=1)
    later = ActionFactory(priority=two, title="Later", position=1)
    milestone = MilestoneFactory(priority=one, action=later)
    save(one, [action_row(first), new_action("Inserted")], [milestone_row(milestone, "2", str(later.pk), "2")])
    milestone.refresh_from_db()
    assert milestone.action == later
    assert numbered_milestone(one) == "3"


def test_a_key_from_another_plan_is_refused():
    """A tampered key naming another plan's action is an error, not a link across plans."""
    priority = PriorityFactory()
    stranger = ActionFactory()
    milestone = MilestoneFactory(priority=priority)
    with pytest.raises(TableValidationError) as caught:
        save(priority, [], [milestone_row(milestone, "1", str(stranger.pk), "1")])
    assert caught.value.rows["milestones"][0]["action_ref"] == ["There is no action 1 in this plan."]


def numbered_milestone(priority):
    numbered = next(p for p in plan_priorities(plan=priority.plan) if p.pk == priority.pk)
    return numbered.milestones.all()[0].action_number


def edit_post(priority, actions, milestones):
    """The priority edit form as the page sends it: ``actions`` are (action, order, sub) in the rendered order."""
    data = {
        "lock_version": priority.plan.lock_version,
        "priority-title": priority.title,
        "priority-description": priority.description,
        "actions-TOTAL_FORMS": len(actions),
        "actions-INITIAL_FORMS": len(actions),
        "milestones-TOTAL_FORMS": len(milestones),
        "milestones-INITIAL_FORMS": len(milestones),
        "key_decisions-TOTAL_FORMS": 0,
        "key_decisions-INITIAL_FORMS": 0,
    }
    for index, (action, order, sub) in enumerate(actions):
        prefix = f"actions-{index}-"
        data |= {f"{prefix}row_id": action.pk, f"{prefix}ORDER": order, f"{prefix}title": action.title}
        data |= {f"{prefix}start_text": action.start_text, f"{prefix}end_text": action.end_text}
        if sub:
            data[f"{prefix}sub_action"] = "on"
    for index, (milestone, ref, key, key_number) in enumerate(milestones):
        prefix = f"milestones-{index}-"
        data |= {f"{prefix}row_id": milestone.pk, f"{prefix}ORDER": index + 1, f"{prefix}title": milestone.title}
        data |= {f"{prefix}action_ref": ref, f"{prefix}action_key": key, f"{prefix}action_key_number": key_number}
    return data


def test_edit_page_carries_each_milestones_action_identity(client, two_actions):
    """The page sends the cited action's row id with the number it shows."""
    priority, _first, second, _milestone = two_actions
    client.force_login(officer_for(priority.plan.division))
    page = client.get(reverse("plans:priority_edit", args=[priority.plan.pk, priority.pk])).content.decode()
    assert f'name="milestones-0-action_key" value="{second.pk}"' in page
    assert 'name="milestones-0-action_key_number" value="2"' in page


def test_reordering_by_position_without_javascript_keeps_the_milestone(client, two_actions):
    """Positions swapped on the form, milestone field left at 2: after saving it cites the same action, now 1."""
    priority, first, second, milestone = two_actions
    client.force_login(officer_for(priority.plan.division))
    url = reverse("plans:priority_edit", args=[priority.plan.pk, priority.pk])
    data = edit_post(priority, [(first, 2, False), (second, 1, False)], [(milestone, "2", str(second.pk), "2")])
    response = client.post(url, data)
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.action == second
    assert 'name="milestones-0-action_ref" value="1"' in client.get(url).content.decode()


def test_moving_a_parent_by_position_takes_its_sub_actions(client):
    """Action 1 (with 1.1) given the Position of action 2: it lands after action 2 with its sub-action."""
    priority = PriorityFactory()
    parent = ActionFactory(priority=priority, title="Parent", position=1)
    child = ActionFactory(priority=priority, title="Child", parent=parent, position=2)
    other = ActionFactory(priority=priority, title="Other", position=3)
    milestone = MilestoneFactory(priority=priority, action=child)
    client.force_login(officer_for(priority.plan.division))
    url = reverse("plans:priority_edit", args=[priority.plan.pk, priority.pk])
    # Rendered order: Parent (1), Child (2), Other (3); only the parent's Position is changed.
    data = edit_post(
        priority, [(parent, 3, False), (child, 2, True), (other, 3, False)], [(milestone, "1.1", str(child.pk), "1.1")]
    )
    response = client.post(url, data)
    assert response.status_code == 302
    (numbered,) = plan_priorities(plan=priority.plan)
    assert [(a.number, a.title) for a in numbered.top_actions] == [("1", "Other"), ("2", "Parent")]
    assert [(c.number, c.title) for c in numbered.top_actions[1].children] == [("2.1", "Child")]
    assert Milestone.objects.get().action == child
    assert numbered.milestones.all()[0].action_number == "2.1"
