"""Retention of private storage, the committees side: pack builds, the part cache and deleted papers' files."""

import datetime
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from committees import services
from committees.models import BuildStatus, PackBuild, PackFile, Paper, Visibility
from committees.packs.builder import CACHE_FOLDER
from committees.services.packs import PACKS_FOLDER
from documents import retention, storage

from ..support.storage import DAY, stored
from .factories import AgendaItemFactory, MeetingFactory, pdf_bytes


def _build(meeting, *, days_ago: float = 40, status=BuildStatus.DONE, version: int | None = None) -> PackBuild:
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    build = PackBuild.objects.create(meeting=meeting, status=status, finished_at=finished)
    PackBuild.objects.filter(pk=build.pk).update(created_at=finished)  # created_at is set on insert
    if status == BuildStatus.DONE:
        for visibility in (Visibility.FULL, Visibility.PUBLIC):
            name = stored(f"{PACKS_FOLDER}/{build.id}-{visibility}.pdf", age_days=days_ago)
            PackFile.objects.create(
                build=build, visibility=visibility, file_name=name, checksum="0" * 64, page_count=1, size=13
            )
    if version is not None:
        build.version, build.published_at, build.published_on = version, finished, finished.date()
        build.save()
    return build


def _files(build: PackBuild) -> list[str]:
    return [f"{PACKS_FOLDER}/{build.id}-{visibility}.pdf" for visibility in (Visibility.FULL, Visibility.PUBLIC)]


def _exists(name: str) -> bool:
    return (storage.root() / name).exists()


@pytest.mark.django_db
def test_unpublished_builds_go_published_ones_stay_for_ever():
    """Only unpublished (or failed) builds are purged; every published version keeps its row and files."""
    meeting = MeetingFactory(date=datetime.date(2013, 1, 8))  # long past
    first = _build(meeting, days_ago=400, version=1)
    draft = _build(meeting, days_ago=300)
    failed = _build(meeting, days_ago=300, status=BuildStatus.FAILED)
    second = _build(meeting, days_ago=200, version=2)
    recent_draft = _build(meeting, days_ago=3)

    report = retention.purge_storage()

    assert set(PackBuild.objects.values_list("pk", flat=True)) == {first.pk, second.pk, recent_draft.pk}
    for build in (first, second, recent_draft):
        assert all(_exists(name) for name in _files(build))
    assert not any(_exists(name) for name in _files(draft))
    assert {d.name for d in report.deletions if d.kind == "pack build"} == {str(draft.pk), str(failed.pk)}
    assert report.count("pack build file") == 2
    assert report.count("orphan file") == 0


@pytest.mark.django_db
def test_the_latest_unpublished_build_of_a_coming_meeting_is_kept():
    """A clerk may still publish the newest finished build while the meeting is to come (or just past)."""
    coming = MeetingFactory(date=timezone.localdate() + datetime.timedelta(days=10))
    older, latest = _build(coming, days_ago=60), _build(coming, days_ago=45)
    past = MeetingFactory(date=timezone.localdate() - datetime.timedelta(days=90), start_time=datetime.time(14))
    abandoned = _build(past, days_ago=45)

    retention.purge_storage()

    assert set(PackBuild.objects.values_list("pk", flat=True)) == {latest.pk}
    assert not PackBuild.objects.filter(pk__in=[older.pk, abandoned.pk]).exists()


@pytest.mark.django_db
def test_a_dry_run_deletes_no_build():
    build = _build(MeetingFactory(), days_ago=300)
    _build(build.meeting, days_ago=200)
    report = retention.purge_storage(dry_run=True)
    assert {d.name for d in report.deletions if d.is_file} >= set(_files(build))
    assert report.count("pack build") == 2
    assert report.bytes == 4 * 13
    assert PackBuild.objects.filter(pk=build.pk).exists()
    assert all(_exists(name) for name in _files(build))


def _cache_entry(key: str, size: int, age_days: float, *, with_text: bool = False) -> list[str]:
    names = [stored(f"{CACHE_FOLDER}/{key}.pdf", b"p" * size, age_days=age_days)]
    if with_text:
        names.append(stored(f"{CACHE_FOLDER}/{key}.json", b"[]", age_days=age_days))
    return names


@pytest.mark.django_db
def test_the_part_cache_is_trimmed_oldest_first_to_its_budget(settings):
    settings.RETENTION = {"part_cache_max_mb": 1}
    mb = 1024 * 1024
    oldest = _cache_entry("a" * 64, mb // 2, 20, with_text=True)
    older = _cache_entry("b" * 64, mb // 2, 10)
    newer = _cache_entry("c" * 64, mb // 2, 5)
    newest = _cache_entry("d" * 64, mb // 4, 1)
    stale = _cache_entry("e" * 64, 10, 200)  # past part_cache_max_days, however small
    young_temp = stored(f"{CACHE_FOLDER}/.part.abc.tmp", b"t", age_days=0.1)
    old_temp = stored(f"{CACHE_FOLDER}/.part.def.tmp", b"t", age_days=3)

    report = retention.purge_storage()

    gone = {d.name for d in report.deletions if d.kind == "part cache file"}
    assert gone == {*oldest, *older, *stale, old_temp}  # the placed upload's PDF and its text go together
    assert all(_exists(name) for name in (*newer, *newest, young_temp))
    assert not any(_exists(name) for name in gone)


@pytest.mark.django_db
def test_orphan_pack_and_paper_files_are_swept_referenced_ones_kept():
    build = _build(MeetingFactory(), days_ago=2)
    lost_pack = stored(f"{PACKS_FOLDER}/{'f' * 8}-full-20130101.pdf", age_days=2)
    lost_paper = stored(f"committee_papers/{'9' * 64}.pdf", age_days=2)
    item = AgendaItemFactory(meeting=build.meeting)
    paper = services.paper_upload(item=item, title="Minutes", upload=SimpleUploadedFile("m.pdf", pdf_bytes("one")))
    os.utime(storage.root() / paper.file_name, (time.time() - 5 * DAY,) * 2)

    report = retention.purge_storage()

    assert {d.name for d in report.deletions if d.kind == "orphan file"} == {lost_pack, lost_paper}
    assert all(_exists(name) for name in (*_files(build), paper.file_name))


@pytest.mark.django_db
def test_deleting_a_paper_deletes_its_file_unless_another_paper_uses_it(django_capture_on_commit_callbacks):
    item = AgendaItemFactory()
    data = pdf_bytes("MINUTES page one")
    first = services.paper_upload(item=item, title="Minutes", upload=SimpleUploadedFile("a.pdf", data))
    second = services.paper_upload(item=item, title="Minutes again", upload=SimpleUploadedFile("b.pdf", data))
    assert first.file_name == second.file_name  # stored once, by checksum

    with django_capture_on_commit_callbacks(execute=True):
        services.paper_delete(paper=first)
    assert _exists(second.file_name)  # still needed

    with django_capture_on_commit_callbacks(execute=True):
        services.paper_delete(paper=second)
    assert not _exists(second.file_name)
    assert not Paper.objects.exists()


@pytest.mark.django_db
def test_a_paper_file_is_not_deleted_when_the_deletion_rolls_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    paper = services.paper_upload(
        item=AgendaItemFactory(), title="Minutes", upload=SimpleUploadedFile("a.pdf", pdf_bytes("one"))
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.paper_delete(paper=paper)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert _exists(paper.file_name)
    assert Paper.objects.filter(title="Minutes").exists()
