"""Plan pages over HTTP: permissions per object, field errors, literal user text, flat query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Action, Priority
from plans.services import RowInput, plan_rows_save

from ..factories import (
    ActionFactory,
    DirectoratePlanFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PriorityFactory,
    UserFactory,
    lead_for,
    officer_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))


@pytest.fixture
def officer(plan):
    return officer_for(plan.division, "hr_officer")


def priority_post(priority, actions, lock_version, milestones=()):
    data = {
        "lock_version": lock_version,
        "priority-title": priority.title,
        "priority-description": priority.description,
        "actions-TOTAL_FORMS": len(actions),
        "actions-INITIAL_FORMS": 0,
        "milestones-TOTAL_FORMS": len(milestones),
        "milestones-INITIAL_FORMS": 0,
        "key_decisions-TOTAL_FORMS": 0,
        "key_decisions-INITIAL_FORMS": 0,
    }
    for index, row in enumerate(actions):
        for name, value in row.items():
            data[f"actions-{index}-{name}"] = value
    for index, row in enumerate(milestones):
        for name, value in row.items():
            data[f"milestones-{index}-{name}"] = value
    return data


def test_anonymous_users_are_sent_to_sign_in(client, plan):
    """Every plan page needs a login."""
    for url in [
        reverse("plans:plan_overview", args=[plan.pk]),
        reverse("plans:plan_read", args=[plan.pk]),
        reverse("plans:section_edit", args=[plan.pk, "priorities"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_officer_of_another_division_can_read_but_not_edit(client, plan):
    """Another division's officer reads the plan but gets 403 on its edit pages."""
    priority = PriorityFactory(plan=plan)
    outsider = officer_for(DivisionFactory(directorate=plan.directorate), "outsider")
    client.force_login(outsider)
    assert client.get(reverse("plans:plan_read", args=[plan.pk])).status_code == 200
    assert client.get(reverse("plans:section_edit", args=[plan.pk, "priorities"])).status_code == 403
    assert client.get(reverse("plans:priority_edit", args=[plan.pk, priority.pk])).status_code == 403
    response = client.post(
        reverse("plans:priority_edit", args=[plan.pk, priority.pk]), priority_post(priority, [], plan.lock_version)
    )
    assert response.status_code == 403


def test_directorate_lead_edits_directorate_plan_and_reads_divisions(client, plan):
    """A directorate lead edits the directorate plan but only reads its divisions' plans."""
    directorate_plan = DirectoratePlanFactory(directorate=plan.directorate)
    client.force_login(lead_for(plan.directorate))
    assert client.get(reverse("plans:section_edit", args=[directorate_plan.pk, "foreword"])).status_code == 200
    assert client.get(reverse("plans:section_edit", args=[plan.pk, "priorities"])).status_code == 403
    assert client.get(reverse("plans:plan_read", args=[plan.pk])).status_code == 200


def test_unknown_plan_section_or_priority_is_404(client, plan, officer):
    """Made-up ids and sections are 404, and a priority of another plan is 404 under this plan."""
    client.force_login(officer)
    other_priority = PriorityFactory()
    assert client.get(reverse("plans:plan_overview", args=[999999])).status_code == 404
    assert client.get(reverse("plans:section_edit", args=[plan.pk, "no-such-section"])).status_code == 404
    assert client.get(reverse("plans:priority_edit", args=[plan.pk, other_priority.pk])).status_code == 404


