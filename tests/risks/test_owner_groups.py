"""Risk owners are chosen from people who hold a post, grouped by directorate; logins that hold none are not offered.

Before: "Risk owner(s)" was one flat list of every person on record, demo logins included (issue 16 item 6).
"""

import pytest
from crispy_forms.utils import render_crispy_form
from django.urls import reverse

from risks.forms import RiskForm
from risks.selectors import register_owner_candidates, register_owner_groups, register_priorities

from ..factories import PASSWORD, DivisionFactory, PersonFactory, PortfolioFactory, officer_for
from .factories import DivisionRegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    director = PersonFactory(name="Amanda Beer", job_title="Corporate Director, Engagement and Development")
    division = DivisionFactory(name="Human Resources", head=director)
    division.directorate.corporate_director = PersonFactory(name="David Cockburn", job_title="Corporate Director")
    division.directorate.name = "Business Strategy & Support"
    division.directorate.save()
    DivisionFactory(directorate=division.directorate, name="ICT", head=PersonFactory(name="Peter Bole", job_title=""))
    PortfolioFactory(plan_year=division.directorate.plan_year, cabinet_member=PersonFactory(name="Roger Gough"))
    PersonFactory(name="Head of Business Intelligence", job_title="")
    officer_for(division, "hr_officer")  # a login that holds no post
    return DivisionRegisterFactory(division=division)


def _names(groups) -> list[tuple[str, list[str]]]:
    return [(legend, [person.name for person, _ in members]) for legend, members in groups]


def test_owners_are_grouped_by_directorate_then_cabinet_members_then_everyone_else(register):
    assert _names(register_owner_groups(register=register)) == [
        ("Business Strategy & Support", ["David Cockburn", "Amanda Beer", "Peter Bole"]),
        ("Cabinet Members", ["Roger Gough"]),
        ("Other people on record", ["Head of Business Intelligence"]),
    ]


def _form(register, risk=None, owners=()):
    return RiskForm(
        None,
        instance=risk,
        initial={"owners": list(owners)},
        people=register_owner_candidates(register=register),
        owner_groups=register_owner_groups(register=register),
        priorities=register_priorities(register=register),
    )


def test_each_group_is_a_fieldset_with_its_legend_and_the_division_named(register):
    html = render_crispy_form(_form(register))

    assert html.count('<fieldset class="govuk-fieldset council-owner-group">') == 3
    assert '<legend class="govuk-fieldset__legend council-owner-group__legend">Cabinet Members</legend>' in html
    assert "Peter Bole (ICT)" in html
    assert 'id="id_owners_1"' in html, "numbered from 1, where the error summary links"
    assert "hr_officer" not in html
    assert "(demo login)" not in html


def test_an_owner_already_chosen_who_is_not_offered_stays_ticked(register):
    """A login chosen before the grouping came in is shown, ticked, so saving never drops an owner unseen."""
    login_person = register.division.officers.get()
    groups = _form(register, owners=[login_person.pk]).fields["owners"].groups

    assert groups[-1][0] == "Already chosen"
    assert groups[-1][1][0]["checked"] is True


def test_the_risk_edit_page_shows_the_groups(client, register):
    risk = RiskFactory(register=register)
    client.login(username="hr_officer", password=PASSWORD)

    page = client.get(reverse("risks:risk_edit", args=[risk.pk])).content.decode()

    assert "Business Strategy &amp; Support</legend>" in page
    assert 'name="owners"' in page
