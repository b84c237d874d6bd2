"""/readyz says which dependency is failing (and nothing of why), with 503, so a balancer stops sending people."""

import json
import logging
import time

import pytest
from django.db import OperationalError, connections

from kcc_planning import health
from kcc_planning.celery import app as celery_app

pytestmark = pytest.mark.django_db


def _ready(client) -> tuple[int, dict]:
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


def test_everything_reachable_is_ready(client, settings):
    """The broker is checked when there is one (CI: the real Redis); with none (tasks run in-process) it is "not
    used", not failing."""
    broker = "not used" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert _ready(client) == (200, {"status": "ready", "checks": {"database": "ok", "broker": broker, "storage": "ok"}})


def test_unwritable_storage_is_not_ready_and_the_cause_is_logged_not_shown(client, settings, tmp_path, caplog):
    """Private storage under a plain file cannot be written: 503 naming storage; the reason is in the log only."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.PRIVATE_STORAGE_ROOT = blocker / "private"
    with caplog.at_level(logging.ERROR, logger="kcc_planning.health"):
        status, body = _ready(client)
    assert status == 503
    assert body["checks"]["storage"] == "failing"
    assert body["checks"]["database"] == "ok"
    assert "a-file" not in json.dumps(body)
    assert "Readiness check storage failed" in caplog.text


def test_an_unreachable_broker_is_not_ready_within_seconds(client, settings):
    """A broker that refuses connections fails the check quickly (the balancer's probe must not hang)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    real = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app._pool = None
    try:
        started = time.monotonic()
        status, body = _ready(client)
        assert time.monotonic() - started < health.BROKER_TIMEOUT_SECONDS + 3
    finally:
        celery_app.conf.broker_url = real
        celery_app._pool = None
    assert status == 503
    assert body["checks"]["broker"] == "failing"


def test_a_database_that_does_not_answer_is_not_ready(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    status, body = _ready(client)
    assert status == 503
    assert body["checks"]["database"] == "failing"


def test_health_answers_only_get_and_head_at_its_two_addresses(client):
    """POST /healthz and /healthz/ are ordinary requests (404 here), not health checks."""
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code != 200
    assert client.get("/healthz/").status_code == 404
