"""Single sign-on through a real OpenID Connect provider (oidc-provider under Node, started by the test).

The app talks to the provider over HTTP exactly as it would to Entra ID: the authorisation redirect, the code
exchange at /token, the provider's keys at /jwks to check the ID token, and /session/end to sign out there.
Only the provider's login form is replaced, by signing in the account the test names (tests/support/oidc_provider.mjs).
"""

import json
import re

import pytest
import requests
from django.contrib.auth.models import Group, User
from django.core.exceptions import ImproperlyConfigured
from playwright.sync_api import expect

from kcc_planning.oidc import LOCAL_LOGIN_REFUSED, SIGN_IN_FAILED, axes_ignores_single_sign_on
from kcc_planning.roles import Role

from ..factories import PASSWORD, UserFactory
from ..support.oidc import (
    app_path,
    app_settings,
    apply_settings,
    confirm_provider_sign_out,
    follow_provider,
    running_oidc_provider,
    sign_in,
)

ALICE = "5e3a41c0-alice"
BOB = "7f0b22d9-bob"
ACCOUNTS = {
    ALICE: {
        "email": "alice.ashford@kent.example",
        "name": "Alice Ashford",
        "given_name": "Alice",
        "family_name": "Ashford",
        "groups": ["sg-bp-policy", "sg-all-staff"],
    },
    BOB: {"email": "bob.brook@kent.example", "name": "Bob Brook", "groups": ["sg-all-staff"]},
}
ROLE_MAP = {
    "sg-bp-policy": "Policy team",
    "sg-bp-democratic": ["Democratic services", "Committee members"],
    "sg-bp-admins": "Administrators",
}


@pytest.fixture
def provider(tmp_path):
    with running_oidc_provider(tmp_path, "http://testserver", ACCOUNTS) as running:
        yield running


@pytest.fixture
def sso(provider, settings):
    apply_settings(settings, provider.environ(OIDC_ROLE_MAP=json.dumps(ROLE_MAP)))
    return provider


@pytest.fixture
def idp_session():
    """The user's browser as the provider sees it: its cookies are the provider session."""
    with requests.Session() as session:
        yield session


