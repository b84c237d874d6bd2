"""Password reset by email for local accounts: no user enumeration, rate limited, links that work once and expire."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kcc_planning import accounts

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "a-new-and-longer-passphrase-42"
LINK = re.compile(r"https?://\S+/accounts/password-reset/\S+/\S+/")


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Request counts in a cache of the test's own: with REDIS_URL the app's cache is shared (never to be cleared)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reset"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def officer():
    return UserFactory(username="hr_officer", email="hr.officer@example.gov.uk")


def ask(client, email: str, ip: str = "192.0.2.10"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_known_address_gets_a_link_through_the_task(client, officer, django_capture_on_commit_callbacks, monkeypatch):
    """The request only queues the task (on commit) with the address; the task sends the email with the link."""
    queued = []
    original = accounts.send_password_reset_email.delay
    monkeypatch.setattr(accounts.send_password_reset_email, "delay", lambda **kw: queued.append(kw) or original(**kw))
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "HR.Officer@example.gov.uk")

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert queued == [{"email": "HR.Officer@example.gov.uk"}]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hr.officer@example.gov.uk"]
    assert message.subject == "Reset your password for Kent County Council business planning"
    assert "hr_officer" in message.body
    assert "60 minutes" in message.body
    assert LINK.search(message.body)


def test_unknown_address_gets_the_same_response_and_no_email(client, officer, django_capture_on_commit_callbacks):
    """An address no account has: the same redirect, the same page, one task queued just the same, no email."""
    with django_capture_on_commit_callbacks(execute=True) as known_callbacks:
        known = ask(client, "hr.officer@example.gov.uk")
    with django_capture_on_commit_callbacks(execute=True) as unknown_callbacks:
        unknown = ask(client, "nobody@example.gov.uk")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(known_callbacks) == len(unknown_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["hr.officer@example.gov.uk"]]
    page = client.get(unknown["Location"])
    assert page.status_code == 200
    assert b"If the address you entered belongs to an account" in page.content


def test_the_request_never_looks_the_address_up(client, officer):
    """The request itself makes the same queries for a known and an unknown address, none of them on the user table:
    only the task (after the response, in the worker) finds out whether an account has the address."""
    captured = {}
    for email in (officer.email, "nobody@example.gov.uk"):
        with CaptureQueriesContext(connection) as queries:
            assert ask(client, email).status_code == 302
        captured[email] = [q["sql"] for q in queries]

    known, unknown = captured.values()
    assert len(known) == len(unknown)
    assert not [sql for sql in known + unknown if "auth_user" in sql]


def test_link_is_built_from_site_url_not_the_host_header(client, officer, settings, django_capture_on_commit_callbacks):
    """A forged Host header cannot send the link to another site: it is built from SITE_URL."""
    settings.SITE_URL = "https://planning.example.gov.uk"
    settings.ALLOWED_HOSTS = ["*"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": officer.email}, HTTP_HOST="attacker.example.com")

    link = LINK.search(mail.outbox[0].body).group(0)
    assert link.startswith("https://planning.example.gov.uk/accounts/password-reset/")


def test_inactive_and_break_glass_filtered_accounts_get_nothing(client, settings, django_capture_on_commit_callbacks):
    """Inactive accounts, and (with LOCAL_LOGIN_ACCOUNTS) accounts that may not use a password, are sent no link."""
    UserFactory(username="left", email="left@example.gov.uk", is_active=False)
    UserFactory(username="sso_only", email="sso@example.gov.uk")
    UserFactory(username="break_glass", email="glass@example.gov.uk")
    settings.LOCAL_LOGIN_ACCOUNTS = ["break_glass"]
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("left@example.gov.uk", "sso@example.gov.uk", "glass@example.gov.uk"):
            assert ask(client, email).status_code == 302

    assert [m.to for m in mail.outbox] == [["glass@example.gov.uk"]]


def _link_path(message) -> str:
    return "/" + LINK.search(message.body).group(0).split("/", 3)[3]


def test_link_sets_a_new_password_and_works_only_once(client, officer, django_capture_on_commit_callbacks):
    """The link leads to "Choose a new password"; once used, the new password signs in and the link is dead."""
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, officer.email)
    path = _link_path(mail.outbox[0])

    form_page = client.get(path, follow=True)
    assert b"Choose a new password" in form_page.content
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)

    again = client.get(path, follow=True)
    assert b"This link does not work" in again.content
    assert b"Choose a new password" not in again.content


def test_link_expires_after_password_reset_timeout(client, officer, settings, monkeypatch):
    """A link older than PASSWORD_RESET_TIMEOUT (an hour) no longer opens the form."""
    assert settings.PASSWORD_RESET_TIMEOUT == 3600
    accounts.password_reset_email_send(email=officer.email)
    path = _link_path(mail.outbox[0])
    made_at = PasswordResetTokenGenerator()._now()

    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: made_at + timedelta(minutes=59))
    assert b"Choose a new password" in client.get(path, follow=True).content

    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: made_at + timedelta(minutes=61))
    late = client.get(path, follow=True)
    assert b"This link does not work" in late.content


@pytest.mark.parametrize(
    ("requests", "why"),
    [
        ([("192.0.2.10", f"person{i}@example.gov.uk") for i in range(6)], "one address (IP), many emails"),
        ([(f"192.0.2.{i}", "hr.officer@example.gov.uk") for i in range(6)], "one email, many addresses"),
    ],
)
def test_sixth_request_in_an_hour_is_refused_with_a_message(client, officer, requests, why):
    """Five requests an hour per IP address and per email address; the sixth gets the form again, a message, 429."""
    responses = [ask(client, email, ip) for ip, email in requests]

    assert [r.status_code for r in responses] == [302] * 5 + [429], why
    assert b"You have asked for too many password reset emails" in responses[-1].content
    assert b"govuk-error-summary" in responses[-1].content


def test_limit_applies_alike_to_addresses_without_accounts(client, officer, django_capture_on_commit_callbacks):
    """Refused requests send nothing, and an unknown address is limited exactly as a known one (nothing to learn)."""
    with django_capture_on_commit_callbacks(execute=True):
        known = [ask(client, officer.email, f"192.0.2.{i}").status_code for i in range(6)]
        unknown = [ask(client, "nobody@example.gov.uk", f"198.51.100.{i}").status_code for i in range(6)]

    assert known == unknown == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_mail_server_down_does_not_change_the_page(client, officer, monkeypatch, django_capture_on_commit_callbacks):
    """A send that fails (no broker: run in-process) is logged, never shown: the response is the usual redirect."""

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, officer.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")


def test_sign_in_page_links_to_the_reset(client):
    """The sign-in page offers "Forgotten your password?"."""
    response = client.get(reverse("login"))
    assert f'href="{reverse("password_reset")}"'.encode() in response.content


def test_a_worker_finds_the_email_task():
    """A worker (a fresh interpreter) finds the email task by autodiscovery of the installed apps."""
    script = (
        "from kcc_planning.celery import app; app.loader.import_default_modules(); "
        "print('kcc_planning.send_password_reset_email' in app.tasks)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kcc_planning.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr[-2000:]


def test_cache_down_lets_the_request_through_with_the_usual_page(client, officer, monkeypatch):
    """The cache (Redis, also the broker) being down is logged; the page is the usual one, not a server error."""

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(accounts, "_count", down)
    response = ask(client, officer.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
