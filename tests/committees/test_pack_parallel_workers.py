"""Pack parts on real Celery workers (issue 15 item 3), against the real Redis and PostgreSQL: two workers build the
same packs as the serial build, byte for byte; a worker killed mid-part loses only that part, which a fresh worker
renders again before the merge, and the build ends with both packs.

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
from committees.packs.cache import CACHE_FOLDER
from committees.tasks import build_pack
from documents import storage

from ..support.services import REAL_SERVICES
from ..support.worker import tasks_to_private_queue, wait_for, worker
from .factories import AgendaItemFactory, CoverReportFactory, MeetingFactory, pdf_bytes

pytestmark = REAL_SERVICES
PUBLISHED_ON = datetime.date(2012, 12, 28)


@pytest.fixture
def private_queue(monkeypatch):
    """The build's task goes to a queue of this test's own; its part and merge tasks follow it there."""
    with tasks_to_private_queue(monkeypatch, build_pack) as queue:
        yield queue


def _rendered_parts() -> dict[str, int]:
    """Each rendered part in the cache with the time it was written (placed uploads, a .pdf with a .json, left out)."""
    names = {stored.name: stored for stored in storage.iterate(CACHE_FOLDER)}
    placed = {name.rsplit(".", 1)[0] for name in names if name.endswith(".json")}
    return {
        name: storage.modified_time(name)
        for name in names
        if name.endswith(".pdf") and name.rsplit(".", 1)[0] not in placed
    }


def _empty_part_cache() -> None:
    for name in _rendered_parts():
        storage.delete(name)


def _files(build: PackBuild) -> dict[str, bytes]:
    return {record.visibility: storage.read(record.file_name) for record in build.files.all()}


def test_two_workers_build_the_serial_packs_byte_for_byte(private_queue, small_meeting, clerk):
    """A build sent to two workers (its parts shared between them, then the merge) stores the same two files as the
    serial build of the same meeting."""
    assert connection.vendor == "postgresql"
    serial = services.pack_build_run(
        build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON).pk
    )
    assert serial.status == BuildStatus.DONE, serial.error
    _empty_part_cache()
    build = services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON)
    with worker(private_queue), worker(private_queue):
        wait_for(build, lambda build: build.is_finished, timeout=300, interval=0.2)
    assert build.status == BuildStatus.DONE, build.error
    assert (build.parts_done, build.parts_total) == (5, 5)
    assert _files(build) == _files(serial)


@pytest.fixture
def many_parts(db):
    """A meeting of twelve cover reports of some length (a second or so each to render) and two uploads."""
    meeting = MeetingFactory()
    for number in range(12):
        item = AgendaItemFactory(meeting=meeting, section="C", title=f"Report {number}")
        CoverReportFactory(item=item, body="\n\n".join(f"Paragraph {n} of report {number}." for n in range(80)))
    for number in range(2):
        services.paper_upload(
            item=item,
            title=f"Appendix {number}",
            upload=SimpleUploadedFile(f"appendix-{number}.pdf", pdf_bytes(*(f"Page {n}" for n in range(5)))),
        )
    return meeting


def test_a_worker_killed_mid_part_loses_only_that_part(private_queue, many_parts):
    """Parts rendered before the kill are not rendered again; the sweeper runs the build again, which sends only the
    parts not in the cache, and a fresh worker finishes it with both packs."""
    build = services.pack_build_request(meeting=many_parts, requested_by=None, published_on=PUBLISHED_ON)
    with worker(private_queue) as first:
        wait_for(build, lambda build: build.parts_pending and _rendered_parts(), timeout=120)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    build.refresh_from_db()
    assert build.status == BuildStatus.RUNNING, "the build finished before the worker could be killed"
    assert build.parts_total == 14
    done_before = _rendered_parts()
    assert 0 < len(done_before) < 12

    later = timezone.now() + datetime.timedelta(seconds=PackBuild.time_limit, minutes=2)
    assert services.pack_builds_sweep(now=later).retried == [str(build.pk)]
    with worker(private_queue):
        wait_for(build, lambda build: build.is_finished, timeout=300, interval=0.2)
    assert build.status == BuildStatus.DONE, build.error
    assert (build.parts_done, build.parts_pending, build.files.count()) == (14, [], 2)
    after = _rendered_parts()
    assert len(after) >= 12 + 2  # every report, and both front sheets (and the stamps)
    # Not one part that was done before the kill was rendered again.
    assert {name: after[name] for name in done_before} == done_before