def test_officer_adds_actions_and_sees_them_numbered(client, plan, officer):
    """Posting a priority with an action and a sub-action saves both, numbered 1 and 1.1."""
    priority = PriorityFactory(plan=plan, title="Prevention")
    client.force_login(officer)
    response = client.post(
        reverse("plans:priority_edit", args=[plan.pk, priority.pk]),
        priority_post(
            priority,
            [
                {
                    "title": "Lead the work stream",
                    "accountable_officer": "Geraldine Vary",
                    "start_text": "April 2013",
                    "end_text": "2014",
                    "ORDER": 1,
                },
                {
                    "title": "Troubled Families",
                    "sub_action": "on",
                    "accountable_officer": "Karen Ray",
                    "start_text": "January 2012",
                    "end_text": "On-going to March 2015",
                    "ORDER": 2,
                },
            ],
            plan.lock_version,
            milestones=[{"title": "Plan agreed", "action_ref": "1.1", "due_text": "June 2013"}],
        ),
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:plan_read", args=[plan.pk])).content.decode()
    assert "Troubled Families" in page
    assert ">1.1<" in page
    assert "Plan agreed (1.1)" in page


def test_bad_input_gives_field_errors_and_saves_nothing(client, plan, officer):
    """End before start, empty title, a 10,000-character title and a NUL byte each get an error; nothing saved."""
    priority = PriorityFactory(plan=plan)
    client.force_login(officer)
    response = client.post(
        reverse("plans:priority_edit", args=[plan.pk, priority.pk]),
        priority_post(
            priority,
            [
                {"title": "Backwards", "start_text": "April 2013", "end_text": "March 2013", "ORDER": 1},
                {"title": "", "accountable_officer": "Someone", "ORDER": 2},
                {"title": "x" * 10_000, "ORDER": 3},
                {"title": "nul\x00byte", "ORDER": 4},
            ],
            plan.lock_version,
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The end must be the same as or after the start (April 2013)." in page
    assert "This field is required." in page
    assert "Action must be 2,000 characters or fewer" in page
    assert "Null characters are not allowed." in page
    assert not Action.objects.exists()


def test_long_priority_title_is_a_field_error_not_a_500(client, plan, officer):
    """The priorities section refuses a 10,000-character title next to the field."""
    client.force_login(officer)
    response = client.post(
        reverse("plans:section_edit", args=[plan.pk, "priorities"]),
        {
            "lock_version": plan.lock_version,
            "priorities-TOTAL_FORMS": 1,
            "priorities-INITIAL_FORMS": 0,
            "priorities-0-title": "t" * 10_000,
            "priorities-0-description": "",
            "priorities-0-ORDER": 1,
        },
    )
    assert response.status_code == 200
    assert "Title must be 300 characters or fewer" in response.content.decode()
    assert not Priority.objects.exists()


def test_html_and_template_syntax_are_shown_literally(client, plan, officer):
    """User text with HTML or template tags is escaped on the page, never interpreted."""
    nasty = '<img src="file:///etc/passwd"> {{ 7|add:7 }} {% now "Y" %} <script>alert(1)</script>'
    priority = PriorityFactory(plan=plan, title=nasty[:300])
    ActionFactory(priority=priority, title=nasty)
    client.force_login(officer)
    page = client.get(reverse("plans:plan_read", args=[plan.pk])).content.decode()
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page
    assert "{{ 7|add:7 }}" in page
    assert "{% now &quot;Y&quot; %}" in page
    assert "<script>alert(1)</script>" not in page


def test_add_another_row_keeps_what_was_typed(client, plan, officer):
    """Without JavaScript, 'Add another' re-shows the form with one more blank row and saves nothing."""
    client.force_login(officer)
    response = client.post(
        reverse("plans:section_edit", args=[plan.pk, "support"]),
        {
            "lock_version": plan.lock_version,
            "add_row": "support_requests",
            "support_requests-TOTAL_FORMS": 1,
            "support_requests-INITIAL_FORMS": 0,
            "support_requests-0-activity": "Delivery of OD and People Plan",
            "support_requests-0-ORDER": 1,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Delivery of OD and People Plan" in page
    assert 'name="support_requests-1-activity"' in page
    assert not plan.support_requests.exists()


def test_stale_form_is_refused_and_keeps_input(client, plan, officer):
    """A form loaded before someone else's save is refused: both versions are shown and nothing is written."""
    client.force_login(officer)
    stale = plan.lock_version
    plan_rows_save(
        plan=plan,
        relation="support_requests",
        rows=[RowInput(id=None, values={"activity": "Their wording", "expected_impact": "", "expected_date": ""})],
    )
    response = client.post(
        reverse("plans:section_edit", args=[plan.pk, "support"]),
        {
            "lock_version": stale,
            "support_requests-TOTAL_FORMS": 1,
            "support_requests-INITIAL_FORMS": 0,
            "support_requests-0-activity": "My careful wording",
            "support_requests-0-ORDER": 1,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "someone else saved this plan" in page
    assert "The version saved by someone else" in page
    assert "Their wording" in page
    assert "My careful wording" in page
    assert list(plan.support_requests.values_list("activity", flat=True)) == ["Their wording"]


def test_tampered_row_id_is_404(client, plan, officer):
    """A hidden row id belonging to another plan gives 404 and changes nothing."""
    other = DivisionalPlanFactory()
    foreign = other.support_requests.create(activity="Theirs", position=1)
    client.force_login(officer)
    response = client.post(
        reverse("plans:section_edit", args=[plan.pk, "support"]),
        {
            "lock_version": plan.lock_version,
            "support_requests-TOTAL_FORMS": 1,
            "support_requests-INITIAL_FORMS": 1,
            "support_requests-0-row_id": foreign.pk,
            "support_requests-0-activity": "Mine",
            "support_requests-0-ORDER": 1,
        },
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.activity == "Theirs"


def _plan_with_actions(count: int):
    plan = DivisionalPlanFactory()
    priorities = [PriorityFactory(plan=plan, position=i) for i in range(1, 6)]
    for index in range(count):
        ActionFactory(priority=priorities[index % 5], position=index)
    return plan


def test_read_view_query_count_does_not_grow_with_actions(client):
    """The whole-plan page runs the same number of queries for 10 and for 300 actions."""
    user = UserFactory()
    client.force_login(user)
    counts = []
    for size in (10, 300):
        plan = _plan_with_actions(size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("plans:plan_read", args=[plan.pk]))
        assert response.status_code == 200
        assert response.content.decode().count('class="govuk-table__row"') >= size
        counts.append(len(queries))
    assert counts[0] == counts[1]
