"""Single sign-on with OpenID Connect (docs/security.md, "Single sign-on"), built on mozilla-django-oidc.

- **Who**: a user is found by one stable claim, ``OIDC_USERNAME_CLAIM`` (``sub`` by default), kept as their
  username. Email and names are copied from the ID token at every sign-in, so a changed email address updates the
  same user and never makes a second one. Users made here have no usable password.
- **Roles**: the role map (kcc_planning/role_map.py) is applied at every sign-in.
- **Sign-out** ends the app session, then sends the browser to the provider's end-session endpoint with the ID
  token as ``id_token_hint``, which ends the provider session and comes back to the sign-in page.
- **Break-glass**: with ``LOCAL_LOGIN_ACCOUNTS`` set, only the accounts it names may sign in with a password.

The pages are in kcc_planning/oidc_views.py. Claims come from the signed, verified ID token rather than
/userinfo: Entra ID puts ``groups`` and ``roles`` only in its tokens (its /userinfo is Microsoft Graph's and has
neither).
"""

import logging
from collections.abc import Mapping
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .role_map import parse_role_map, provider_groups, user_roles_sync

logger = logging.getLogger(__name__)

LOCAL_LOGIN_REFUSED = "Sign in with your council account. Passwords can only be used by named emergency accounts."
SIGN_IN_FAILED = "Single sign-on did not sign you in. Try again, or contact the ICT service desk if it keeps failing."


def single_sign_on_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


@transaction.atomic
def user_update_from_claims(*, user, claims: Mapping) -> None:
    """Copies email and names from the ID token and applies the role map."""
    given, family = claims.get("given_name"), claims.get("family_name")
    if not (given or family) and claims.get("name"):
        given, _, family = str(claims["name"]).partition(" ")
    user.email = claims.get("email") or user.email
    user.first_name = (given or user.first_name)[:150]
    user.last_name = (family or user.last_name)[:150]
    user.save(update_fields=["email", "first_name", "last_name"])
    user_roles_sync(user=user, groups=provider_groups(claims), role_map=parse_role_map(settings.OIDC_ROLE_MAP))


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with users matched by a stable claim and roles from the role map."""

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            # The provider unreachable, or refusing the code (say, an expired client secret): nobody is signed
            # in, and the person is told so on the sign-in page rather than shown a server error.
            logger.warning("OIDC sign-in failed at the provider: %s", error)
            return None

    def get_userinfo(self, access_token, id_token, payload):
        # payload: the ID token's claims, already checked (signature by the provider's JWKS, issuer, audience,
        # expiry, nonce) by verify_token before this is called.
        return payload

    def verify_claims(self, claims):
        if claims.get("_claim_names", {}).get(settings.OIDC_GROUPS_CLAIM):
            # Entra ID's "group overage": too many groups to list, so none are. Refuse rather than strip roles.
            logger.warning("OIDC sign-in refused: the %s claim was left out (overage)", settings.OIDC_GROUPS_CLAIM)
            return False
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=claims[settings.OIDC_USERNAME_CLAIM])

    def describe_user_by_claims(self, claims):
        return f"{settings.OIDC_USERNAME_CLAIM} {claims.get(settings.OIDC_USERNAME_CLAIM)}"

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(username=claims[settings.OIDC_USERNAME_CLAIM])
        user_update_from_claims(user=user, claims=claims)
        return user

    def update_user(self, user, claims):
        user_update_from_claims(user=user, claims=claims)
        return user


class LocalPasswordGate(BaseBackend):
    """Placed just before ModelBackend when ``LOCAL_LOGIN_ACCOUNTS`` is set: refuses a password sign-in by anyone
    it does not name, before the password is checked.

    It raises ValidationError rather than returning None so that every sign-in form built on Django's
    AuthenticationForm (ours, the admin's, the second-factor step's) shows why, instead of "wrong password".
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None  # not a password sign-in
        if settings.LOCAL_LOGIN_ACCOUNTS and username not in settings.LOCAL_LOGIN_ACCOUNTS:
            raise ValidationError(LOCAL_LOGIN_REFUSED, code="local_login_refused")
        return None  # named: ModelBackend, next, checks the password


def axes_ignores_single_sign_on(request, credentials=None) -> bool:
    """``AXES_WHITELIST_CALLABLE``: django-axes counts password guesses, and an SSO callback has no password (the
    provider throttles its own sign-ins). Counted, its failures would all fall under "no username" for an address,
    so a few bad callbacks would shut everyone behind one office address out of single sign-on."""
    return credentials is not None and "nonce" in credentials and not credentials.get("password")


def provider_logout_url(request: HttpRequest) -> str:
    """Where sign-out sends the browser: the provider's end-session endpoint (RP-initiated logout), coming back
    to the sign-in page, when this session came from single sign-on; else the sign-in page itself."""
    back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    id_token = request.session.get("oidc_id_token")
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    if not (single_sign_on_enabled() and endpoint and id_token):
        return back
    query = {"id_token_hint": id_token, "post_logout_redirect_uri": back, "client_id": settings.OIDC_RP_CLIENT_ID}
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


def sign_in_options(request: HttpRequest) -> dict:
    """Template context: whether the sign-in page offers single sign-on and whether passwords are restricted."""
    return {
        "single_sign_on": single_sign_on_enabled(),
        "local_login_restricted": bool(getattr(settings, "LOCAL_LOGIN_ACCOUNTS", [])),
    }
