"""The API's rate limit, by client address, for the feeds' plain Django views (``feeds`` rate, settings_api.py)."""

from __future__ import annotations

import functools

from django.http import HttpResponse
from rest_framework.throttling import SimpleRateThrottle


class FeedThrottle(SimpleRateThrottle):
    """The API's throttling, by client address, for the plain Django views of the feeds."""

    scope = "feeds"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttled(view):
    """Answer 429 with Retry-After once a client has asked for more feeds than the rate allows."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        throttle = FeedThrottle()
        if not throttle.allow_request(request, None):
            response = HttpResponse("Too many requests: try again later.\n", status=429, content_type="text/plain")
            response["Retry-After"] = str(int(throttle.wait() or 60))
            return response
        return view(request, *args, **kwargs)

    return wrapper
