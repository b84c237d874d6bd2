"""Session lifetime limits that Django's own settings cannot express.

Django gives the idle limit (``SESSION_COOKIE_AGE`` with ``SESSION_SAVE_EVERY_REQUEST``
pushes the expiry on at every request), but nothing stops an active session living
for ever. This middleware adds the absolute limit: people are signed out a fixed
time after they signed in, however busy they have been (docs/security.md).
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SIGNED_IN_AT_KEY = "kcc_signed_in_at"


class SessionLifetimeMiddleware:
    """Signs a user out once ``SESSION_ABSOLUTE_LIMIT_SECONDS`` have passed since they signed in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        was_signed_in = request.user.is_authenticated
        if was_signed_in:
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
            limit = settings.SESSION_ABSOLUTE_LIMIT_SECONDS
            if signed_in_at is not None and timezone.now().timestamp() - signed_in_at >= limit:
                logout(request)
                messages.info(
                    request,
                    f"You have been signed out because you signed in more than {limit // 3600} hours ago. "
                    "Sign in again to carry on.",
                )
                return redirect_to_login(request.get_full_path())

        response = self.get_response(request)

        # Stamped on the way out so the request that signs in (login() has just set
        # request.user and rotated the session key) records the moment itself. A session
        # signed in without passing through a view (force_login in tests) is stamped on
        # its first request.
        if request.user.is_authenticated and (not was_signed_in or SIGNED_IN_AT_KEY not in request.session):
            request.session[SIGNED_IN_AT_KEY] = timezone.now().timestamp()
        return response
