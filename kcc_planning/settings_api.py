"""The open data API and feeds (committees/api/, ADR 0006): read-only, anonymous, paginated and rate-limited.

No authentication class: the API only ever shows what a public page shows, so it never reads a session (and
so needs no CSRF exemption or token handling). Every client is throttled by address through the default cache
(Redis when REDIS_URL is set, so the limit holds across gunicorn workers). Behind a reverse proxy
(``DJANGO_BEHIND_PROXY``, ``DJANGO_PROXY_COUNT``) the production settings count the client's own address.
"""

import os

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_RATE", "120/minute"),
        "feeds": os.environ.get("DJANGO_FEED_RATE", "60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Committees open data API",
    "DESCRIPTION": (
        "Read-only data about Cabinet Committees, their meetings, public agendas and published minutes, executive "
        "decisions and the Forward Plan of key decisions. Exempt (private) content is never included. Shapes follow "
        "Popolo and Open Civic Data where they fit (ADR 0006)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
