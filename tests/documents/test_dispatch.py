"""Broker down or worker dead (issue 11 items 4-5): a PDF request still succeeds and says why it waits, the
sweeper sends it when the broker is back, and a run whose worker died is retried (twice at most) then failed."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from documents import dispatch, services, storage
from documents.dispatch import Action, sweep_action
from documents.models import BROKER_DOWN_LABEL, INTERRUPTED_LABEL, RenderJob, RenderStatus
from documents.selectors import job_file
from documents.services import render_job_request, render_job_run, render_jobs_sweep
from documents.tasks import render_document

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LIMIT = datetime.timedelta(seconds=RenderJob.time_limit)


@pytest.fixture
def staff_client(client):
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    return client


@pytest.fixture
def broker_down(monkeypatch):
    """Sending any render task fails as it does when Redis cannot be reached."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(render_document, "delay", refuse)
    return monkeypatch


@pytest.fixture
def sent(monkeypatch):
    """Messages the sweeper sends, recorded instead of run."""
    messages = []
    monkeypatch.setattr(render_document, "delay", lambda *args: messages.append(args))
    return messages


def queued_job(plan, **fields) -> RenderJob:
    job = render_job_request(renderer_key="plan", subject=plan, requested_by=None)
    RenderJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def state(**fields) -> RenderJob:
    values = {"status": RenderStatus.QUEUED, "queued_at": NOW, "retries": 0, "started_at": None}
    return RenderJob(**{**values, **fields})


@pytest.mark.parametrize(
    ("fields", "action"),
    [
        ({}, Action.LEAVE),
        ({"queued_at": NOW - datetime.timedelta(minutes=5)}, Action.LEAVE),
        ({"enqueue_failed_at": NOW}, Action.SEND),
        ({"queued_at": NOW - dispatch.QUEUED_AFTER}, Action.SEND),
        ({"status": RenderStatus.RUNNING, "started_at": NOW - LIMIT}, Action.LEAVE),
        ({"status": RenderStatus.RUNNING, "started_at": NOW - LIMIT - dispatch.STALL_MARGIN}, Action.RETRY),
        ({"status": RenderStatus.RUNNING, "started_at": NOW - LIMIT * 2, "retries": 1}, Action.RETRY),
        ({"status": RenderStatus.RUNNING, "started_at": NOW - LIMIT * 2, "retries": 2}, Action.FAIL),
        ({"status": RenderStatus.DONE, "started_at": NOW - LIMIT * 10}, Action.LEAVE),
        ({"status": RenderStatus.FAILED, "queued_at": NOW - dispatch.QUEUED_AFTER * 10}, Action.LEAVE),
    ],
)
def test_sweeper_decisions(fields, action):
    """Queued: sent again if it never reached the broker or waited too long; running past the hard time limit plus
    a margin: retried twice, then failed; finished work is never touched."""
    assert sweep_action(state(**fields), now=NOW) == action


def test_broker_down_the_request_still_succeeds_and_the_job_runs_when_it_is_back(
    staff_client, plan, broker_down, caplog, django_capture_on_commit_callbacks
):
    """POST with the broker down → 302 to the job page (no 500), the failure logged with the job id, the page says
    the job starts when the service is back; after the broker is back one sweep sends it and it renders."""
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:render_job_status", args=[job.id])
    assert job.status == RenderStatus.QUEUED
    assert job.enqueue_failed_at is not None
    assert f"Render job {job.id} could not be queued" in caplog.text

    page = staff_client.get(response["Location"]).content.decode()
    assert f"<span data-render-job-label>{BROKER_DOWN_LABEL}</span><span data-render-job-done hidden>" in page
    assert "will start by itself when the service is back" in page
    payload = staff_client.get(response["Location"], {"format": "json"}).json()
    assert payload["status_label"] == BROKER_DOWN_LABEL
    assert payload["progress_hidden"] is True

    # Still down: the sweep keeps it marked and says it could not send it.
    report = render_jobs_sweep()
    assert (report.sent, report.unsent) == ([], [str(job.id)])
    job.refresh_from_db()
    assert job.enqueue_failed_at is not None

    broker_down.undo()  # the broker is back (eager Celery runs the task as it is sent)
    report = render_jobs_sweep()
    assert report.sent == [str(job.id)]
    assert report.unsent == []
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job.enqueue_failed_at is None
    assert job.attempt == 2  # every message sent carries a new number
    assert job_file(job=job) is not None
    assert "Your PDF is ready" in staff_client.get(response["Location"]).content.decode()


