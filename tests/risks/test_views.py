"""Register, heat map and risk pages: permissions, forms, errors and what the pages show."""

import pytest
from django.urls import reverse

from risks.models import Control, Register, RegisterLevel, Risk

from ..factories import DivisionFactory, UserFactory, lead_for, officer_for
from .factories import (
    CorporateRegisterFactory,
    DirectorateRegisterFactory,
    DivisionRegisterFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db

GOOD_POST = {
    "reference": "HR5",
    "title": "Payroll system failure",
    "source_cause": "Ageing servers.",
    "risk_events": "Payroll does not run.",
    "consequences": "Staff are not paid.",
    "next_review_on": "30/06/2013",
    "rating-assessment": "assessed",
    "rating-current_likelihood": "3",
    "rating-current_impact": "4",
    "rating-target_likelihood": "2",
    "rating-target_impact": "3",
    "controls-TOTAL_FORMS": "2",
    "controls-INITIAL_FORMS": "0",
    "controls-0-title": "Backup payroll bureau",
    "controls-0-owner": "Head of HR Business Centre",
    "controls-1-title": "Monthly restore test",
    "controls-1-owner": "Director of ICT",
    "actions-TOTAL_FORMS": "1",
    "actions-INITIAL_FORMS": "0",
    "actions-0-title": "Replace servers",
    "actions-0-owner": "Director of ICT",
    "actions-0-due_text": "March 2014",
}


@pytest.fixture
def register():
    return DivisionRegisterFactory()


@pytest.fixture
def officer(register):
    return officer_for(register.division, "officer")


def _login(client, user):
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_sign_in(client, register):
    """Every register page needs a signed-in user."""
    risk = RiskFactory(register=register)
    for url in (
        reverse("risks:register_list"),
        reverse("risks:register_detail", args=[register.pk]),
        reverse("risks:register_heatmap", args=[register.pk]),
        reverse("risks:risk_detail", args=[risk.pk]),
        reverse("risks:risk_create", args=[register.pk]),
        reverse("risks:register_export_csv", args=[register.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_officer_adds_a_risk_with_controls_and_an_action(client, register, officer):
    """A valid form creates the risk, its two controls and action, and its first review; then shows it."""
    response = _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), GOOD_POST)
    risk = Risk.objects.get(register=register, reference="HR5")
    assert response.status_code == 302
    assert response.url == reverse("risks:risk_detail", args=[risk.pk])
    assert (risk.current_score, risk.target_score) == (12, 6)
    assert risk.controls.count() == 2
    assert risk.actions.get().due_on.isoformat() == "2014-03-31"
    page = client.get(reverse("risks:register_detail", args=[register.pk])).content.decode()
    assert "Payroll system failure" in page
    assert 'council-band--medium">Medium' in page


@pytest.mark.parametrize("bad", ["0", "6", "-1", "3.5", "NaN", "", "３", "٣", " ", "1e0", "0x3"])
def test_bad_likelihood_is_refused_with_a_field_error(client, register, officer, bad):
    """Anything but 1-5 is refused next to the field, listed in the error summary, and nothing is saved."""
    data = {**GOOD_POST, "rating-current_likelihood": bad}
    response = _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), data)
    assert response.status_code == 200
    errors = response.context["ratings_form"].errors
    assert list(errors) == ["current_likelihood"]
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_rating-current_likelihood_1"' in page
    assert not Risk.objects.exists()
    assert not Control.objects.exists()


def test_missing_values_are_refused_when_the_risk_is_rated(client, register, officer):
    """Choosing "assessed" with empty ratings asks for each one."""
    data = {**GOOD_POST, "rating-current_impact": "", "rating-target_likelihood": ""}
    response = _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), data)
    assert response.context["ratings_form"].errors == {
        "current_impact": ["Select the current impact."],
        "target_likelihood": ["Select the target residual likelihood."],
    }


def test_assessment_in_progress_needs_no_ratings(client, register, officer):
    """A risk whose assessment is in progress is saved without ratings and shown as such."""
    data = {
        **GOOD_POST,
        "rating-assessment": "in_progress",
        "rating-current_likelihood": "",
        "rating-current_impact": "",
        "rating-target_likelihood": "",
        "rating-target_impact": "",
    }
    _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), data)
    risk = Risk.objects.get(reference="HR5")
    assert risk.assessment_in_progress
    page = client.get(reverse("risks:register_detail", args=[register.pk])).content.decode()
    assert "Risk assessment in progress" in page


