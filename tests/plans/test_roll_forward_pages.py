"""“Start next year's plan from this one”: the button, the confirmation page, the choice, the refusal, the command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kcc_planning.roles import Role
from plans.models import Plan

from ..factories import DivisionalPlanFactory, UserFactory, officer_for
from .rollforward_data import approved, hr_plan, structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return structure()


@pytest.fixture
def hr(org):
    return hr_plan(org.hr17)


@pytest.fixture
def officer(org):
    return officer_for(org.hr17, "hr_officer")


def test_the_overview_offers_the_button_to_the_plans_officer_only(client, org, hr, officer):
    client.force_login(officer)
    url = reverse("plans:plan_roll_forward", args=[hr.plan.pk])
    assert url in client.get(reverse("plans:plan_overview", args=[hr.plan.pk])).content.decode()
    client.force_login(UserFactory(username="reader"))
    assert url not in client.get(reverse("plans:plan_overview", args=[hr.plan.pk])).content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Plan.objects.filter(directorate=org.d18).exists()


def test_a_draft_plan_has_no_button_and_the_page_is_forbidden(client, org, officer):
    draft = DivisionalPlanFactory(division=org.hr17)
    client.force_login(officer)
    assert client.get(reverse("plans:plan_roll_forward", args=[draft.pk])).status_code == 403


def test_confirming_starts_the_draft_and_says_what_was_carried(client, org, hr, officer):
    client.force_login(officer)
    url = reverse("plans:plan_roll_forward", args=[hr.plan.pk])
    page = client.get(url).content.decode()
    assert "Human Resources and Organisational Development" in page
    assert "stay exactly as they are" in page
    response = client.post(url, follow=True)
    new = Plan.objects.get(division=org.hr18)
    assert response.redirect_chain[-1][0] == reverse("plans:plan_overview", args=[new.pk])
    text = response.content.decode()
    assert "1 priorities, 2 unfinished actions and 1 milestones carried over" in text
    assert "Started from" in text
    old = client.get(reverse("plans:plan_overview", args=[hr.plan.pk])).content.decode()
    assert "Next year&#x27;s plan" in old or "Next year's plan" in old
    assert url not in old  # no second button once it is done


def test_a_second_roll_forward_is_refused_with_a_link_to_the_draft(client, org, hr, officer):
    client.force_login(officer)
    url = reverse("plans:plan_roll_forward", args=[hr.plan.pk])
    client.post(url)
    new = Plan.objects.get(division=org.hr18)
    page = client.post(url).content.decode()
    assert "already been rolled forward" in page
    assert f'href="{reverse("plans:plan_overview", args=[new.pk])}"' in page
    assert Plan.objects.filter(division=org.hr18).count() == 1


def test_a_merged_division_asks_the_officer_and_refuses_no_answer(client, org):
    plan = approved(DivisionalPlanFactory(division=org.proc17))
    client.force_login(officer_for(org.proc17, "procurement_officer"))
    url = reverse("plans:plan_roll_forward", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "Finance and Procurement" in page
    assert 'type="radio"' in page
    refused = client.post(url).content.decode()
    assert "There is a problem" in refused
    assert "Select the unit next year" in refused
    assert not Plan.objects.filter(directorate=org.d18).exists()
    client.post(url, {"successor": str(org.fp18.pk)})
    assert Plan.objects.get(division=org.fp18).rolled_from == plan


def test_the_policy_team_may_start_it_too(client, org, hr):
    from ..support.users import user_in

    client.force_login(user_in(Role.POLICY_TEAM, "policy"))
    assert client.get(reverse("plans:plan_roll_forward", args=[hr.plan.pk])).status_code == 200


def test_the_command_rolls_forward_and_explains_what_it_cannot_do(org, hr):
    out = io.StringIO()
    call_command("roll_forward_plan", str(hr.plan.pk), "--to", "2018-19", stdout=out)
    new = Plan.objects.get(division=org.hr18)
    assert f"Started plan {new.pk}" in out.getvalue()
    with pytest.raises(CommandError, match="already been rolled forward"):
        call_command("roll_forward_plan", str(hr.plan.pk), "--to", "2018-19")
    with pytest.raises(CommandError, match="no plan with id 99999"):
        call_command("roll_forward_plan", "99999", "--to", "2018-19")
    with pytest.raises(CommandError, match="like 2018-19"):
        call_command("roll_forward_plan", str(hr.plan.pk), "--to", "soon")
    split = approved(DivisionalPlanFactory(division=org.ict17))
    with pytest.raises(CommandError, match=f"--successor {org.ict_operations.pk}"):
        call_command("roll_forward_plan", str(split.pk), "--to", "2018-19")
    call_command("roll_forward_plan", str(split.pk), "--to", "2018/19", "--successor", "ICT Strategy", stdout=out)
    assert Plan.objects.get(division=org.ict_strategy).rolled_from == split


def test_without_next_years_structure_the_page_says_so_and_offers_no_button(client, org):
    """2018-19 exists here but 2019-20 does not: a 2018-19 plan cannot be rolled forward yet."""
    plan = approved(DivisionalPlanFactory(division=org.hr18))
    client.force_login(officer_for(org.hr18, "hr_officer_2018"))
    page = client.get(reverse("plans:plan_roll_forward", args=[plan.pk])).content.decode()
    assert "There is no 2019-20 plan year yet" in page
    assert "Start the" not in page
    assert client.post(reverse("plans:plan_roll_forward", args=[plan.pk])).status_code == 200
    assert Plan.objects.filter(rolled_from=plan).count() == 0