def _roles(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


@pytest.mark.django_db
def test_sign_in_creates_the_user_with_the_mapped_roles(sso, client, idp_session):
    """First sign-in: a user named by the provider's ``sub``, with email and names from the ID token, no usable
    password, and the app role their provider group maps to (an unmapped group gives nothing)."""
    response = sign_in(client, idp_session, ALICE)

    assert response.status_code == 302
    assert response["Location"] == "/"  # My work first (issue 16)
    user = User.objects.get(username=ALICE)
    assert (user.email, user.first_name, user.last_name) == ("alice.ashford@kent.example", "Alice", "Ashford")
    assert not user.has_usable_password()
    assert _roles(user) == {Role.POLICY_TEAM.value}
    assert client.session["_auth_user_backend"] == "kcc_planning.oidc.CouncilOIDCBackend"
    assert client.get("/plans/").status_code == 200


@pytest.mark.django_db
def test_next_sign_in_updates_roles_and_email_of_the_same_user(sso, client, idp_session):
    """Groups changed at the provider are applied at the next sign-in: mapped roles added and removed, a group
    given by hand in the app kept; a changed email address updates the same user rather than making another."""
    sign_in(client, idp_session, ALICE)
    alice = User.objects.get(username=ALICE)
    alice.groups.add(Group.objects.create(name="Risk champions"))
    sso.set_accounts(
        {
            **ACCOUNTS,
            ALICE: {**ACCOUNTS[ALICE], "email": "alice.ashford@kent.gov.example", "groups": ["sg-bp-democratic"]},
        }
    )

    client.post("/accounts/logout/")
    response = sign_in(client, requests.Session(), ALICE)

    assert response.status_code == 302
    assert User.objects.filter(username=ALICE).count() == 1
    assert User.objects.count() == 1
    alice.refresh_from_db()
    assert alice.email == "alice.ashford@kent.gov.example"
    assert _roles(alice) == {"Democratic services", "Committee members", "Risk champions"}


@pytest.mark.django_db
def test_user_in_no_mapped_group_gets_no_role(sso, client, idp_session):
    """Signed in, but with no app role: the provider's groups are not the app's unless the map says so."""
    response = sign_in(client, idp_session, BOB)

    assert response.status_code == 302
    bob = User.objects.get(username=BOB)
    assert (bob.first_name, bob.last_name) == ("Bob", "Brook")
    assert _roles(bob) == set()


@pytest.mark.django_db
def test_sign_out_ends_the_app_session_and_the_provider_session(sso, client, idp_session):
    """Sign-out ends the app session, then sends the browser to the provider's end-session endpoint with the
    ID token as hint; after confirming there, the provider asks for a login again at the next /auth."""
    sign_in(client, idp_session, ALICE)
    # While the provider session lasts, a new sign-in goes straight back to the app: no login asked.
    again = client.get("/oidc/authenticate/")["Location"]
    assert follow_provider(idp_session, again, "http://testserver").startswith("http://testserver/oidc/callback/?code=")

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(sso.discovery["end_session_endpoint"] + "?")
    assert "id_token_hint=" in end_session
    assert client.get("/plans/")["Location"].startswith("/accounts/login/")
    assert confirm_provider_sign_out(idp_session, end_session) == "http://testserver/accounts/login/"
    after = idp_session.get(client.get("/oidc/authenticate/")["Location"], allow_redirects=False)
    assert re.match(r"^/interaction/[\w-]+$", after.headers["Location"]), after.headers["Location"]


@pytest.mark.django_db
def test_a_failed_code_exchange_signs_nobody_in(provider, settings, client, idp_session):
    """With the wrong client secret the provider refuses the code at /token: nobody is signed in and the
    sign-in page says so."""
    apply_settings(settings, provider.environ(OIDC_RP_CLIENT_SECRET="not-the-secret"))

    response = sign_in(client, idp_session, ALICE)

    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert SIGN_IN_FAILED in client.get("/accounts/login/").content.decode()
    assert not User.objects.filter(username=ALICE).exists()


@pytest.mark.django_db
def test_failed_sign_ins_do_not_lock_single_sign_on_out(provider, settings, client, idp_session):
    """django-axes counts password guesses only: more failed callbacks than its limit from one address (all
    "no username") leave single sign-on working for the next person there."""
    apply_settings(settings, provider.environ(OIDC_RP_CLIENT_SECRET="not-the-secret"))
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, idp_session, ALICE)
    assert "_auth_user_id" not in client.session

    apply_settings(settings, provider.environ())
    assert sign_in(client, idp_session, ALICE)["Location"] == "/"
    assert client.session["_auth_user_backend"] == "kcc_planning.oidc.CouncilOIDCBackend"


@pytest.mark.django_db
def test_a_forged_state_is_refused(sso, client, idp_session):
    """A callback whose state this browser's session never asked for is refused (HTTP 400), nobody signed in."""
    start = client.get("/oidc/authenticate/")
    callback = follow_provider(idp_session, f"{start['Location']}&login_hint={ALICE}", "http://testserver")

    response = client.get(app_path(callback).replace("state=", "state=forged"))

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_single_sign_on_without_its_endpoints_stops_the_app_starting():
    """A client id without the provider's endpoints is a configuration error at start-up, named as such."""
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_TOKEN_ENDPOINT"):
        app_settings({"OIDC_RP_CLIENT_ID": "kcc-planning"})


