"""Celery application.

With no ``REDIS_URL`` the settings make tasks run eagerly in-process, so the
app works on a laptop with nothing else running.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc_planning.settings")

app = Celery("kcc_planning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
