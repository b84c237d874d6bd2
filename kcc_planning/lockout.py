"""The page shown when django-axes refuses a sign-in (AXES_LOCKOUT_CALLABLE)."""

import math

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """A GOV.UK page saying when this username may try again from this address (HTTP 429)."""
    username = get_client_username(request, credentials) or ""
    ip_address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    # The wait runs from the last recorded failure for this username + address pair
    # (tries during the lock-out are not recorded: AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    attempts = AccessAttempt.objects.filter(username=username, ip_address=ip_address)
    last_failure = attempts.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    try_again_at = timezone.localtime(last_failure + get_cool_off(request))
    minutes = max(1, math.ceil((try_again_at - timezone.now()).total_seconds() / 60))
    context = {"try_again_at": try_again_at, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
