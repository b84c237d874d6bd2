"""A real Celery worker takes the render task from Redis and renders the PDF against PostgreSQL.

Runs where REDIS_URL and DATABASE_URL are set (CI's .ci/run sets both); skipped otherwise.
"""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connection, connections, transaction

from documents.models import RenderStatus
from documents.selectors import job_file
from documents.services import render_job_request
from documents.tasks import render_document
from kcc_planning.celery import app as celery_app

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.services import REAL_SERVICES

pytestmark = REAL_SERVICES


def _close_worker_connections(**kwargs):
    # The worker thread opens its own database connection; close it so the test database can be dropped.
    connections.close_all()


@pytest.fixture
def private_queue(monkeypatch):
    """Route the render task to a queue of this test's own, so no other worker on the same Redis takes it."""
    queue = f"test-render-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(render_document, "delay", lambda job_id: render_document.apply_async((job_id,), queue=queue))
    return queue


def test_a_real_worker_renders_the_queued_plan_pdf(private_queue):
    """Request → on commit the task goes to Redis → the worker renders → the job is done with its file."""
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    assert connection.vendor == "postgresql"
    plan = DivisionalPlanFactory(division__name="Human Resources")
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Lead the work stream")

    task_postrun.connect(_close_worker_connections, weak=False)
    try:
        with start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            queues=[private_queue],
            loglevel="WARNING",
            shutdown_timeout=60,
        ):
            with transaction.atomic():
                job = render_job_request(renderer_key="plan", subject=plan, requested_by=None)
                # Nothing is sent until the request's transaction commits.
                assert job.status == RenderStatus.QUEUED
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.is_finished:
                    break
                time.sleep(0.2)
    finally:
        task_postrun.disconnect(_close_worker_connections)

    assert job.status == RenderStatus.DONE, job.error
    assert job.progress == 100
    assert job.page_count >= 1
    path = job_file(job=job)
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF-")
