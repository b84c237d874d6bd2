"""Editing a risk is optimistically locked; adding one is idempotent and never a 500 on a reference clash."""

import uuid
from unittest import mock

import pytest
from django.urls import reverse

from kcc_planning.locking import EditConflict
from risks.models import Review, Risk
from risks.services import Ratings, RiskDetails, RiskValidationError, risk_update
from risks.services import risks as risk_services

from ..factories import officer_for
from .factories import ControlFactory, DivisionRegisterFactory, RiskFactory
from .test_views import GOOD_POST

pytestmark = pytest.mark.django_db

EDIT_POST = {
    "reference": "HR1",
    "title": "Payroll system failure",
    "source_cause": "",
    "risk_events": "",
    "consequences": "",
    "next_review_on": "",
    "controls-TOTAL_FORMS": "0",
    "controls-INITIAL_FORMS": "0",
    "actions-TOTAL_FORMS": "0",
    "actions-INITIAL_FORMS": "0",
}


@pytest.fixture
def risk():
    return RiskFactory(register=DivisionRegisterFactory(), reference="HR1", title="Payroll failure")


@pytest.fixture
def officer(risk):
    return officer_for(risk.register.division, "officer")


def test_a_save_bumps_the_version_and_a_stale_one_is_refused(risk):
    """The version goes up with each save; a save from an older version raises and writes nothing."""
    risk_update(risk=risk, details=RiskDetails(reference="HR1", title="First save"), lock_version=1)
    risk.refresh_from_db()
    assert risk.lock_version == 2
    with pytest.raises(EditConflict) as raised:
        risk_update(risk=risk, details=RiskDetails(reference="HR1", title="Stale save"), lock_version=1)
    assert raised.value.saved.title == "First save"
    risk.refresh_from_db()
    assert (risk.title, risk.lock_version) == ("First save", 2)


def test_the_second_editor_gets_the_conflict_page_with_both_versions(client, risk, officer):
    """Two people load the edit page; the second save shows what the first saved and keeps what was typed."""
    ControlFactory(risk=risk, title="Backup payroll bureau")
    client.force_login(officer)
    url = reverse("risks:risk_edit", args=[risk.pk])
    assert 'name="lock_version" value="1"' in client.get(url).content.decode()
    first = client.post(url, {**EDIT_POST, "title": "Their title", "lock_version": "1"})
    assert first.status_code == 302

    second = client.post(url, {**EDIT_POST, "title": "My own title", "lock_version": "1"})
    page = second.content.decode()
    assert second.status_code == 409
    assert "Someone else saved this risk while you were editing" in page
    assert "Their title" in page  # what they saved
    assert "My own title" in page  # what this user typed, still in the form
    assert "Backup payroll bureau" in page  # their controls too
    assert 'name="lock_version" value="2"' in page  # saving again now knowingly replaces theirs
    risk.refresh_from_db()
    assert risk.title == "Their title"

    again = client.post(url, {**EDIT_POST, "title": "My own title", "lock_version": "2"})
    assert again.status_code == 302
    risk.refresh_from_db()
    assert (risk.title, risk.lock_version) == ("My own title", 3)


def test_adding_a_risk_twice_with_one_form_makes_one_risk(client, risk, officer):
    """A double-submitted "Add risk" form: both sends land on the one risk, with one first review."""
    client.force_login(officer)
    url = reverse("risks:risk_create", args=[risk.register.pk])
    token = str(uuid.uuid4())
    first = client.post(url, {**GOOD_POST, "submit_token": token})
    second = client.post(url, {**GOOD_POST, "submit_token": token})
    added = Risk.objects.get(register=risk.register, reference="HR5")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("risks:risk_detail", args=[added.pk])
    assert Review.objects.filter(risk=added).count() == 1


def test_the_add_page_carries_a_fresh_token(client, risk, officer):
    """Each blank add page has its own one-time token."""
    client.force_login(officer)
    url = reverse("risks:risk_create", args=[risk.register.pk])
    assert 'name="submit_token"' in client.get(url).content.decode()


def test_a_second_send_without_a_token_is_a_field_error_not_a_500(client, risk, officer):
    """An old page without a token: the repeat is told the reference is taken, next to the field."""
    client.force_login(officer)
    url = reverse("risks:risk_create", args=[risk.register.pk])
    client.post(url, GOOD_POST)
    response = client.post(url, GOOD_POST)
    assert response.status_code == 200
    assert "HR5 is already used in this register" in response.content.decode()
    assert Risk.objects.filter(register=risk.register, reference="HR5").count() == 1


def test_a_reference_taken_by_a_racing_request_is_a_field_error(risk):
    """The check passed but another request inserted the reference first: a field error, not an IntegrityError."""
    real = risk_services._reference_taken
    calls = []

    def racing(*args, **kwargs):
        # The check before the insert misses the other request's row; later look-ups see it.
        calls.append(args)
        return False if len(calls) == 1 else real(*args, **kwargs)

    with (
        mock.patch.object(risk_services, "_reference_taken", side_effect=racing),
        pytest.raises(RiskValidationError) as raised,
    ):
        risk_services.risk_create(
            register=risk.register, details=RiskDetails(reference="HR1", title="Copy"), ratings=Ratings.in_progress()
        )
    assert "HR1 is already used in this register" in raised.value.fields["reference"][0]
    assert Risk.objects.filter(register=risk.register).count() == 1
