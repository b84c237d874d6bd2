"""In Chromium: set up an authenticator app, sign in with its code, and reset a forgotten password; every page
passes axe-core and the Nu HTML checker."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ..support.browser import sign_in
from ..support.users import user_in
from .test_totp import code_for, wrong_code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Reset-request counts in a cache of the test's own, not the shared Redis one."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "browser"}}


def test_set_up_and_sign_in_with_an_authenticator_app(live_server, page, page_checker, settings):
    """Set-up shows a QR code and key, the app's code turns it on, backup codes show once; the next sign-in asks."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code is followed at once by the right one
    user_in(None, "hr_officer")
    sign_in(page, live_server, "hr_officer", page_checker)

    page.goto(f"{live_server.url}/accounts/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    page_checker.check(page, "set up an authenticator app")
    device = TOTPDevice.objects.get(user__username="hr_officer")
    page.get_by_label("6-digit code").fill(code_for(device))
    page.get_by_role("button", name="Turn on").click()

    expect(page.locator("#backup-codes li")).to_have_count(10)
    page_checker.check(page, "backup codes")
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/")

    page.get_by_role("button", name="Sign out").click()
    # The drift the server learnt when the set-up code was checked: the code was made a moment before, so on a slow
    # machine it may have been checked in the next 30-second period and accepted as one period behind.
    device.refresh_from_db()
    sign_in(page, live_server, "hr_officer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page_checker.check(page, "enter your security code")
    page.get_by_label("Code from your authenticator app").fill(wrong_code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    page_checker.check(page, "wrong security code")

    page.get_by_label("Code from your authenticator app").fill(code_for(device, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_reset_a_forgotten_password(live_server, page, page_checker):
    """From the sign-in page: ask for a link, open it from the email, choose a new password, sign in with it."""
    officer = user_in(None, "hr_officer")
    officer.email = "hr@example.gov.uk"
    officer.save()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page_checker.check(page, "reset your password")
    page.get_by_label("Email address").fill("hr@example.gov.uk")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page_checker.check(page, "check your email")

    link = re.search(r"http://\S+/accounts/password-reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    page_checker.check(page, "choose a new password")
    page.get_by_label("New password", exact=True).fill("a-new-and-longer-passphrase-42")
    page.get_by_label("Confirm new password").fill("a-new-and-longer-passphrase-42")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password has been changed")
    page_checker.check(page, "password changed")

    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    page_checker.check(page, "used link")
