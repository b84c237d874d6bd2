"""``/healthz`` and ``/readyz`` for a load balancer or an orchestrator (docs/operations.md, "Health checks").

* ``/healthz``: the process is alive and can answer. It touches nothing else, so a slow database never gets a
  healthy web process restarted.
* ``/readyz``: this process can do its work: the database answers, the broker answers (when there is one: with no
  ``REDIS_URL`` tasks run in-process) and private storage can be written. 503 when any cannot, so the balancer
  sends people elsewhere.

Answered by a middleware placed first, before the host check and the HTTPS redirect: a balancer probes by the
machine's own address over plain HTTP, and must get the answer rather than a 400 or a redirect. The answer says
only which check failed, never why (that goes to the log), so it gives nothing away to whoever asks.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2.0
PATHS = {"/healthz", "/readyz"}


def _database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not used"  # tasks run in this process: there is no broker to reach
    from .celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


def _storage() -> None:
    # Writing (and removing) a small file is the only sure test: a read-only or full volume, or a blob container
    # whose key was revoked, still "exists". Through the storage API, as every stored file is (documents.storage).
    private = storages["private"]
    name = private.save(f".readyz-{uuid.uuid4().hex}", ContentFile(b"ready"))
    private.delete(name)


CHECKS: dict[str, Callable[[], str | None]] = {"database": _database, "broker": _broker, "storage": _storage}


def readiness() -> tuple[bool, dict[str, str]]:
    """Run every check: (all passed, {check: "ok" | "not used" | "failing"})."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "failing"
    return all(result != "failing" for result in results.values()), results


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers ``GET``/``HEAD`` ``/healthz`` and ``/readyz`` before anything else runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in PATHS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info == "/healthz":
            return _no_store(JsonResponse({"status": "alive"}))
        ready, checks = readiness()
        return _no_store(
            JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)
        )
