"""A published pack's papers one by one are never lost (issue 15): with the broker down when the pack is published,
or the worker dead, the sweeper queues the public papers' task again; the task makes them once however often it
runs."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import OperationalError

from committees import services
from committees.models import PackBuild, PublicPaper
from committees.services.papers import PAPERS_DUE_AFTER, PAPERS_SWEEP_WINDOW, public_papers_sweep
from committees.tasks import make_public_papers

LATER = PAPERS_DUE_AFTER + datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The sweep's markers live in the cache (per process here): each test starts without any."""
    cache.clear()
    yield
    cache.clear()


def _refuse(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def published_broker_down(small_meeting, clerk, monkeypatch, django_capture_on_commit_callbacks, caplog):
    """The small meeting built, then published while the broker is down: the publication stands, no papers."""
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    with monkeypatch.context() as broker_down, django_capture_on_commit_callbacks(execute=True):
        broker_down.setattr(make_public_papers, "delay", _refuse)
        services.pack_publish(build=build, published_by=clerk)
    build.refresh_from_db()
    assert build.is_published
    assert f"Pack build {build.pk}: could not queue its public papers" in caplog.text
    assert not PublicPaper.objects.filter(build=build).exists()
    return build


def test_broker_down_at_publication_the_sweep_queues_the_papers(published_broker_down):
    """Not before the papers are due (a run may still be on its way); after that, one sweep queues the task
    (run eagerly here) and the papers are made; a second sweep finds nothing to do."""
    build = published_broker_down
    assert public_papers_sweep().sent == []
    report = public_papers_sweep(now=timezone.now() + LATER)
    assert report.sent == [str(build.pk)]
    made = PublicPaper.objects.filter(build=build)
    assert sorted(made.filter(kind="pdf").values_list("number", flat=True)) == ["A3", "B1", "C1"]
    count = made.count()
    again = public_papers_sweep(now=timezone.now() + LATER)
    assert (again.sent, again.unsent) == ([], [])
    assert PublicPaper.objects.filter(build=build).count() == count


def test_a_queued_run_is_waited_for_and_sent_again_if_it_is_lost_too(published_broker_down, monkeypatch):
    """A sweep queues the task once: the next sweeps leave it to its run; if that run is lost as well (the worker
    died), the build is queued again once the run's time is up."""
    build = published_broker_down
    sent = []
    monkeypatch.setattr(make_public_papers, "delay", lambda build_id: sent.append(build_id))
    now = timezone.now() + LATER
    assert public_papers_sweep(now=now).sent == [str(build.pk)]
    assert public_papers_sweep(now=now + datetime.timedelta(minutes=1)).sent == []
    assert sent == [str(build.pk)]
    cache.clear()  # the run's marker expires (``PAPERS_DUE_AFTER``) with no papers made
    assert public_papers_sweep(now=now + PAPERS_DUE_AFTER).sent == [str(build.pk)]
    assert sent == [str(build.pk)] * 2


def test_broker_still_down_the_sweep_reports_it_and_tries_next_time(published_broker_down, monkeypatch):
    """A sweep that cannot reach the broker says so and leaves no marker: the next sweep sends it."""
    build = published_broker_down
    monkeypatch.setattr(make_public_papers, "delay", _refuse)
    assert public_papers_sweep(now=timezone.now() + LATER).unsent == [str(build.pk)]
    monkeypatch.undo()
    assert public_papers_sweep(now=timezone.now() + LATER).sent == [str(build.pk)]
    assert PublicPaper.objects.filter(build=build).exists()


def test_old_publications_and_builds_with_nothing_to_make_are_left_alone(published_broker_down, monkeypatch):
    """A publication older than the sweep's window is not queued for ever; nor is one whose run found nothing to
    make (here its public pack is gone), until the window ends."""
    build = published_broker_down
    sent = []
    monkeypatch.setattr(make_public_papers, "delay", lambda build_id: sent.append(build_id))
    assert public_papers_sweep(now=timezone.now() + PAPERS_SWEEP_WINDOW + LATER).sent == []
    build.files.filter(visibility="public").update(checksum="0" * 64)  # damaged: nothing can be cut from it
    make_public_papers(str(build.pk))
    assert not PublicPaper.objects.filter(build=build).exists()
    assert public_papers_sweep(now=timezone.now() + LATER).sent == []
    assert sent == []


def test_the_task_run_twice_makes_the_papers_once(published_broker_down):
    """The task is idempotent: a second run (a redelivered message, a sweep beside a late run) adds nothing and
    keeps the first run's files."""
    build = published_broker_down
    make_public_papers(str(build.pk))
    first = list(PublicPaper.objects.filter(build=build).values_list("pk", "file_name", "checksum"))
    assert first
    make_public_papers(str(build.pk))
    assert list(PublicPaper.objects.filter(build=build).values_list("pk", "file_name", "checksum")) == first


def test_sweep_jobs_command_sweeps_the_public_papers(published_broker_down, capsys):
    """``manage.py sweep_jobs`` runs the papers' sweep with the others and reports it."""
    PackBuild.objects.filter(pk=published_broker_down.pk).update(published_at=timezone.now() - LATER)
    call_command("sweep_jobs")
    assert "Public papers: 1 sent again, 0 could not be sent." in capsys.readouterr().out
    assert PublicPaper.objects.filter(build=published_broker_down).exists()
