"""Over-long text is refused on the server next to its field, naming the limit; nothing is cut short or half-saved."""

import pytest
from django.urls import reverse

from plans.models import Action, Milestone, Priority
from plans.services import RowInput, TableValidationError, priority_save

from ..factories import ActionFactory, DivisionalPlanFactory, DivisionFactory, PriorityFactory, officer_for

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000


@pytest.fixture
def priority():
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    return PriorityFactory(plan=plan, title="Prevention")


@pytest.fixture
def officer(priority):
    return officer_for(priority.plan.division, "hr_officer")


def edit_post(priority, title, actions=(), milestone_title=None):
    data = {
        "lock_version": priority.plan.lock_version,
        "priority-title": title,
        "priority-description": priority.description,
        "actions-TOTAL_FORMS": len(actions),
        "actions-INITIAL_FORMS": 0,
        "milestones-TOTAL_FORMS": 0 if milestone_title is None else 1,
        "milestones-INITIAL_FORMS": 0,
        "key_decisions-TOTAL_FORMS": 0,
        "key_decisions-INITIAL_FORMS": 0,
    }
    for index, action_title in enumerate(actions):
        data |= {f"actions-{index}-title": action_title, f"actions-{index}-ORDER": index + 1}
    if milestone_title is not None:
        data |= {"milestones-0-title": milestone_title, "milestones-0-action_ref": "1", "milestones-0-ORDER": 1}
    return data


def test_priority_edit_refuses_a_10000_character_title_by_name_and_limit(client, priority, officer):
    """POSTing a 10,000-character title shows the GOV.UK message by the field and in the summary; nothing saved."""
    client.force_login(officer)
    url = reverse("plans:priority_edit", args=[priority.plan.pk, priority.pk])
    response = client.post(url, edit_post(priority, LONG, actions=["A good action"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert page.count("Title must be 300 characters or fewer") == 2  # summary and field
    assert "saved." not in page
    priority.refresh_from_db()
    assert priority.title == "Prevention"
    assert not Action.objects.exists()


def test_edit_pages_let_long_text_reach_the_server(client, priority, officer):
    """No maxlength on the fields: the browser would cut pasted text short and the shortened text would save."""
    client.force_login(officer)
    for url in [
        reverse("plans:priority_edit", args=[priority.plan.pk, priority.pk]),
        reverse("plans:section_edit", args=[priority.plan.pk, "priorities"]),
        reverse("plans:section_edit", args=[priority.plan.pk, "summary"]),
    ]:
        page = client.get(url).content.decode()
        assert "maxlength" not in page, url


def test_a_long_milestone_after_good_actions_saves_nothing(client, priority, officer):
    """The actions are valid and written first, but the over-long milestone refuses the whole save."""
    client.force_login(officer)
    url = reverse("plans:priority_edit", args=[priority.plan.pk, priority.pk])
    response = client.post(url, edit_post(priority, "Prevention", actions=["A good action"], milestone_title=LONG))
    assert response.status_code == 200
    assert "Milestone must be 2,000 characters or fewer" in response.content.decode()
    assert not Action.objects.exists()
    assert not Milestone.objects.exists()


def test_priorities_section_refuses_a_long_title_with_its_limit(client, priority, officer):
    """The section's own table of priorities uses the same wording."""
    client.force_login(officer)
    response = client.post(
        reverse("plans:section_edit", args=[priority.plan.pk, "priorities"]),
        {
            "lock_version": priority.plan.lock_version,
            "priorities-TOTAL_FORMS": 1,
            "priorities-INITIAL_FORMS": 0,
            "priorities-0-title": LONG,
            "priorities-0-description": "",
            "priorities-0-ORDER": 1,
        },
    )
    assert response.status_code == 200
    assert "Title must be 300 characters or fewer" in response.content.decode()
    assert Priority.objects.get().title == "Prevention"


def test_priority_save_refuses_a_long_title_and_keeps_the_rows_unsaved(priority):
    """Called directly, the service gives the same message and writes nothing, rows included."""
    existing = ActionFactory(priority=priority, title="Kept as it was")
    with pytest.raises(TableValidationError) as caught:
        priority_save(
            priority=priority,
            title=LONG,
            description="",
            actions=[
                RowInput(id=existing.pk, values={"title": "Changed", "sub_action": False}),
                RowInput(id=None, values={"title": LONG, "sub_action": False}),
            ],
            milestones=[],
            key_decisions=[],
        )
    assert caught.value.fields["title"] == ["Title must be 300 characters or fewer"]
    assert caught.value.rows["actions"][1]["title"] == ["Title must be 2,000 characters or fewer"]
    priority.refresh_from_db()
    existing.refresh_from_db()
    assert (priority.title, existing.title, Action.objects.count()) == ("Prevention", "Kept as it was", 1)


def test_a_long_milestone_rolls_back_the_actions_already_written(priority):
    """Actions are written before milestones are checked; a milestone over its limit undoes them too."""
    with pytest.raises(TableValidationError) as caught:
        priority_save(
            priority=priority,
            title=priority.title,
            description="",
            actions=[RowInput(id=None, values={"title": "A good action", "sub_action": False})],
            milestones=[RowInput(id=None, values={"title": LONG, "action_ref": "1"})],
            key_decisions=[],
        )
    assert caught.value.rows["milestones"][0]["title"] == ["Title must be 2,000 characters or fewer"]
    assert not Action.objects.exists()
    assert not Milestone.objects.exists()
