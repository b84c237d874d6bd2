"""Deployment hardening, Content-Security-Policy headers and password hashing."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from ..factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Runs manage.py in a fresh process, so settings_production is imported from scratch."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environ.update({"DJANGO_SETTINGS_MODULE": "kcc_planning.settings_production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_with_production_settings():
    """`check --deploy --fail-level WARNING` finds nothing with the production settings and a real secret."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="planning.example.gov.uk",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_a_missing_or_short_secret():
    """Production will not start on the development key or a short one."""
    for secret in ("", "too-short"):
        result = run_manage("check", DJANGO_SECRET_KEY=secret, DJANGO_ALLOWED_HOSTS="planning.example.gov.uk")
        assert result.returncode != 0
        assert "Set DJANGO_SECRET_KEY to a random value of at least 50 characters" in result.stderr


def test_production_settings_harden_https_and_cookies():
    """HSTS (2 years, subdomains, preload), HTTPS redirect and secure, HttpOnly, SameSite cookies are on."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, "
        "s.SECURE_REFERRER_POLICY, s.DEBUG, s.SESSION_COOKIE_NAME)",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="planning.example.gov.uk",
        DJANGO_DEBUG="true",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "63072000", "True", "True", "True", "True", "True", "Lax", "True", "True", "DENY", "same-origin",
        "False", "__Host-sessionid",
    ]  # fmt: skip


def test_production_redirects_to_https_and_sends_secure_cookies(tmp_path):
    """Under production settings plain HTTP is redirected, and HTTPS responses carry HSTS and __Host- cookies."""
    production = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "planning.example.gov.uk",
        # Pages name the hashed static files collectstatic makes, as in production.
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    collected = run_manage("collectstatic", "--noinput", "--verbosity", "0", **production)
    assert collected.returncode == 0, collected.stderr
    script = (
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='planning.example.gov.uk')\n"
        "print(c.get('/accounts/login/')['Location'])\n"
        "r = c.get('/accounts/login/', secure=True)\n"
        "print(r['Strict-Transport-Security'])\n"
        "print(r.cookies.output())\n"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        **production,
    )

    assert result.returncode == 0, result.stderr
    location, hsts, cookie = result.stdout.splitlines()[-3:]
    assert location == "https://planning.example.gov.uk/accounts/login/"
    assert hsts == "max-age=63072000; includeSubDomains; preload"
    assert cookie.startswith("Set-Cookie: __Host-csrftoken=")
    assert {"HttpOnly", "Secure", "SameSite=Lax", "Path=/"} <= {part.strip() for part in cookie.split(";")}


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    """Every page has a CSP with object-src 'none' and frame-ancestors 'none', scripts only by origin or nonce."""
    response = client.get(reverse("login"))

    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9+/=]+)'", policy["script-src"]).group(1)
    html = response.content.decode()
    # The one inline script (base.html) carries this response's nonce; every other script is a file.
    assert html.count("<script") == 4
    assert html.count(f'<script nonce="{nonce}">') == 1
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_each_response_gets_a_fresh_nonce(client):
    """A nonce is used once: two page loads get different nonces."""
    first = client.get(reverse("login"))["Content-Security-Policy"]
    second = client.get(reverse("login"))["Content-Security-Policy"]

    assert re.search(r"'nonce-([^']+)'", first).group(1) != re.search(r"'nonce-([^']+)'", second).group(1)


@pytest.fixture
def app_password_hashers(settings):
    """The app's own hashers: the test settings swap in a fast one for every other test."""
    from kcc_planning import settings as app_settings

    settings.PASSWORD_HASHERS = app_settings.PASSWORD_HASHERS


@pytest.mark.django_db
@pytest.mark.usefixtures("app_password_hashers")
def test_new_passwords_are_hashed_with_argon2():
    """Setting a password stores an Argon2id hash, and it checks."""
    user = UserFactory(username="hr_officer")
    user.set_password("a new long passphrase for 2013-14")
    user.save()

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("a new long passphrase for 2013-14")


@pytest.mark.django_db
@pytest.mark.usefixtures("app_password_hashers")
def test_older_hashes_are_upgraded_to_argon2_at_sign_in(client):
    """A user with a PBKDF2 hash from before still signs in, and their hash becomes Argon2."""
    user = UserFactory(username="hr_officer")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()

    response = client.post(reverse("login"), {"username": "hr_officer", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