def test_the_settings_order_the_backends_and_allow_the_provider_sign_out():
    """From the environment: axes first (a locked-out address is refused before anything else), then sign-on,
    the break-glass gate just before the password backend; the provider's origin joins CSP form-action."""
    made = app_settings(
        {
            "OIDC_RP_CLIENT_ID": "kcc-planning",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.microsoftonline.com/t/oauth2/v2.0/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": "https://login.microsoftonline.com/t/oauth2/v2.0/token",
            "OIDC_OP_JWKS_ENDPOINT": "https://login.microsoftonline.com/t/discovery/v2.0/keys",
            "OIDC_OP_LOGOUT_ENDPOINT": "https://login.microsoftonline.com/t/oauth2/v2.0/logout",
            "LOCAL_LOGIN_ACCOUNTS": "breakglass",
        }
    )

    assert made["AUTHENTICATION_BACKENDS"] == [
        "axes.backends.AxesStandaloneBackend",
        "kcc_planning.oidc.CouncilOIDCBackend",
        "rules.permissions.ObjectPermissionBackend",
        "kcc_planning.oidc.LocalPasswordGate",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert made["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"] == [
        "'self'",
        "https://login.microsoftonline.com",
    ]
    assert made["LOCAL_LOGIN_ACCOUNTS"] == ["breakglass"]


@pytest.mark.django_db
def test_a_deactivated_user_is_not_signed_in(sso, client, idp_session):
    """Deactivating someone in the app keeps them out, whatever the provider says."""
    User.objects.create_user(username=ALICE, is_active=False)

    sign_in(client, idp_session, ALICE)

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_break_glass_only_named_accounts_may_use_a_password(settings, client):
    """With LOCAL_LOGIN_ACCOUNTS set, a password sign-in by anyone else is refused with a message saying to use
    the council account, before the password is checked; a named account signs in with its password."""
    apply_settings(settings, {"LOCAL_LOGIN_ACCOUNTS": "breakglass, second-admin"})
    UserFactory(username="breakglass")
    UserFactory(username="officer")

    refused = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert refused.status_code == 200
    assert LOCAL_LOGIN_REFUSED in refused.content.decode()
    assert "_auth_user_id" not in client.session

    wrong = client.post("/accounts/login/", {"username": "breakglass", "password": "wrong"})
    assert wrong.status_code == 200
    assert LOCAL_LOGIN_REFUSED not in wrong.content.decode()

    allowed = client.post("/accounts/login/", {"username": "breakglass", "password": PASSWORD})
    assert allowed.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"


@pytest.mark.django_db
def test_without_oidc_settings_passwords_work_as_before(client):
    """The embedded default: no SSO button, no SSO addresses, password sign-in and sign-out as they were."""
    page = client.get("/accounts/login/").content.decode()
    assert "/oidc/authenticate/" not in page
    assert client.get("/oidc/authenticate/").status_code == 404
    UserFactory(username="officer")

    assert client.post("/accounts/login/", {"username": "officer", "password": PASSWORD}).status_code == 302
    assert client.post("/accounts/logout/")["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_sign_in_and_out_through_the_provider(page, live_server, page_checker, tmp_path, settings):
    """Chromium: the sign-in page with the SSO button (axe-core and Nu clean), through the provider and back
    signed in, then sign-out through the provider's confirmation back to the sign-in page."""
    with running_oidc_provider(tmp_path, live_server.url, ACCOUNTS) as provider:
        apply_settings(
            settings, provider.environ(OIDC_ROLE_MAP=json.dumps(ROLE_MAP), LOCAL_LOGIN_ACCOUNTS="breakglass")
        )
        page.goto(f"{live_server.url}/accounts/login/")
        page_checker.check(page, "sign in with SSO")

        page.get_by_role("button", name="Sign in with your Kent County Council account").click()
        expect(page).to_have_url(f"{live_server.url}/")
        assert _roles(User.objects.get(username=ALICE)) == {Role.POLICY_TEAM.value}

        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("button", name="Yes, sign me out").click()
        expect(page).to_have_url(f"{live_server.url}/accounts/login/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_axes_still_counts_every_password_sign_in():
    """Only single sign-on callbacks (a nonce, no password) are left out of django-axes' counting."""
    callback = {"username": None, "password": None, "nonce": "n0nce", "code_verifier": "v"}
    assert axes_ignores_single_sign_on(None, callback)
    assert not axes_ignores_single_sign_on(None, {"username": "officer", "password": "********************"})
    assert not axes_ignores_single_sign_on(None, {"username": "officer", "password": "x", "nonce": "n0nce"})
    assert not axes_ignores_single_sign_on(None, None)
