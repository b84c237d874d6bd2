"""A URLconf for the server-error tests only (ROOT_URLCONF is overridden in them): one view that fails."""

from django.urls import path

from kcc_planning.urls import urlpatterns as app_urlpatterns


class DeliberateFailure(Exception):
    """Raised by the view below, so the test can find it in the log."""


def broken_view(request):
    raise DeliberateFailure("the database fell over")


urlpatterns = [path("test-only/broken/", broken_view), *app_urlpatterns]

handler500 = "kcc_planning.logs.server_error"