def test_bad_row_and_bad_date_show_errors_on_their_fields(client, register, officer):
    """A blank control title in a started row and an impossible review date are refused on their own fields."""
    data = {**GOOD_POST, "controls-1-title": "", "next_review_on": "31/02/2013", "actions-0-due_text": "30/02/2014"}
    response = _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), data)
    assert response.status_code == 200
    assert "next_review_on" in response.context["form"].errors
    assert "title" in response.context["controls"].forms[1].errors
    page = response.content.decode()
    assert 'href="#id_controls-1-title"' in page
    assert not Risk.objects.exists()


def test_duplicate_reference_is_an_error_on_the_reference(client, register, officer):
    """The reference field says the reference is taken; nothing is saved."""
    RiskFactory(register=register, reference="HR5")
    response = _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), GOOD_POST)
    assert response.context["form"].errors["reference"] == [
        "HR5 is already used in this register. Enter a different reference."
    ]
    assert Risk.objects.filter(register=register).count() == 1


def test_add_another_row_keeps_input_and_saves_nothing(client, register, officer):
    """Pressing "Add another control" re-shows the form with a blank row and no errors."""
    data = {**GOOD_POST, "add_row": "controls", "title": ""}
    response = _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), data)
    assert response.status_code == 200
    assert len(response.context["controls"].forms) == 3
    assert response.context["errors"] == []
    assert not Risk.objects.exists()


def test_target_above_current_is_accepted_but_flagged(client, register, officer):
    """The risk is saved and both the register and the risk page flag the target above the current rating."""
    data = {**GOOD_POST, "rating-target_likelihood": "5", "rating-target_impact": "5"}
    _login(client, officer).post(reverse("risks:risk_create", args=[register.pk]), data)
    risk = Risk.objects.get(reference="HR5")
    register_page = client.get(reverse("risks:register_detail", args=[register.pk])).content.decode()
    risk_page = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "Target above current" in register_page
    assert "The target residual rating (25) is above the current rating (12)" in risk_page


