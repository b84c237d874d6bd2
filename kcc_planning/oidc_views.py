"""The single sign-on pages (kcc_planning/oidc.py has the rules): mozilla-django-oidc's sign-in redirect and
callback at oidc/, and the app's sign-out, which goes on to the provider's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import LogoutView
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .oidc import SIGN_IN_FAILED, provider_logout_url, single_sign_on_enabled


class SignOutView(LogoutView):
    """Django's sign-out, then the provider's: the address is worked out before the session (and its ID token)
    is flushed."""

    def post(self, request, *args, **kwargs):
        provider_url = provider_logout_url(request) if "oidc_id_token" in request.session else None
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


class SignInCallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def login_failure(self):
        messages.error(self.request, SIGN_IN_FAILED)
        return super().login_failure()


def _only_with_single_sign_on(view):
    """With no provider configured the SSO addresses do not exist (rather than fail on missing settings)."""

    def wrapped(request, *args, **kwargs):
        if not single_sign_on_enabled():
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return wrapped


# Included at oidc/ by kcc_planning/urls.py; the names are mozilla-django-oidc's own.
urlpatterns = [
    path(
        "authenticate/",
        _only_with_single_sign_on(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path("callback/", _only_with_single_sign_on(SignInCallbackView.as_view()), name="oidc_authentication_callback"),
]
