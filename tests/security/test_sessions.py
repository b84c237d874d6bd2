"""Sessions end after 30 minutes idle or 12 hours after sign-in, and get a new key at sign-in."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from kcc_planning.middleware import SIGNED_IN_AT_KEY

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="hr_officer")


@pytest.fixture
def clock():
    """Moves Django's clock (sessions, the lifetime middleware and axes all read timezone.now)."""

    class Clock:
        def __init__(self):
            self.start = timezone.now()
            self.patcher = mock.patch("django.utils.timezone.now", return_value=self.start)
            self.now = self.patcher.start()

        def at(self, delta: timedelta) -> None:
            self.now.return_value = self.start + delta

    clock = Clock()
    yield clock
    clock.patcher.stop()


def sign_in(client):
    response = client.post(reverse("login"), {"username": "hr_officer", "password": PASSWORD})
    assert response.status_code == 302
    return response


def plan_list(client):
    return client.get(reverse("plans:plan_list"))


def is_sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def test_session_key_changes_at_sign_in(client, officer):
    """Signing in rotates the session key, so a key planted or seen before sign-in is worthless afterwards."""
    session = client.session
    session["seen_before_sign_in"] = True
    session.save()
    key_before = session.session_key

    sign_in(client)

    key_after = client.cookies["sessionid"].value
    assert key_after != key_before
    assert not Session.objects.filter(session_key=key_before).exists()
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_idle_session_expires_after_30_minutes(client, officer, clock):
    """A session left alone for just over 30 minutes is over: the next page asks the user to sign in."""
    sign_in(client)
    assert plan_list(client).status_code == 200

    clock.at(timedelta(minutes=30, seconds=1))

    assert is_sent_to_sign_in(plan_list(client))


def test_activity_keeps_the_session_alive(client, officer, clock):
    """Each request restarts the 30-minute idle clock: 29 minutes between pages never signs anyone out."""
    sign_in(client)
    for minutes in (29, 58, 87):
        clock.at(timedelta(minutes=minutes))
        assert plan_list(client).status_code == 200

    clock.at(timedelta(minutes=87 + 31))
    assert is_sent_to_sign_in(plan_list(client))


def test_session_cookie_lasts_30_minutes(client, officer):
    """The browser is told to drop the session cookie after 30 minutes, and it cannot be read by scripts."""
    sign_in(client)
    response = plan_list(client)

    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == 1800
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_active_session_ends_12_hours_after_sign_in(client, officer, clock):
    """However busy the user is, 12 hours after signing in they are signed out and told why."""
    sign_in(client)
    minutes = 0
    while minutes + 25 < 12 * 60:
        minutes += 25
        clock.at(timedelta(minutes=minutes))
        assert plan_list(client).status_code == 200, f"signed out early, at {minutes} minutes"

    clock.at(timedelta(hours=12))
    response = plan_list(client)

    assert is_sent_to_sign_in(response)
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert "You have been signed out because you signed in more than 12 hours ago." in page.content.decode()


def test_signing_in_again_restarts_the_12_hours(client, officer, clock):
    """A fresh sign-in after the 12-hour sign-out gives a fresh 12 hours."""
    sign_in(client)
    clock.at(timedelta(hours=12, minutes=1))
    assert is_sent_to_sign_in(plan_list(client))

    sign_in(client)

    assert client.session[SIGNED_IN_AT_KEY] == (clock.start + timedelta(hours=12, minutes=1)).timestamp()
    assert plan_list(client).status_code == 200


def test_session_signed_in_without_the_login_page_is_still_limited(client, officer, clock):
    """A session created without the sign-in page (force_login) is stamped on its first request and limited too."""
    client.force_login(officer)
    assert plan_list(client).status_code == 200
    assert client.session[SIGNED_IN_AT_KEY] == clock.start.timestamp()

    session = client.session
    session[SIGNED_IN_AT_KEY] = (clock.start - timedelta(hours=12)).timestamp()
    session.save()

    assert is_sent_to_sign_in(plan_list(client))
