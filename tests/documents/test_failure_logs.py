"""Render and pack-build failures are logged with the reference the user sees (issue 11 item 6).

The job or build page shows "reference <id>"; the log line carries the same id as ``reference`` (a field of the
JSON log line), with the traceback for unexpected errors, so whoever takes the support call can find it.
"""

import dataclasses
import datetime
import json
import logging

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from committees.models import BuildStatus, PackBuild
from committees.packs.builder import PackError
from committees.services import packs as pack_services
from documents import services
from documents.models import RenderStatus
from documents.services import render_job_request, render_job_run
from kcc_planning.logs import JsonFormatter

from ..committees.factories import AgendaItemFactory, CoverReportFactory, MeetingFactory
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _records(caplog, logger_name: str) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == logger_name]


def _json(record: logging.LogRecord) -> dict:
    return json.loads(JsonFormatter().format(record))


@pytest.fixture
def job(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return render_job_request(renderer_key="plan", subject=plan, requested_by=UserFactory())


def test_an_unexpected_render_failure_is_logged_with_its_traceback_and_the_job_reference(job, monkeypatch, caplog):
    """The log line names the job's id as ``reference`` (the id on the job page) and carries the traceback."""

    def broken(plan, options):
        raise RuntimeError("template exploded")

    monkeypatch.setitem(
        services.registry._renderers, "plan", dataclasses.replace(services.registry.get("plan"), build_html=broken)
    )
    with caplog.at_level(logging.INFO):
        render_job_run(job_id=job.id)
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert str(job.id) in job.error
    [record] = [r for r in _records(caplog, "documents.services") if r.levelno >= logging.ERROR]
    line = _json(record)
    assert line["reference"] == str(job.id)
    assert "RuntimeError: template exploded" in line["traceback"]


def test_a_render_stopped_at_its_time_limit_is_logged_with_the_job_reference(job, monkeypatch, caplog):
    """A time-limit stop is an error in the log, with the job's reference, and no traceback is needed."""

    def too_slow(html, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "html_to_pdf", too_slow)
    with caplog.at_level(logging.INFO):
        render_job_run(job_id=job.id)
    [record] = [r for r in _records(caplog, "documents.services") if r.levelno >= logging.ERROR]
    assert _json(record)["reference"] == str(job.id)
    assert "time limit" in record.getMessage()


@pytest.fixture
def build():
    meeting = MeetingFactory()
    CoverReportFactory(item=AgendaItemFactory(meeting=meeting, section="C", title="Performance Benchmarking"))
    # Made directly: the request service's rules for publication dates are not what this test is about.
    return PackBuild.objects.create(meeting=meeting, published_on=meeting.date - datetime.timedelta(days=14))


@pytest.mark.parametrize(
    ("error", "level", "has_traceback"),
    [
        (RuntimeError("layout exploded"), logging.ERROR, True),
        (SoftTimeLimitExceeded(), logging.ERROR, False),
        (PackError("Paper 'Minutes' could not be read."), logging.WARNING, False),
    ],
    ids=["unexpected", "time-limit", "paper-problem"],
)
def test_a_failed_pack_build_is_logged_with_the_build_reference(
    build, monkeypatch, caplog, error, level, has_traceback
):
    """Every way a build fails leaves one log line with the build's id as ``reference``; only an unexpected error
    carries a traceback (a paper problem is the clerk's to fix, and its message already names the paper)."""

    def failing(**kwargs):
        raise error

    monkeypatch.setattr(pack_services, "build_packs", failing)
    with caplog.at_level(logging.INFO):
        pack_services.pack_build_run(build_id=build.id)
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    [record] = [r for r in _records(caplog, "committees.services.packs") if r.levelno >= logging.WARNING]
    assert record.levelno == level
    line = _json(record)
    assert line["reference"] == str(build.id)
    assert ("traceback" in line) is has_traceback
