"""The optional TOTP second factor for local accounts: set-up, the code after the password, backup codes, the
OTP_REQUIRED_FOR policy, and single sign-on sessions that are never asked."""

import re
import time
from base64 import b32encode

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kcc_planning.otp import totp_device_confirm, totp_device_unconfirmed
from kcc_planning.roles import Role

from ..factories import PASSWORD, UserFactory
from ..support.users import user_in

pytestmark = pytest.mark.django_db

PLANS = "/plans/"


class SingleSignOnBackend(ModelBackend):
    """Stands in for the OpenID Connect backend: any session backend that is not a password one."""


SSO_BACKEND = f"{__name__}.SingleSignOnBackend"


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding the device's key shows now (or ``steps_ahead`` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """Six digits the app does not show now, nor one period either side (the tolerance for clock drift)."""
    valid = {code_for(device, steps) for steps in (-1, 0, 1)}
    return next(code for code in (f"{n:06d}" for n in range(1, 10)) if code not in valid)


def with_authenticator(user) -> tuple[TOTPDevice, list[str]]:
    device = totp_device_unconfirmed(user=user)
    codes = totp_device_confirm(device=device, code=code_for(device))
    assert codes is not None
    return device, codes


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password was refused"
    return response


def verify_url(next_url: str = PLANS) -> str:
    return f"{reverse('otp_verify')}?next={next_url}"


@pytest.fixture
def officer():
    return user_in(None, "hr_officer")


