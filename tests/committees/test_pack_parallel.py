"""Pack parts rendered as tasks of their own (issue 15): the same packs as the serial build, byte for byte; the parts
done counted on the build page; a part task redelivered or late changes nothing.

Here Celery runs eagerly (every task in this process, in order); tests/committees/test_pack_parallel_workers.py
runs the same path on real workers.
"""

import datetime

import pytest
from django.urls import reverse

from committees import services
from committees.models import BuildStatus, PackBuild
from committees.packs.cache import CACHE_FOLDER
from committees.services import packs as pack_services
from documents import storage

PUBLISHED_ON = datetime.date(2012, 12, 28)


def _files(build: PackBuild) -> dict[str, bytes]:
    return {record.visibility: storage.read(record.file_name) for record in build.files.all()}


def _empty_part_cache() -> None:
    """Rendered parts go; placed uploads (a .pdf with its .json, made by the upload check) stay."""
    names = [stored.name for stored in storage.iterate(CACHE_FOLDER)]
    placed = {name.rsplit(".", 1)[0] for name in names if name.endswith(".json")}
    for name in names:
        if name.rsplit(".", 1)[0] not in placed:
            storage.delete(name)


@pytest.fixture
def serial(small_meeting, clerk):
    """The small meeting's packs built the serial way (one task renders every part), then the cache emptied."""
    build = services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON)
    build = services.pack_build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    _empty_part_cache()
    return build


def test_parallel_build_is_byte_for_byte_the_serial_build(
    serial, small_meeting, clerk, django_capture_on_commit_callbacks
):
    """Parts rendered by part tasks and merged by the merge task give the very same two files as the serial build."""
    build = services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON)
    with django_capture_on_commit_callbacks(execute=True):
        services.pack_build_run(build_id=build.pk, parallel=True)
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE, build.error
    assert _files(build) == _files(serial)
    assert build.ranges == serial.ranges
    assert (build.parts_done, build.parts_total, build.parts_pending) == (5, 5, [])
    assert not [stored.name for stored in storage.iterate(CACHE_FOLDER) if stored.name.endswith(".html")]


def test_build_page_counts_parts_done_of_the_total(small_meeting, clerk, client, django_capture_on_commit_callbacks):
    """Once the parts are sent the build shows how many are rendered of how many (uploads, placed already, count as
    done), on the page and in the JSON its script polls; each finished part adds one."""
    build = services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON)
    with django_capture_on_commit_callbacks(execute=False) as sent:
        services.pack_build_run(build_id=build.pk, parallel=True)
    build.refresh_from_db()
    # A3 minutes and E1's tender are uploads; B1, C1, E1 cover reports wait for their part tasks.
    assert (build.status, build.parts_total, build.parts_done, len(build.parts_pending)) == ("running", 5, 2, 3)
    assert len(sent) == 1
    client.force_login(clerk)
    url = reverse("committees:pack_build_status", args=[small_meeting.pk, build.pk])
    status = client.get(url, {"format": "json"}).json()
    assert status["status_label"] == "Building (2 of 5 parts rendered)"
    assert "Building (2 of 5 parts rendered)" in client.get(url).content.decode()

    seen = []
    render = pack_services.part_render

    def counting(*, key):
        rendered = render(key=key)
        seen.append(PackBuild.objects.get(pk=build.pk).parts_done)
        return rendered

    pack_services.part_render = counting
    try:
        with django_capture_on_commit_callbacks(execute=True):
            sent[0]()
    finally:
        pack_services.part_render = render
    assert seen == [2, 3, 4]  # read after each render, before that part is counted
    build.refresh_from_db()
    assert (build.status, build.parts_done, build.progress) == (BuildStatus.DONE, 5, 100)


def test_a_part_task_run_twice_or_late_changes_nothing(small_meeting, clerk, django_capture_on_commit_callbacks):
    """A redelivered part message renders nothing again and counts nothing twice; a message of an earlier attempt
    (the sweeper has run the build again since) is ignored, and so is any part message once the build is done."""
    build = services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON)
    with django_capture_on_commit_callbacks(execute=False):
        services.pack_build_run(build_id=build.pk, parallel=True)
    build.refresh_from_db()
    first, *others = build.parts_pending
    with django_capture_on_commit_callbacks(execute=True) as merges:
        pack_services.pack_part_render(build_id=build.pk, attempt=0, key=first)
        pack_services.pack_part_render(build_id=build.pk, attempt=0, key=first)
    build.refresh_from_db()
    assert (build.parts_done, build.parts_pending, merges) == (3, others, [])
    PackBuild.objects.filter(pk=build.pk).update(attempt=1)
    pack_services.pack_part_render(build_id=build.pk, attempt=0, key=others[0])
    build.refresh_from_db()
    assert build.parts_pending == others
    assert not storage.exists(f"{CACHE_FOLDER}/{others[0]}.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        for key in others:
            pack_services.pack_part_render(build_id=build.pk, attempt=1, key=key)
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE, build.error
    pack_services.pack_part_render(build_id=build.pk, attempt=1, key=first)
    assert pack_services.pack_build_merge(build_id=build.pk, attempt=1).files.count() == 2


def test_a_part_that_cannot_render_fails_the_build_with_its_reference(
    small_meeting, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    """WeasyPrint failing on one part fails the build (with the reference to quote), and no merge is sent."""
    build = services.pack_build_request(meeting=small_meeting, requested_by=clerk, published_on=PUBLISHED_ON)

    def broken(*, key):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pack_services, "part_render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.pack_build_run(build_id=build.pk, parallel=True)
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert str(build.pk) in build.error
    assert not build.files.exists()
