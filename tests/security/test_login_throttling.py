"""Failed sign-ins are throttled per username and IP address together (django-axes)."""

from datetime import timedelta

import pytest
from axes.exceptions import AxesBackendRequestParameterRequired
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFFICE_IP = "192.0.2.10"
HOME_IP = "198.51.100.7"


def sign_in(client: Client, username: str, password: str, ip: str = OFFICE_IP):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client: Client, username: str, ip: str = OFFICE_IP):
    """Five wrong passwords; returns the fifth response."""
    responses = [sign_in(client, username, "wrong password", ip) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    return responses[-1]


@pytest.fixture
def officer():
    return UserFactory(username="hr_officer")


@pytest.fixture
def colleague():
    return UserFactory(username="hr_colleague")


def test_sixth_try_is_refused_even_with_the_right_password(client, officer):
    """After five wrong passwords the username is locked at that address: the right password no longer works."""
    lock_out(client, "hr_officer")

    sixth = sign_in(client, "hr_officer", PASSWORD)

    assert sixth.status_code == 429
    assert not is_signed_in(client)
    assert "You cannot sign in at the moment" in sixth.content.decode()


def test_colleague_behind_the_same_ip_still_signs_in(client, officer, colleague):
    """One person's lock-out does not shut out the rest of an office that shares an IP address."""
    lock_out(client, "hr_officer")

    other_browser = Client()
    response = sign_in(other_browser, "hr_colleague", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home:my_work")
    assert is_signed_in(other_browser)
    assert sign_in(Client(), "hr_officer", PASSWORD).status_code == 429


def test_same_user_from_another_address_still_signs_in(client, officer):
    """The lock is on the username and address together, so someone guessing elsewhere cannot lock a user out."""
    lock_out(client, "hr_officer", ip=OFFICE_IP)

    elsewhere = Client()
    assert sign_in(elsewhere, "hr_officer", PASSWORD, ip=HOME_IP).status_code == 302
    assert is_signed_in(elsewhere)


def test_lock_out_page_says_when_to_try_again(client, officer):
    """The lock-out page is a GOV.UK page giving the time the 15-minute wait ends (UK time), not bare text."""
    response = lock_out(client, "hr_officer")

    last_failure = AccessAttempt.objects.get(username="hr_officer", ip_address=OFFICE_IP).attempt_time
    try_again_at = timezone.localtime(last_failure + timedelta(minutes=15))
    html = response.content.decode()
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert '<h1 class="govuk-heading-xl">You cannot sign in at the moment</h1>' in html
    assert f"You can try again after <strong>{try_again_at:%H:%M}</strong>" in html
    assert "(in 15 minutes)" in html
    assert 'class="council-header"' in html  # the council's layout, not a bare error text


def test_tries_during_the_lock_out_do_not_move_the_time_given(client, officer):
    """Trying again while locked out leaves the promised time true: the wait is not restarted."""
    lock_out(client, "hr_officer")
    before = AccessAttempt.objects.get(username="hr_officer").attempt_time

    sign_in(client, "hr_officer", "another wrong password")
    sign_in(client, "hr_officer", PASSWORD)

    attempt = AccessAttempt.objects.get(username="hr_officer")
    assert attempt.attempt_time == before
    assert attempt.failures_since_start == 5


def test_sign_in_works_again_after_the_cool_off(client, officer):
    """Fifteen minutes after the last failure the right password works again; a minute earlier it does not."""
    lock_out(client, "hr_officer")

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=14))
    assert sign_in(client, "hr_officer", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=1, seconds=1))
    response = sign_in(client, "hr_officer", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_a_successful_sign_in_clears_earlier_failures(client, officer):
    """Four slips then a success start the count again, so four more slips do not lock the user out."""
    for _ in range(4):
        sign_in(client, "hr_officer", "wrong password")
    assert sign_in(client, "hr_officer", PASSWORD).status_code == 302
    client.logout()

    responses = [sign_in(client, "hr_officer", "wrong password") for _ in range(4)]

    assert {r.status_code for r in responses} == {200}
    assert sign_in(client, "hr_officer", PASSWORD).status_code == 302


def test_authenticate_without_a_request_is_refused(officer):
    """The app cannot check a password without the request axes throttles by (only the test client is eased)."""
    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="hr_officer", password=PASSWORD)


def test_test_client_login_still_works(client, officer):
    """client.login() in tests signs in (tests/conftest.py hands it a request), and a wrong password still fails."""
    assert client.login(username="hr_officer", password="wrong password") is False
    assert client.login(username="hr_officer", password=PASSWORD) is True
