"""Render jobs: queued on commit, rendered to private storage atomically, failures clear, re-runs safe."""

import dataclasses
import datetime
import hashlib
import io
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from documents import services, storage
from documents.models import RenderJob, RenderStatus
from documents.selectors import job_file, job_options, job_renderer_key
from documents.services import render_job_request, render_job_run
from kcc_planning.celery import app as celery_app

from ..factories import DivisionalPlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return render_job_request(renderer_key="plan", subject=plan, requested_by=UserFactory())


def stored_files() -> list[Path]:
    folder = Path(settings.PRIVATE_STORAGE_ROOT) / storage.FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def test_request_creates_a_queued_job_and_queues_the_task_only_on_commit(plan, django_capture_on_commit_callbacks):
    """The job is saved queued with its renderer and download name; the Celery task is sent after commit."""
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = render_job_request(renderer_key="plan", subject=plan, requested_by=user)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == RenderStatus.QUEUED
    assert job.progress == 0
    assert job.requested_by == user
    assert job.subject == plan
    assert job_renderer_key(job=job) == "plan"
    assert job_options(job=job) == {}
    assert job.download_name == "Human Resources business plan 2013-14 DRAFT.pdf"
    assert job.file_name == ""


def test_queued_task_renders_the_job_in_eager_mode(plan, django_capture_on_commit_callbacks):
    """Eager Celery (the embedded default, and every test but the worker's) renders as soon as the request commits."""
    assert celery_app.conf.task_always_eager
    with django_capture_on_commit_callbacks(execute=True):
        job = render_job_request(renderer_key="plan", subject=plan, requested_by=None)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job_file(job=job) is not None


def test_run_writes_the_pdf_and_records_checksum_and_page_count(job):
    """queued → done: progress 100, the file in private storage, its SHA-256 and page count recorded."""
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job.progress == 100
    assert job.error == ""
    assert job.started_at is not None
    assert job.finished_at >= job.started_at
    path = job_file(job=job)
    assert path is not None
    assert path.is_relative_to(Path(settings.PRIVATE_STORAGE_ROOT))
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == job.checksum
    assert len(PdfReader(io.BytesIO(data)).pages) == job.page_count >= 1
    # Nothing but the finished file: no temporary files left behind.
    assert stored_files() == [path]


def test_run_accepts_the_job_id_as_a_string(job):
    """The Celery message carries the id as a string (JSON only)."""
    render_job_run(job_id=str(job.id))
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE


def test_a_finished_job_is_not_rendered_again(job, monkeypatch):
    """A redelivered task for a done job leaves the job and its file alone."""
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    before = (job.file_name, job.checksum, job.finished_at)
    calls = []
    monkeypatch.setattr(services, "html_to_pdf", lambda *a, **k: calls.append(a) or b"")
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert calls == []
    assert (job.file_name, job.checksum, job.finished_at) == before


def test_a_job_left_running_by_a_dead_worker_restarts_cleanly(job):
    """A job still 'running' from a worker that died is rendered from scratch; its leftovers are removed."""
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderStatus.RUNNING, progress=20, started_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    folder = storage.jobs_folder()
    leftover_part = folder / f".{job.id}-20240101T000000000000.pdf.abc.part"
    leftover_part.write_bytes(b"%PDF-1.7 half written")
    unclaimed = folder / f"{job.id}-20240101T000000000000.pdf"
    unclaimed.write_bytes(b"%PDF-1.7 finished but never recorded")

    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert not leftover_part.exists()
    assert not unclaimed.exists()
    assert stored_files() == [job_file(job=job)]


def test_a_superseded_run_throws_its_work_away(job, monkeypatch):
    """If the job was restarted while this run rendered, this run neither records nor keeps its file."""
    real = services.html_to_pdf

    def restarted_meanwhile(html, **kwargs):
        pdf = real(html, **kwargs)
        RenderJob.objects.filter(pk=job.pk).update(started_at=timezone.now() + datetime.timedelta(seconds=5))
        return pdf

    monkeypatch.setattr(services, "html_to_pdf", restarted_meanwhile)
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.RUNNING
    assert job.file_name == ""
    assert stored_files() == []


def test_a_failing_render_marks_the_job_failed_with_a_clear_message_and_no_file(job, monkeypatch, caplog):
    """An exception while rendering: status failed, a message with the job reference, details logged, no file."""

    def broken(plan, options):
        raise RuntimeError("template exploded: secret internals")

    broken_renderer = dataclasses.replace(services.registry.get("plan"), build_html=broken)
    monkeypatch.setitem(services.registry._renderers, "plan", broken_renderer)
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert job.error.startswith("The PDF could not be made. Please try again.")
    assert str(job.id) in job.error
    assert "secret internals" not in job.error
    assert "template exploded" in caplog.text
    assert job.file_name == ""
    assert job_file(job=job) is None
    assert stored_files() == []


def test_a_failure_while_moving_the_file_into_place_leaves_nothing_behind(job, monkeypatch):
    """If the atomic move fails, the temporary file is deleted and the job is failed."""

    def no_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(storage.os, "replace", no_replace)
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert stored_files() == []


def test_a_render_stopped_at_the_time_limit_says_so(job, monkeypatch):
    """Celery's soft time limit ends the render with a message saying it took too long."""

    def too_slow(html, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "html_to_pdf", too_slow)
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert job.error.startswith("The PDF took too long to make")


def test_a_job_whose_plan_was_deleted_fails_with_a_message(job, plan):
    """The subject is gone by the time the worker runs: the job fails and says why."""
    plan.delete()
    render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert job.error == services.GONE_MESSAGE


def test_running_a_job_that_does_not_exist_does_nothing():
    """A task for a job deleted before it ran is ignored."""
    assert render_job_run(job_id="00000000-0000-0000-0000-000000000000") is None


def test_a_done_job_must_name_its_file():
    """The database refuses a done job without a file name (a half-made PDF can never be offered)."""
    from django.db import IntegrityError, transaction

    plan = DivisionalPlanFactory()
    job = RenderJob.objects.create(subject=plan, options={"renderer": "plan", "options": {}})
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderJob.objects.filter(pk=job.pk).update(status=RenderStatus.DONE)


def test_request_refuses_a_subject_of_the_wrong_kind_and_unknown_renderers(plan):
    """A renderer only renders its own model, and an unknown key is an error, not a silent job."""
    from documents.registry import UnknownRenderer

    with pytest.raises(TypeError):
        render_job_request(renderer_key="plan", subject=UserFactory(), requested_by=None)
    with pytest.raises(UnknownRenderer):
        render_job_request(renderer_key="no-such-document", subject=plan, requested_by=None)
    assert RenderJob.objects.count() == 0


def test_download_names_are_safe_file_names(plan):
    """Slashes, quotes and control characters never reach the Content-Disposition header."""
    plan.division.name = 'HR / "Payroll"\r\nX-Injected: yes'
    plan.division.save()
    job = render_job_request(renderer_key="plan", subject=plan, requested_by=None)
    assert job.download_name == "HR - -Payroll---X-Injected- yes business plan 2013-14 DRAFT.pdf"