def test_a_job_queued_too_long_is_sent_again_and_a_recent_one_is_left(plan, sent):
    """Sent but never started for longer than the threshold: the message was lost, so it is sent again."""
    old = queued_job(plan, queued_at=timezone.now() - datetime.timedelta(minutes=20))
    recent = queued_job(plan)
    report = render_jobs_sweep()
    assert report.sent == [str(old.id)]
    assert sent == [(str(old.id), 1)]
    recent.refresh_from_db()
    assert recent.attempt == 0


def test_a_run_whose_worker_died_is_retried_twice_then_failed_with_a_reference(staff_client, plan, sent):
    """Running past the time limit: shown as "Interrupted, retrying", queued again with a newer message (counted);
    the third interruption fails the job with a message quoting its reference, and its leftovers go."""
    long_ago = timezone.now() - LIMIT - datetime.timedelta(minutes=5)
    job = queued_job(plan, status=RenderStatus.RUNNING, progress=41, started_at=long_ago)
    page = staff_client.get(reverse("documents:render_job_status", args=[job.id])).content.decode()
    assert f"<span data-render-job-label>{INTERRUPTED_LABEL}</span><span data-render-job-done hidden>" in page

    for retry in (1, 2):
        report = render_jobs_sweep()
        assert report.retried == [str(job.id)]
        job.refresh_from_db()
        assert (job.status, job.retries, job.attempt, job.progress) == (RenderStatus.QUEUED, retry, retry, 0)
        assert job.status_label == INTERRUPTED_LABEL
        assert sent[-1] == (str(job.id), retry)
        RenderJob.objects.filter(pk=job.pk).update(status=RenderStatus.RUNNING, started_at=long_ago)

    leftover = storage.jobs_folder() / f".{job.id}-20240101T000000000000.pdf.abc.part"
    leftover.write_bytes(b"%PDF-1.7 half written")
    report = render_jobs_sweep()
    assert report.failed == [str(job.id)]
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert job.error.startswith("The PDF could not be made: the rendering service stopped while making it")
    assert str(job.id) in job.error
    assert not leftover.exists()
    assert len(sent) == 2
    assert render_jobs_sweep().failed == []  # a finished job is left alone


def test_an_old_message_is_ignored_once_the_job_was_sent_again(plan):
    """Redis redelivering the original message after the sweeper sent a newer one does not run the job twice."""
    job = queued_job(plan, attempt=1, retries=1)
    render_job_run(job_id=job.id)  # the original message: no attempt number (0)
    job.refresh_from_db()
    assert job.status == RenderStatus.QUEUED
    render_job_run(job_id=job.id, attempt=1)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE


def test_a_late_original_run_is_discarded_and_the_retry_gives_exactly_one_result(plan, monkeypatch):
    """The sweeper retries a run that is in fact still alive (stalled past its limit); the retry finishes first, and
    the original, when it finishes, keeps neither its record nor its file."""
    job = queued_job(plan)
    real = services.html_to_pdf
    swept = []

    def stalled(html, **kwargs):
        if not swept:
            swept.append("original")
            # While the original is in here, the sweeper (an hour later) retries it; eager Celery runs the retry now.
            swept.append(render_jobs_sweep(now=timezone.now() + datetime.timedelta(hours=1)))
        return real(html, **kwargs)

    monkeypatch.setattr(services, "html_to_pdf", stalled)
    render_job_run(job_id=job.id)
    assert swept[1].retried == [str(job.id)]
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job.retries == 1
    assert sorted(storage.jobs_folder().iterdir()) == [job_file(job=job)]


def test_sweep_jobs_command_reports_what_it_did(plan, sent):
    """`manage.py sweep_jobs` does what beat does, for an operator; it says what it sent."""
    from io import StringIO

    job = queued_job(plan, enqueue_failed_at=timezone.now())
    out = StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "Render jobs: 1 sent again" in out.getvalue()
    assert "Pack builds: 0 sent again" in out.getvalue()
    assert sent == [(str(job.id), 1)]
