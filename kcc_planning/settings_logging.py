"""Logging settings, imported by ``settings.py``: kept apart because they depend on nothing else there."""

import os

# Logs: one JSON object per line on stderr, each with the request id people quote from the 500 page
# (kcc_planning/logs.py; docs/operations.md, "Logs"). Everything goes through the root logger, so
# server errors (django.request, with their traceback), render and pack failures and task logs all land here.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "kcc_planning.logs.RequestContextFilter"}},
    "formatters": {"json": {"()": "kcc_planning.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["request_context"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers (console only when DEBUG, mail to ADMINS) are replaced: its records,
        # 500s from django.request included, propagate to the root handler above.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # The Azure SDK logs every HTTP request of private storage at INFO: only its warnings are news.
        "azure": {"level": "WARNING"},
    },
}
