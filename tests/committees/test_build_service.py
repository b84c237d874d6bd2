"""Pack builds: the task runs from the build id alone, failures leave no file, a killed run is retried cleanly,
and publishing freezes a build."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from committees import services
from committees.models import BuildStatus, PackBuild, PackFile
from committees.packs import builder
from committees.services import packs as pack_services
from committees.tasks import build_pack

from .factories import AgendaItemFactory, CoverReportFactory, MeetingFactory


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory()
    CoverReportFactory(item=AgendaItemFactory(meeting=meeting, section="C", title="Performance Benchmarking"))
    return meeting


def _files():
    return sorted(path.name for path in services.packs_folder().iterdir())


def test_task_builds_both_packs_from_the_build_id(meeting, clerk, django_capture_on_commit_callbacks):
    """The request queues the task on commit; the task records one full and one public file with checksums."""
    with django_capture_on_commit_callbacks(execute=True):
        build = services.pack_build_request(meeting=meeting, requested_by=clerk)
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE
    assert build.progress == 100
    assert sorted(build.files.values_list("visibility", flat=True)) == ["full", "public"]
    assert len(_files()) == 2
    assert build.ranges == {"C1": [1, 1]}


class Killed(BaseException):
    """Stands in for the worker process dying (not an Exception, so no cleanup code catches it)."""


def test_failure_late_in_the_render_leaves_no_file(meeting, clerk, monkeypatch):
    """An error while assembling the PDFs marks the build failed with a message, and nothing is stored."""
    build = services.pack_build_request(meeting=meeting, requested_by=clerk)

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(builder, "assemble", broken)
    build_pack(str(build.pk))
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert str(build.pk) in build.error
    assert _files() == []
    assert not PackFile.objects.exists()


def test_worker_killed_between_writing_and_recording_then_retried(meeting, clerk, monkeypatch):
    """A worker dying after writing the files but before recording them publishes nothing; the retry (the
    redelivered task) removes the leftovers and records exactly one file per pack."""
    build = services.pack_build_request(meeting=meeting, requested_by=clerk)
    save = pack_services.storage.save

    def write_then_die_after_the_last_file(name, data):
        stored = save(name, data)
        if "-public-" in name:
            raise Killed
        return stored

    monkeypatch.setattr(pack_services.storage, "save", write_then_die_after_the_last_file)
    with pytest.raises(Killed):
        services.pack_build_run(build_id=build.pk)
    build.refresh_from_db()
    assert build.status == BuildStatus.RUNNING
    assert len(_files()) == 2  # both packs are on disk ...
    assert not PackFile.objects.exists()  # ... and neither is recorded
    monkeypatch.undo()
    services.pack_build_run(build_id=build.pk)
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE
    assert PackFile.objects.filter(build=build).count() == 2
    assert len(_files()) == 2
    assert sorted(services.packs_folder().iterdir()) == sorted(
        services.packs_folder().parent / record.file_name for record in build.files.all()
    )
    # Running the task again (a duplicate delivery) changes nothing.
    services.pack_build_run(build_id=build.pk)
    assert len(_files()) == 2


def _built(meeting, user) -> PackBuild:
    build = services.pack_build_request(meeting=meeting, requested_by=user)
    return services.pack_build_run(build_id=build.pk)


def test_publishing_freezes_a_build_and_republishing_records_what_changed(meeting, clerk):
    """Version 1 needs no note; it cannot be published twice; version 2 needs a note and lists the changes."""
    first = services.pack_publish(build=_built(meeting, clerk), published_by=clerk)
    assert first.version == 1
    assert first.is_published
    with pytest.raises(ValidationError):
        services.pack_publish(build=first, published_by=clerk)
    CoverReportFactory(item=AgendaItemFactory(meeting=meeting, section="D", title="Budget Consultation 2013/14"))
    second = _built(meeting, clerk)
    with pytest.raises(ValidationError) as error:
        services.pack_publish(build=second, published_by=clerk)
    assert "change_note" in error.value.message_dict
    second = services.pack_publish(build=second, published_by=clerk, change_note="Supplement: D1 added.")
    assert second.version == 2
    assert second.changes == ["Item D1 added"]
    # The first publication's files are untouched and still match their checksums.
    from committees.selectors import pack_file_path

    assert all(pack_file_path(record=record) for record in first.files.all())


def test_published_file_that_was_tampered_with_is_not_served(meeting, clerk, client):
    """A stored pack whose bytes no longer match the recorded checksum gives 404, never the altered file."""
    build = services.pack_publish(build=_built(meeting, clerk), published_by=clerk)
    record = build.files.get(visibility="public")
    path = services.packs_folder().parent / record.file_name
    path.chmod(0o644)
    path.write_bytes(b"%PDF-1.7 forged")
    response = client.get(reverse("committees_public:pack_download", args=[meeting.pk]))
    assert response.status_code == 404


def test_build_pack_command_writes_the_chosen_pack(meeting, tmp_path):
    """`build_pack <id> --public --output FILE` writes the public pack; an unknown meeting is a clear error."""
    from django.core.management import CommandError, call_command

    output = tmp_path / "pack.pdf"
    call_command("build_pack", str(meeting.pk), "--public", "--output", str(output), "--published-on", "2012-12-28")
    assert output.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="no meeting"):
        call_command("build_pack", "999999", "--full", "--output", str(output))