def test_set_up_with_a_real_code_then_backup_codes_shown_once(client, officer):
    """The set-up page shows the key (and a QR code, inline SVG); the app's code turns it on; backup codes once."""
    sign_in(client, officer)
    page = client.get(reverse("otp_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert secret in page.content.decode().replace(" ", "")
    assert b'<svg role="img" aria-label="QR code' in page.content
    assert client.get(reverse("otp_setup")).content.decode().replace(" ", "").count(secret) == 1, "same key on reload"

    confirmed = client.post(reverse("otp_setup"), {"code": code_for(device)})
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith(reverse("otp_backup_codes"))
    device.refresh_from_db()
    assert device.confirmed

    shown = client.get(confirmed["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert client.get(confirmed["Location"]).status_code == 302, "shown once only"
    # Set up in this session: it counts as verified, nothing more is asked.
    assert client.get(PLANS).status_code == 200


def test_wrong_code_at_set_up_is_refused(client, officer):
    """A wrong code does not turn the device on."""
    sign_in(client, officer)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=officer)
    response = client.post(reverse("otp_setup"), {"code": wrong_code_for(device)})
    assert response.status_code == 400
    assert b"The code is not right" in response.content
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_sign_in_asks_for_the_code_and_a_wrong_one_is_refused(client, officer, settings):
    """With an authenticator app, the password leads to the code page; nothing else opens until a right code."""
    # django-otp makes a device wait (1 s, doubling) after each failure; this test gives the right code at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _ = with_authenticator(officer)
    sign_in(client, officer)

    asked = client.get(PLANS)
    assert asked.status_code == 302
    assert asked["Location"] == verify_url()
    assert client.get(reverse("admin:index")).status_code == 302

    wrong = client.post(verify_url(), {"code": wrong_code_for(device)})
    assert wrong.status_code == 400
    assert b"The code is not right" in wrong.content
    assert client.get(PLANS).status_code == 302

    # The code of the next period: the current one was used at set-up, and a used code never works twice.
    right = client.post(verify_url(), {"code": code_for(device, steps_ahead=1)})
    assert right.status_code == 302
    assert right["Location"] == PLANS
    assert client.get(PLANS).status_code == 200


def test_a_used_code_is_refused(client, officer):
    """The code used at set-up cannot be used again to sign in (replay)."""
    device = totp_device_unconfirmed(user=officer)
    used = code_for(device)
    assert totp_device_confirm(device=device, code=used) is not None
    sign_in(client, officer)

    assert client.post(verify_url(), {"code": used}).status_code == 400
    assert client.get(PLANS).status_code == 302


def test_backup_code_works_once(client, officer, settings):
    """A backup code stands in for the app's code, once; used again, it is refused."""
    _, codes = with_authenticator(officer)
    sign_in(client, officer)
    used = client.post(verify_url(), {"code": codes[0].upper()})
    assert used.status_code == 302
    assert client.get(PLANS).status_code == 200
    assert StaticToken.objects.filter(device__user=officer).count() == 9

    client.post(reverse("logout"))
    sign_in(client, officer)
    again = client.post(verify_url(), {"code": codes[0]})
    assert again.status_code == 400
    assert client.get(PLANS).status_code == 302


def test_half_signed_in_user_cannot_replace_the_device(client, officer):
    """Knowing the password is not enough to set up another app: the set-up page sends to the code page."""
    with_authenticator(officer)
    sign_in(client, officer)

    response = client.get(reverse("otp_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp_verify"))
    assert client.post(reverse("otp_setup"), {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=officer).count() == 1


@pytest.mark.parametrize(
    ("policy", "role", "superuser", "sent_to_set_up"),
    [
        ("none", Role.ADMINISTRATOR, False, False),
        ("administrators", Role.ADMINISTRATOR, False, True),
        ("administrators", None, True, True),
        ("administrators", Role.POLICY_TEAM, False, False),
        ("all", Role.POLICY_TEAM, False, True),
    ],
)
def test_required_policy_sends_users_without_a_device_to_set_up(
    client, settings, policy, role, superuser, sent_to_set_up
):
    """OTP_REQUIRED_FOR: those who must have a second factor and have none are sent to set-up before anything else."""
    settings.OTP_REQUIRED_FOR = policy
    user = user_in(role, "someone")
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    sign_in(client, user)

    response = client.get(PLANS)
    if sent_to_set_up:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('otp_setup')}?next={PLANS}"
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert b"must use an authenticator app" in page.content
    else:
        assert response.status_code == 200


def test_single_sign_on_users_are_not_asked(client, officer, settings):
    """A session signed in through single sign-on is never asked for a code, with a device or when one is required."""
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, SSO_BACKEND]
    settings.OTP_REQUIRED_FOR = "all"
    with_authenticator(officer)
    newcomer = user_in(None, "newcomer")

    for user in (officer, newcomer):
        client.force_login(user, backend=SSO_BACKEND)
        assert client.get(PLANS).status_code == 200
        status = client.get(reverse("otp_setup"))
        assert b"You signed in with your council account" in status.content
        client.post(reverse("logout"))


def test_admin_can_remove_a_lost_authenticator(client, officer):
    """An administrator deletes the user's devices in the Django admin; the user then signs in with the password."""
    device, _ = with_authenticator(officer)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    for model, pk in (
        ("otp_totp/totpdevice", device.pk),
        ("otp_static/staticdevice", officer.staticdevice_set.get().pk),
    ):
        response = client.post(f"/admin/{model}/{pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
    client.post(reverse("logout"))

    sign_in(client, officer)
    assert client.get(PLANS).status_code == 200


def test_admin_pages_do_not_show_keys_or_backup_codes(client, officer):
    """The admin lists a user's devices to remove them, but shows neither the TOTP key nor the backup codes."""
    device, codes = with_authenticator(officer)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    static = officer.staticdevice_set.get()

    totp_page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    static_page = client.get(f"/admin/otp_static/staticdevice/{static.pk}/change/").content.decode()
    assert "hr_officer" in totp_page
    assert device.key not in totp_page
    assert not [code for code in codes if code in static_page]


def test_without_a_device_the_check_is_made_once_per_sign_in(client, officer, settings):
    """No device and none required: looked up once, at sign-in, never on a page (but again if the policy
    changes)."""
    with CaptureQueriesContext(connection) as queries:
        sign_in(client, officer)
    assert any("otp_" in query["sql"] for query in queries)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PLANS).status_code == 200
        assert not [query for query in queries if "otp_" in query["sql"]]

    settings.OTP_REQUIRED_FOR = "all"
    assert client.get(PLANS)["Location"].startswith(reverse("otp_setup"))
