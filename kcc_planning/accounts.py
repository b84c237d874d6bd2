"""Password reset by email for local accounts (docs/security.md, "Local accounts").

Django's own reset views and token generator, with three changes:

- **No user enumeration**: the request only queues ``kcc_planning.send_password_reset_email`` with the address
  typed, once the transaction commits; the worker looks the address up and sends (or does not). Every valid
  request gets the same redirect to the same page, in the same time, whether or not an account has the address.
- **Rate limited** per client IP address and per email address (``PASSWORD_RESET_RATE_LIMIT`` requests per
  ``PASSWORD_RESET_RATE_WINDOW`` seconds, counted in the cache). Both counts apply to addresses with and without
  accounts alike, so the limit gives nothing away either. Over the limit: the form again, with a message, HTTP 429.
- The link in the email is built from ``SITE_URL``, never from the request's Host header, so a forged header
  cannot point the link at another site.
"""

import hashlib
import logging
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect

from .tasks import send_password_reset_email

logger = logging.getLogger(__name__)

TOO_MANY_REQUESTS = (
    "You have asked for too many password reset emails. Wait an hour before asking again, "
    "or contact the ICT service desk."
)


def _count(key: str) -> int:
    """Adds one to a counter that starts when first counted and is forgotten ``PASSWORD_RESET_RATE_WINDOW`` later."""
    window = settings.PASSWORD_RESET_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def password_reset_allowed(*, ip_address: str, email: str) -> bool:
    """Counts one request from ``ip_address`` for ``email``; False once either has passed the limit."""
    # The address is hashed so the cache holds no email addresses.
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    try:
        counts = [_count(f"password-reset:ip:{ip_address}"), _count(f"password-reset:email:{email_key}")]
    except Exception:
        # The cache is the Redis that is also the broker: while it is down no email could be queued anyway, so
        # letting the request through floods nobody, and the page stays the same as for everyone else.
        logger.exception("Could not count password reset requests: the cache is unavailable")
        return True
    return max(counts) <= settings.PASSWORD_RESET_RATE_LIMIT


def _enqueue(email: str) -> None:
    """Hands the task to the broker (or runs it, when eager). Never raises: the page must not differ."""
    try:
        send_password_reset_email.delay(email=email)
    except Exception:
        logger.exception("Could not queue the password reset email: it will not be sent")


def password_reset_queue(*, email: str) -> None:
    """Queues the reset email for ``email`` once the transaction commits, whether or not an account has it."""
    transaction.on_commit(lambda: _enqueue(email))


class LocalPasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, which only finds active accounts with a usable password, less those that may not use one.

    With ``LOCAL_LOGIN_ACCOUNTS`` set (single sign-on for everyone else: kcc_planning/oidc.py), a password could
    not be used to sign in anyway, so only the named break-glass accounts are sent a link.
    """

    def get_users(self, email):
        allowed = getattr(settings, "LOCAL_LOGIN_ACCOUNTS", [])
        return (user for user in super().get_users(email) if not allowed or user.get_username() in allowed)


def password_reset_email_send(*, email: str) -> None:
    """Emails a reset link to each account that may sign in with a password and has this address (run by the task)."""
    form = LocalPasswordResetForm(data={"email": email})
    if not form.is_valid():
        return
    site = urlsplit(settings.SITE_URL)
    form.save(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        extra_email_context={
            "site_url": settings.SITE_URL,
            "service_name": settings.SERVICE_NAME,
            "council_name": settings.COUNCIL_NAME,
            "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
        },
    )


class LinkLifetimeMixin:
    """Pages that say how long a reset link works (PASSWORD_RESET_TIMEOUT)."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}


class PasswordResetRequestView(LinkLifetimeMixin, auth_views.PasswordResetView):
    """Asks for an email address; queues the email and always sends the user to the same "check your email" page."""

    def form_valid(self, form) -> HttpResponse:
        email = form.cleaned_data["email"]
        if not password_reset_allowed(ip_address=get_client_ip_address(self.request) or "", email=email):
            form.add_error(None, TOO_MANY_REQUESTS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        password_reset_queue(email=email)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(LinkLifetimeMixin, auth_views.PasswordResetDoneView):
    """The same "check your email" page for every address."""


class PasswordResetConfirmView(LinkLifetimeMixin, auth_views.PasswordResetConfirmView):
    """The link from the email: choose a new password. Django's token stops working once the password changes."""
