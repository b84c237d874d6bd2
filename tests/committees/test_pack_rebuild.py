"""Rebuilding after one paper changes (issue 15 item 6): only that paper's part is sent to be rendered again, and the
packs are merged again from the cache, with the change in them."""

import datetime

from committees import services
from committees.models import BuildStatus
from committees.packs.cache import CACHE_FOLDER
from documents import storage

from ..support.pdf import pdf_pages

PUBLISHED_ON = datetime.date(2012, 12, 28)


def _cached_parts() -> set[str]:
    return {stored.name for stored in storage.iterate(CACHE_FOLDER) if stored.name.endswith(".pdf")}


def _build(meeting, clerk, capture):
    build = services.pack_build_request(meeting=meeting, requested_by=clerk, published_on=PUBLISHED_ON)
    with capture(execute=False) as sent:
        services.pack_build_run(build_id=build.pk, parallel=True)
    build.refresh_from_db()
    pending = list(build.parts_pending)
    with capture(execute=True):
        for callback in sent:
            callback()
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE, build.error
    return build, pending


def test_rebuild_after_one_paper_changes_renders_only_that_part(
    small_meeting, clerk, django_capture_on_commit_callbacks
):
    """The second build sends one part task (C1's report, changed), takes the rest from the cache, and its full pack
    prints the change."""
    first, pending = _build(small_meeting, clerk, django_capture_on_commit_callbacks)
    assert len(pending) == 3  # B1, C1 and E1's cover reports; the two uploads were placed when they were uploaded
    cached = _cached_parts()
    paper = small_meeting.items.get(section="C").papers.get()
    paper.summary = "A summary changed after the first build."
    paper.save()

    again, pending = _build(small_meeting, clerk, django_capture_on_commit_callbacks)
    assert len(pending) == 1
    assert (again.parts_done, again.parts_total) == (5, 5)
    # One new part in the cache, C1's: the ranges did not move, so the front sheets and stamps are cache hits too.
    assert _cached_parts() - cached == {f"{CACHE_FOLDER}/{pending[0]}.pdf"}
    assert again.ranges == first.ranges
    full = storage.read(again.files.get(visibility="full").file_name)
    assert "A summary changed after the first build." in " ".join(pdf_pages(full))
