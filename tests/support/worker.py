"""A real Celery worker for fault tests: a ``celery worker`` subprocess on a queue of the test's own, against the
test database and private storage, always killed when the test ends; and cleaning the queue up afterwards."""

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def private_queue_name() -> str:
    return f"test-faults-{uuid.uuid4().hex[:12]}"


@contextlib.contextmanager
def tasks_to_private_queue(monkeypatch, task):
    """Send ``task.delay(...)`` (the request's and the sweeper's) to a queue of the test's own, so only the worker
    the test starts takes it; the queue and any unacknowledged message are dropped afterwards."""
    queue = private_queue_name()
    monkeypatch.setattr(task, "delay", lambda *args: task.apply_async(args, queue=queue))
    try:
        yield queue
    finally:
        forget_queue(queue)


def forget_queue(queue: str) -> None:
    """Drop the queue and any unacknowledged message of a killed worker, so Redis does not redeliver it later."""
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete(queue)
    for tag, payload in client.hgetall("unacked").items():
        with contextlib.suppress(ValueError, IndexError):
            if json.loads(payload)[2] == queue:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)


@contextlib.contextmanager
def worker(queue: str, *, extra_env: dict[str, str] | None = None):
    """A real ``celery worker`` process (solo pool: the task runs in it) on the test database and storage.

    ``extra_env`` adds to or overrides its environment (e.g. private storage on Azurite, tests/support/azurite.py).
    """
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
        "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT),
        "DJANGO_SETTINGS_MODULE": "kcc_planning.settings",
        **(extra_env or {}),
    }
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "kcc_planning",
        "worker",
        "-Q",
        queue,
        "-P",
        "solo",
        "-n",
        f"{queue}-{uuid.uuid4().hex[:6]}@%h",
        "-l",
        "WARNING",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def wait_for(record, condition, *, timeout: float, interval: float = 0.05):
    """Poll ``record`` (a job or build) from the database until ``condition(record)``; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record.refresh_from_db()
        if condition(record):
            return record
        time.sleep(interval)
    raise AssertionError(
        f"{record._meta.object_name} {record.pk} still {record.status} ({record.progress}%) after {timeout} s"
    )
