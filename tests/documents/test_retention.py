"""Retention of private storage, the documents side: render jobs, the orphan sweep, the command and the task."""

import datetime
import os
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from documents import retention, storage
from documents.models import RenderJob, RenderStatus

from ..factories import UserFactory
from ..support.storage import DAY, stored


def _job(*, status=RenderStatus.DONE, finished_days_ago: float | None = 40, file: bool = True) -> RenderJob:
    job = RenderJob.objects.create(subject=UserFactory())
    job.status = status
    if finished_days_ago is not None:
        job.finished_at = timezone.now() - datetime.timedelta(days=finished_days_ago)
    if file:
        storage.jobs_folder()
        job.file_name = stored(f"{storage.FOLDER}/{job.id}.pdf", age_days=finished_days_ago or 0)
        job.checksum = "0" * 64
    job.save()
    return job


@pytest.mark.django_db
def test_render_jobs_finished_long_ago_go_with_their_files():
    old, failed = _job(), _job(status=RenderStatus.FAILED, file=False)
    recent = _job(finished_days_ago=10)
    running = _job(status=RenderStatus.RUNNING, finished_days_ago=None, file=False)

    report = retention.purge_storage()

    assert set(RenderJob.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not (storage.root() / old.file_name).exists()
    assert (storage.root() / recent.file_name).exists()
    assert report.count("render job") == 2
    assert report.count("render job file") == 1
    assert str(failed.pk) in {deletion.name for deletion in report.deletions}
    assert report.bytes == len(b"%PDF-1.7 test")


@pytest.mark.django_db
def test_the_retention_period_comes_from_settings(settings):
    settings.RETENTION = {"render_jobs_days": 5}
    _job(finished_days_ago=10)
    retention.purge_storage()
    assert not RenderJob.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_lists_what_would_go_and_deletes_nothing():
    job = _job()
    orphan = stored(f"{storage.FOLDER}/lost.pdf", b"x" * 100, age_days=3)

    report = retention.purge_storage(dry_run=True)

    assert RenderJob.objects.filter(pk=job.pk).exists()
    assert (storage.root() / job.file_name).exists()
    assert (storage.root() / orphan).exists()
    assert {(d.kind, d.name, d.size) for d in report.deletions if d.is_file} == {
        ("render job file", job.file_name, 13),
        ("orphan file", orphan, 100),
    }
    assert report.bytes == 113


@pytest.mark.django_db
def test_the_orphan_sweep_spares_referenced_young_and_foreign_files():
    kept_job = _job(finished_days_ago=2)
    old_orphan = stored(f"{storage.FOLDER}/orphan.pdf", age_days=2)
    young_orphan = stored(f"{storage.FOLDER}/just-written.pdf", age_days=0.5)
    young_part = stored(f"{storage.FOLDER}/.x.pdf.abc.part", age_days=0.1)
    old_part = stored(f"{storage.FOLDER}/.y.pdf.def.part", age_days=2)
    nested = stored(f"{storage.FOLDER}/deeper/orphan.pdf", age_days=2)
    foreign = stored("someone_elses_folder/file.pdf", age_days=400)

    report = retention.purge_storage()

    gone = {d.name for d in report.deletions if d.kind == "orphan file"}
    assert gone == {old_orphan, old_part, nested}
    for name in (kept_job.file_name, young_orphan, young_part, foreign):
        assert (storage.root() / name).exists(), name
    for name in gone:
        assert not (storage.root() / name).exists()


@pytest.mark.django_db
def test_the_command_lists_a_dry_run_with_bytes_then_deletes(capsys):
    job = _job()
    call_command("purge_storage", "--dry-run")
    out = capsys.readouterr().out
    assert f"Would delete render job file {job.file_name} (13 bytes)" in out
    assert "Would delete 1 row(s) and 1 file(s): 13 bytes" in out
    assert RenderJob.objects.exists()

    call_command("purge_storage")
    out = capsys.readouterr().out
    assert "Deleted 1 row(s) and 1 file(s): 13 bytes" in out
    assert not RenderJob.objects.exists()


@pytest.mark.django_db
def test_the_beat_task_runs_the_same_service():
    from documents.tasks import purge_storage

    job = _job()
    purge_storage.delay()
    assert not RenderJob.objects.filter(pk=job.pk).exists()


def test_the_beat_schedule_runs_the_purge_daily(monkeypatch):
    """With a broker (so a beat process), the purge is scheduled every day."""
    import importlib

    import kcc_planning.settings as app_settings

    monkeypatch.setenv("REDIS_URL", "redis://localhost:6379/0")
    try:
        schedule = importlib.reload(app_settings).CELERY_BEAT_SCHEDULE
    finally:
        monkeypatch.undo()  # the environment as it was (CI sets REDIS_URL), and the module read from it again
        importlib.reload(app_settings)
    assert schedule["documents-purge-storage"]["task"] == "documents.purge_storage"


def test_owners_register_once_and_never_clash():
    retention.register(retention.RENDER_JOBS)  # again: harmless
    clash = retention.Owner(key=retention.RENDER_JOBS.key, folders=("elsewhere",), referenced=list)
    with pytest.raises(ImproperlyConfigured):
        retention.register(clash)
    assert {owner.key for owner in retention.owners()} >= {"documents.render_jobs", "committees"}


def test_remove_never_leaves_private_storage(tmp_path):
    outside = storage.root().parent / "outside.pdf"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_bytes(b"keep me")
    assert storage.remove("../outside.pdf") == 0
    assert outside.exists()
    assert storage.remove(stored("render_jobs/a.pdf", b"abc")) == 3


@pytest.mark.django_db
def test_rows_are_deleted_in_batches_and_a_symlink_is_never_followed():
    jobs = [_job() for _ in range(5)]
    report = retention.PurgeReport(dry_run=False, now=timezone.now())
    report.delete_rows(
        kind="render job",
        file_kind="render job file",
        rows=RenderJob.objects.all(),
        files=lambda ids: RenderJob.objects.filter(pk__in=ids).values_list("file_name", flat=True),
        batch=2,
    )
    assert not RenderJob.objects.exists()
    assert report.count("render job") == 5
    assert report.count("render job file") == 5
    assert not any((storage.root() / job.file_name).exists() for job in jobs)

    precious = stored("elsewhere/precious.pdf", age_days=10)
    link = storage.root() / storage.FOLDER / "link.pdf"
    link.symlink_to(storage.root() / precious)
    os.utime(link, (time.time() - 10 * DAY,) * 2, follow_symlinks=False)
    retention.purge_storage()
    assert (storage.root() / precious).exists()
