"""What stops a plan being submitted is said once each, in full, and links to the field or KPI that fixes it."""

import pytest
from django.urls import reverse

from performance.models import Kpi
from plans.completeness import plan_completeness_problems

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory, officer_for

pytestmark = pytest.mark.django_db

LONG_NAME = "Percentage of available business transactions carried out by self-service (measure to be agreed)"


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    heading = ActionFactory(priority=priority, title="HR's specific contribution", accountable_officer="")
    ActionFactory(priority=priority, parent=heading, title="Support retention", accountable_officer="")
    Kpi.objects.create(plan=plan, reference="", description=LONG_NAME)
    return plan


def test_each_problem_names_its_row_in_full_and_links_to_its_field(plan):
    """The sub-action without an officer links to its field on the priority's page (the heading over it is not
    a problem); the KPI is named in full and links to its floor field."""
    kpi = Kpi.objects.get()
    priority = plan.priorities.get()
    problems = plan_completeness_problems(plan=plan)
    assert [(p.text, p.href, p.section) for p in problems] == [
        (
            "Priority 1 (Prevention): action 1.1 (Support retention) is without an accountable officer.",
            reverse("plans:priority_edit", args=[plan.pk, priority.pk]) + "#id_actions-1-accountable_officer",
            "priorities",
        ),
        (
            f"KPI {LONG_NAME} has no floor and no target: enter a figure, or say NEW, TBC or not yet available.",
            reverse("performance:kpi_edit", args=[plan.pk, kpi.pk]) + "#id_floor",
            "performance",
        ),
    ]


def test_the_linked_field_is_on_the_page_and_open(client, plan):
    """The anchor the problem links to is the accountable officer field of that action, shown unfolded."""
    officer = officer_for(plan.division, "officer")
    client.force_login(officer)
    [problem, _] = plan_completeness_problems(plan=plan)
    path, anchor = problem.href.split("#")
    page = client.get(path).content.decode()
    assert f'id="{anchor}"' in page
    row = page[: page.index(f'id="{anchor}"')].rsplit("<details", 1)[1]
    assert row.startswith(' class="govuk-details council-row-details" data-row-details open>')


def test_a_refused_submit_says_each_problem_once_with_its_link(client, plan):
    """After a refused submit each problem is in the error summary once, linked, and nowhere else on the page."""
    client.force_login(officer_for(plan.division, "officer"))
    response = client.post(
        reverse("plans:plan_workflow", args=[plan.pk]), {"step": "submit", "submit-reason": "Ready for QA"}
    )
    main = response.content.decode().split("<main", 1)[1]
    assert main.count("is without an accountable officer") == 1
    assert main.count(LONG_NAME) == 1
    assert "#id_actions-1-accountable_officer" in main
    assert "#workflow-errors" not in main


def test_before_submitting_the_problems_are_listed_with_links(client, plan):
    """The approval page lists what to put right, each a link."""
    client.force_login(officer_for(plan.division, "officer"))
    main = client.get(reverse("plans:plan_workflow", args=[plan.pk])).content.decode().split("<main", 1)[1]
    assert main.count(LONG_NAME) == 1
    assert f'href="{reverse("plans:priority_edit", args=[plan.pk, plan.priorities.get().pk])}#id_actions-1-' in main


def test_a_row_with_an_error_is_never_folded_away(client, plan):
    """After a refused save the action with the error is shown open; the untouched heading stays folded."""
    priority = plan.priorities.get()
    heading, child = priority.actions.order_by("parent_id", "position")
    child.accountable_officer = "Paul Royel"  # nothing to fill in: only the error can unfold it
    child.save()
    client.force_login(officer_for(plan.division, "officer"))
    url = reverse("plans:priority_edit", args=[plan.pk, priority.pk])
    data = {
        "lock_version": plan.lock_version,
        "priority-title": priority.title,
        "priority-description": priority.description,
        "actions-TOTAL_FORMS": 2,
        "actions-INITIAL_FORMS": 2,
        "milestones-TOTAL_FORMS": 0,
        "milestones-INITIAL_FORMS": 0,
        "key_decisions-TOTAL_FORMS": 0,
        "key_decisions-INITIAL_FORMS": 0,
        "actions-0-row_id": heading.pk,
        "actions-0-ORDER": 1,
        "actions-0-title": heading.title,
        "actions-1-row_id": child.pk,
        "actions-1-ORDER": 2,
        "actions-1-sub_action": "on",
        "actions-1-title": "",
        "actions-1-accountable_officer": "Paul Royel",
    }
    page = client.post(url, data).content.decode()
    folds = page.split("<details")[1:]
    assert 'id="id_actions-0-title"' in folds[0]
    assert not folds[0].startswith(' class="govuk-details council-row-details" data-row-details open>')
    assert 'id="id_actions-1-title"' in folds[1]
    assert folds[1].startswith(' class="govuk-details council-row-details" data-row-details open>')
