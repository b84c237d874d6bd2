"""The optional TOTP second factor for local accounts (django-otp; docs/security.md, "Local accounts").

- A user who signed in **with a password** (the session's backend is one of ``OTP_PASSWORD_BACKENDS``) and has a
  confirmed device must give a code from their authenticator app (or a backup code) before any other page.
- ``OTP_REQUIRED_FOR`` ("none", "administrators" or "all") says who must have a device: those who have none are
  sent to set one up, again before any other page.
- Single sign-on sessions are never asked: the identity provider does its own multi-factor authentication.

Codes are checked by django-otp, which refuses a TOTP code already used (``last_t``) and slows guessing down
(each failure doubles the wait before the device accepts another try: ``OTP_*_THROTTLE_FACTOR``).
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import is_administrator

TOTP_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"
# Authenticator apps show six digits; backup codes (StaticToken.random_token) are eight letters and digits.
TOTP_CODE = re.compile(r"^\d{6}$")
# Set when a password sign-in with no device is let through; signing out (or in again) flushes the session.
NOTHING_ASKED_SESSION_KEY = "kcc_otp_nothing_asked"


@receiver(user_logged_in, dispatch_uid="kcc_otp_settle_at_sign_in")
def _settle_at_sign_in(sender, request, user, **kwargs) -> None:
    """At a password sign-in, settle once whether the session is asked for nothing (no device, not required), so
    no page of the session pays for the device lookup (``OTPRequiredMiddleware`` reads the answer)."""
    session = getattr(request, "session", None)
    if session is None or session.get(BACKEND_SESSION_KEY) not in settings.OTP_PASSWORD_BACKENDS:
        return
    if not user_has_device(user) and not otp_required_for(user):
        session[NOTHING_ASKED_SESSION_KEY] = settings.OTP_REQUIRED_FOR


def signed_in_with_password(request: HttpRequest) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) in settings.OTP_PASSWORD_BACKENDS


def otp_required_for(user) -> bool:
    """Whether ``user`` must have a second factor (when they sign in with a password)."""
    policy = settings.OTP_REQUIRED_FOR
    if policy == "all":
        return True
    if policy == "administrators":
        # Staff reach the Django admin; administrators (superusers, the Administrators group) everything in the apps.
        return user.is_staff or is_administrator(user)
    return False


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def otp_verify(*, user, code: str) -> Device | None:
    """The confirmed device ``code`` is good for (a backup code is used up), or None.

    Six digits are tried on the TOTP device only and anything else on the backup codes only, so a backup code
    does not count as a failed TOTP try (which would slow the next real code down).
    """
    code = normalise_code(code)
    wanted = TOTPDevice if TOTP_CODE.match(code) else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, wanted) and device.verify_token(code):
                return device
    return None


def totp_device_unconfirmed(*, user) -> TOTPDevice:
    """The device being set up: the same secret until confirmed, so reloading the page keeps the QR code valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms ``device`` if ``code`` is right and gives a fresh set of backup codes; None if the code is wrong.

    Any older devices of the user are removed: one authenticator app and one set of backup codes at a time.
    """
    if not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=device.user).delete()
    backup = StaticDevice.objects.create(user=device.user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.OTP_STATIC_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


class OTPRequiredMiddleware:
    """Keeps a password sign-in on the code (or set-up) page until the second factor is passed.

    After ``django_otp.middleware.OTPMiddleware`` (``request.user.is_verified``) and the session middlewares.
    """

    # Pages a half-signed-in user may still reach (the set-up page checks for itself whether it may be used).
    ALLOWED_URL_NAMES = ("otp_verify", "otp_setup", "otp_backup_codes", "logout")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and signed_in_with_password(request)
            and not user.is_verified()
            # Found to need nothing under this policy earlier in this sign-in: no device queries on every request.
            and request.session.get(NOTHING_ASKED_SESSION_KEY) != settings.OTP_REQUIRED_FOR
            and request.path not in {reverse(name) for name in self.ALLOWED_URL_NAMES}
        ):
            if user_has_device(user):
                return redirect_to_login(request.get_full_path(), reverse("otp_verify"))
            if otp_required_for(user):
                return redirect_to_login(request.get_full_path(), reverse("otp_setup"))
            request.session[NOTHING_ASKED_SESSION_KEY] = settings.OTP_REQUIRED_FOR
        return self.get_response(request)
