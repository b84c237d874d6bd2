"""Faults against the real Redis, PostgreSQL and a real worker process (issue 11 items 4-5).

* A worker killed with SIGKILL mid-render: the sweeper retries the job, a fresh worker renders it, and there is
  exactly one result, even with the original message delivered again.
* The broker unreachable when the PDF is asked for: the request succeeds, the job page says so, and the job runs
  once the broker is back and the sweeper has sent it.

Runs where REDIS_URL and DATABASE_URL are set; skipped otherwise. Each worker is a ``celery worker`` subprocess on a
queue of the test's own, always killed in ``finally``.
"""

import datetime
import signal
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from documents import storage
from documents.models import BROKER_DOWN_LABEL, INTERRUPTED_LABEL, RenderJob, RenderStatus
from documents.selectors import job_file
from documents.services import render_job_request, render_jobs_sweep
from documents.tasks import render_document
from kcc_planning.celery import app as celery_app

from ..factories import PASSWORD, ActionFactory, DivisionalPlanFactory, PriorityFactory, UserFactory
from ..support.services import REAL_SERVICES
from ..support.worker import tasks_to_private_queue, wait_for, worker

pytestmark = REAL_SERVICES

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def private_queue(monkeypatch):
    """Every render task (the request's and the sweeper's) goes to a queue of this test's own."""
    with tasks_to_private_queue(monkeypatch, render_document) as queue:
        yield queue


@pytest.fixture
def big_plan(db):
    """A plan long enough that rendering it takes a few seconds, so the worker can be killed mid-render."""
    plan = DivisionalPlanFactory(division__name="Human Resources")
    for number in range(6):
        priority = PriorityFactory(plan=plan, title=f"Priority {number}")
        for action in range(40):
            ActionFactory(priority=priority, title=f"Action {number}.{action}: lead the work stream")
    return plan


def test_a_worker_killed_mid_render_is_swept_and_a_fresh_worker_gives_exactly_one_result(private_queue, big_plan):
    assert connection.vendor == "postgresql"
    job = render_job_request(renderer_key="plan", subject=big_plan, requested_by=None)
    with worker(private_queue) as first:
        wait_for(job, lambda job: job.status == RenderStatus.RUNNING, timeout=30)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    job.refresh_from_db()
    assert job.status == RenderStatus.RUNNING, "the render finished before the worker could be killed"
    later = timezone.now() + datetime.timedelta(seconds=RenderJob.time_limit) + datetime.timedelta(minutes=2)
    assert job.running_past_limit(now=later)

    # The sweeper, as if run after the time limit: the job is queued again (attempt 1), not "running" any more.
    report = render_jobs_sweep(now=later)
    assert report.retried == [str(job.id)]
    job.refresh_from_db()
    assert (job.status, job.retries, job.attempt, job.progress) == (RenderStatus.QUEUED, 1, 1, 0)
    assert job.status_label == INTERRUPTED_LABEL
    # Redis delivering the original message again (as it would after the visibility timeout) changes nothing.
    render_document.apply_async((str(job.id),), queue=private_queue)

    with worker(private_queue):
        wait_for(job, lambda job: job.is_finished, timeout=40, interval=0.2)
    assert job.status == RenderStatus.DONE, job.error
    assert job.retries == 1
    path = job_file(job=job)
    assert path is not None
    assert path.read_bytes().startswith(b"%PDF-")
    # Exactly one result: the killed run's leftovers were removed, and no second file was made.
    assert sorted(storage.jobs_folder().iterdir()) == [path]


def test_broker_unreachable_the_request_succeeds_and_the_job_runs_when_it_is_back(private_queue, client, plan):
    assert connection.vendor == "postgresql"
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    real_broker = celery_app.conf.broker_url
    # The producer pools are made from the broker URL when first used: forget them so the new URL applies.
    celery_app.conf.broker_url = CLOSED_PORT_BROKER
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        started = time.monotonic()
        response = client.post(reverse("plans:plan_pdf", args=[plan.pk]))
        assert time.monotonic() - started < 10
    finally:
        celery_app.conf.broker_url = real_broker
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:render_job_status", args=[job.id])
    assert job.status == RenderStatus.QUEUED
    assert job.enqueue_failed_at is not None
    assert BROKER_DOWN_LABEL in client.get(response["Location"]).content.decode()

    # The broker is back: one sweep sends the job and a worker renders it.
    with worker(private_queue):
        assert render_jobs_sweep().sent == [str(job.id)]
        wait_for(job, lambda job: job.is_finished, timeout=40, interval=0.2)
    assert job.status == RenderStatus.DONE, job.error
    assert job.enqueue_failed_at is None
    assert "Your PDF is ready" in client.get(response["Location"]).content.decode()
