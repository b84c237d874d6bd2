"""Celery application.

With no ``REDIS_URL`` the settings make tasks run eagerly in-process, so the
app works on a laptop with nothing else running.

A worker started as ``celery -A kcc_planning worker`` defaults to the production settings, which refuse to
start without ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``; ``make worker`` names the development
settings explicitly. Whoever imports this module first with ``DJANGO_SETTINGS_MODULE`` set (manage.py,
pytest) keeps theirs.
"""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc_planning.settings_production")

app = Celery("kcc_planning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _log_through_django(**kwargs) -> None:
    """Workers log through Django's LOGGING (JSON lines on stderr, docs/operations.md) instead of Celery's own."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