def test_another_divisions_officer_cannot_edit_but_can_read(client, register):
    """Edit pages answer 403 to an officer of another division; the register itself is readable."""
    risk = RiskFactory(register=register)
    stranger = officer_for(DivisionFactory(directorate=register.directorate), "stranger")
    _login(client, stranger)
    for url in (
        reverse("risks:risk_create", args=[register.pk]),
        reverse("risks:risk_edit", args=[risk.pk]),
        reverse("risks:risk_review", args=[risk.pk]),
        reverse("risks:risk_delete", args=[risk.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, GOOD_POST).status_code == 403
    assert Risk.objects.get(pk=risk.pk).title == risk.title
    page = client.get(reverse("risks:register_detail", args=[register.pk]))
    assert page.status_code == 200
    assert "Add a risk" not in page.content.decode()
    assert client.get(reverse("risks:risk_detail", args=[risk.pk])).status_code == 200


def test_missing_register_or_risk_is_404(client, officer):
    """Unknown ids are 404, not 500."""
    _login(client, officer)
    assert client.get(reverse("risks:register_detail", args=[999999])).status_code == 404
    assert client.get(reverse("risks:risk_edit", args=[999999])).status_code == 404


def test_directorate_lead_edits_directorate_register_not_divisional(client, register):
    """A directorate lead edits the directorate register; a division's register is its officers'."""
    lead = lead_for(register.directorate, "lead")
    directorate_register = DirectorateRegisterFactory(directorate=register.directorate)
    _login(client, lead)
    assert client.get(reverse("risks:risk_create", args=[directorate_register.pk])).status_code == 200
    assert client.get(reverse("risks:risk_create", args=[register.pk])).status_code == 403


def test_corporate_register_is_edited_by_superusers_only(client, register):
    """Officers and leads read the corporate register; only a superuser edits it."""
    corporate = CorporateRegisterFactory(plan_year=register.plan_year)
    lead = lead_for(register.directorate, "lead")
    _login(client, lead)
    assert client.get(reverse("risks:register_detail", args=[corporate.pk])).status_code == 200
    assert client.get(reverse("risks:risk_create", args=[corporate.pk])).status_code == 403
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    _login(client, admin)
    assert client.get(reverse("risks:risk_create", args=[corporate.pk])).status_code == 200


def test_edit_changes_rows_and_review_changes_ratings(client, register, officer):
    """Editing keeps ratings; recording a review changes them and the register shows the movement."""
    risk = RiskFactory(register=register, reference="HR1")
    _login(client, officer)
    edit = {
        "reference": "HR1",
        "title": "Renamed risk",
        "controls-TOTAL_FORMS": "1",
        "controls-INITIAL_FORMS": "0",
        "controls-0-title": "New control",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    assert client.post(reverse("risks:risk_edit", args=[risk.pk]), edit).status_code == 302
    risk.refresh_from_db()
    assert (risk.title, risk.current_score) == ("Renamed risk", 9)
    review = {
        "reviewed_on": "01/07/2013",
        "note": "Servers failing more often.",
        "rating-assessment": "assessed",
        "rating-current_likelihood": "4",
        "rating-current_impact": "4",
        "rating-target_likelihood": "2",
        "rating-target_impact": "3",
    }
    assert client.post(reverse("risks:risk_review", args=[risk.pk]), review).status_code == 302
    page = client.get(reverse("risks:register_detail", args=[register.pk])).content.decode()
    assert "↑" in page
    assert "Up from 9" in page
    assert "Rating increased since the last review (was 9)" in page
    assert 'council-band--high">High' in page


def test_filters_narrow_the_summary(client, register, officer):
    """Band, owner, overdue review and overdue action filters each narrow the list."""
    import datetime

    from .factories import RiskActionFactory

    low = RiskFactory(
        register=register, reference="L1", current_likelihood=1, current_impact=2, target_likelihood=1, target_impact=1
    )
    high = RiskFactory(register=register, reference="H1", current_likelihood=4, current_impact=5)
    high.next_review_on = datetime.date(2000, 1, 1)
    high.save()
    RiskActionFactory(risk=low, due_on=datetime.date(2000, 1, 31), due_text="January 2000")
    _login(client, officer)
    url = reverse("risks:register_detail", args=[register.pk])

    def refs(query):
        return [risk.reference for risk in client.get(url, query).context["risks"]]

    assert refs({"band": "High"}) == ["H1"]
    assert refs({"band": "Low"}) == ["L1"]
    assert refs({"overdue_review": "on"}) == ["H1"]
    assert refs({"overdue_action": "on"}) == ["L1"]
    assert refs({"band": "Nonsense"}) == ["L1", "H1"]  # unknown filter values show everything


def test_heat_map_counts_current_and_target(client, register, officer):
    """The heat map SVG and its table count each risk in its current and its target cell."""
    RiskFactory(register=register, reference="A1")  # 3 × 3 → 2 × 2
    RiskFactory(
        register=register, reference="A2", current_likelihood=3, current_impact=3, target_likelihood=1, target_impact=2
    )
    RiskFactory(
        register=register,
        reference="A3",
        current_likelihood=None,
        current_impact=None,
        target_likelihood=None,
        target_impact=None,
    )
    response = _login(client, officer).get(reverse("risks:register_heatmap", args=[register.pk]))
    grid = response.context["heat_map"]
    cell = {(c.likelihood, c.impact): c for row in grid.rows for c in row}
    assert cell[(3, 3)].current == ["A1", "A2"]
    assert cell[(2, 2)].target == ["A1"]
    assert cell[(1, 2)].target == ["A2"]
    assert grid.in_progress == ["A3"]
    page = response.content.decode()
    assert page.count('role="img"') == 2
    assert "Likelihood: Possible (3)" in page
    assert "2</strong> risks (A1, A2)" in page
    assert "Not on the maps, because their risk assessment is in progress: A3." in page


def test_register_list_offers_to_start_own_units_register(client, officer):
    """An officer sees their division's register and can start one for a division without one."""
    division = DivisionFactory()
    officer.person.division_officer_roles.add(division)
    _login(client, officer)
    page = client.get(reverse("risks:register_list"))
    assert any(unit_id == division.pk for _, unit_id, _ in page.context["startable"])
    response = client.post(reverse("risks:register_start"), {"level": "division", "unit": str(division.pk)})
    new = Register.objects.get(level=RegisterLevel.DIVISION, division=division)
    assert response.url == reverse("risks:register_detail", args=[new.pk])
    stranger_division = DivisionFactory()
    assert (
        client.post(
            reverse("risks:register_start"), {"level": "division", "unit": str(stranger_division.pk)}
        ).status_code
        == 403
    )
    assert client.post(reverse("risks:register_start"), {"level": "division", "unit": "٣"}).status_code == 404


def test_delete_removes_the_risk(client, register, officer):
    """Removing a risk needs a POST from someone who may edit the register."""
    risk = RiskFactory(register=register)
    _login(client, officer)
    assert client.get(reverse("risks:risk_delete", args=[risk.pk])).status_code == 200
    assert Risk.objects.filter(pk=risk.pk).exists()
    client.post(reverse("risks:risk_delete", args=[risk.pk]))
    assert not Risk.objects.filter(pk=risk.pk).exists()


def test_user_text_is_escaped(client, register, officer):
    """Text typed into a risk is shown as text, never as markup."""
    RiskFactory(register=register, title="<script>alert(1)</script>")
    page = _login(client, officer).get(reverse("risks:register_detail", args=[register.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
