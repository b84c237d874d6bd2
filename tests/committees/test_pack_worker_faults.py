"""A pack build whose worker is killed (issue 11 item 5), against the real Redis, PostgreSQL and worker processes.

The worker is killed with SIGKILL part-way through a build. The build page does not show a frozen percentage past
the task's time limit; the sweeper queues it again; Redis redelivering the first message changes nothing; a fresh
worker finishes it and there is exactly one result: one full and one public pack, and no leftover files.

Runs where REDIS_URL and DATABASE_URL are set; skipped otherwise.
"""

import datetime
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from committees import services
from committees.models import BuildStatus, PackBuild
from committees.services.packs import packs_folder
from committees.tasks import build_pack
from documents.models import INTERRUPTED_LABEL

from ..support.services import REAL_SERVICES
from ..support.worker import tasks_to_private_queue, wait_for, worker
from .factories import AgendaItemFactory, CoverReportFactory, MeetingFactory, pdf_bytes

pytestmark = REAL_SERVICES


@pytest.fixture
def private_queue(monkeypatch):
    """Every build task (the request's and the sweeper's) goes to a queue of this test's own."""
    with tasks_to_private_queue(monkeypatch, build_pack) as queue:
        yield queue


@pytest.fixture
def long_meeting(db):
    """A meeting whose packs take some seconds to build (many cover reports and long uploaded papers), so the
    worker can be killed part-way."""
    meeting = MeetingFactory()
    for number in range(12):
        item = AgendaItemFactory(meeting=meeting, section="C", title=f"Report {number}")
        CoverReportFactory(item=item, body="\n\n".join(f"Paragraph {n} of the report." for n in range(60)))
        services.paper_upload(
            item=item,
            title=f"Appendix to report {number}",
            upload=SimpleUploadedFile(f"appendix-{number}.pdf", pdf_bytes(*(f"Page {n}" for n in range(20)))),
        )
    return meeting


def test_a_worker_killed_mid_build_is_swept_and_a_fresh_worker_gives_exactly_one_result(private_queue, long_meeting):
    assert connection.vendor == "postgresql"
    build = services.pack_build_request(
        meeting=long_meeting, requested_by=None, published_on=long_meeting.date - datetime.timedelta(days=14)
    )
    with worker(private_queue) as first:
        wait_for(build, lambda build: build.status == BuildStatus.RUNNING and build.progress > 5, timeout=60)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    build.refresh_from_db()
    assert build.status == BuildStatus.RUNNING, "the build finished before the worker could be killed"
    assert build.files.count() == 0

    # Past the hard time limit the page says "interrupted", and the sweeper queues the build again.
    later = timezone.now() + datetime.timedelta(seconds=PackBuild.time_limit, minutes=2)
    assert build.running_past_limit(now=later)
    report = services.pack_builds_sweep(now=later)
    assert report.retried == [str(build.pk)]
    build.refresh_from_db()
    assert (build.status, build.retries, build.attempt, build.progress) == (BuildStatus.QUEUED, 1, 1, 0)
    assert build.status_label == INTERRUPTED_LABEL
    # Redis delivering the original message again (after its visibility timeout) is ignored as an old attempt.
    build_pack.apply_async((str(build.pk),), queue=private_queue)

    with worker(private_queue):
        wait_for(build, lambda build: build.is_finished, timeout=240, interval=0.2)
    assert build.status == BuildStatus.DONE, build.error
    assert build.retries == 1
    files = list(build.files.order_by("visibility"))
    assert [file.visibility for file in files] == sorted(["full", "public"])
    # Exactly one result: the killed run's partial files were removed, and the redelivered message made none.
    stored = sorted(path.name for path in packs_folder().iterdir())
    assert stored == sorted(file.file_name.rsplit("/", 1)[1] for file in files)
    for file in files:
        assert (packs_folder() / file.file_name.rsplit("/", 1)[1]).read_bytes().startswith(b"%PDF-")
