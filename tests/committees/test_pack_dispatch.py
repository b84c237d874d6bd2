"""Pack builds when the broker is down or a worker dies (issue 11 items 4-5): the request still succeeds and the
build page says why it waits; the sweeper sends it when the broker is back and retries a build whose worker died."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from committees import services
from committees.models import BuildStatus, PackBuild
from committees.tasks import build_pack
from documents.models import BROKER_DOWN_LABEL, INTERRUPTED_LABEL

from ..factories import PASSWORD
from .factories import AgendaItemFactory, CoverReportFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory()
    CoverReportFactory(item=AgendaItemFactory(meeting=meeting, section="C", title="Performance Benchmarking"))
    return meeting


def test_broker_down_the_build_request_succeeds_and_the_build_runs_when_it_is_back(
    client, meeting, clerk, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """POST with the broker down → 302 to the build page saying it waits for the service; one sweep later (broker
    back) the build is done with both packs."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(build_pack, "delay", refuse)
    client.login(username=clerk.username, password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("committees:pack_build", args=[meeting.pk]), {"published_on": "2012-12-28"})
    build = PackBuild.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:pack_build_status", args=[meeting.pk, build.pk])
    assert build.status == BuildStatus.QUEUED
    assert build.enqueue_failed_at is not None
    assert f"Pack build {build.pk} could not be queued" in caplog.text
    page = client.get(response["Location"]).content.decode()
    assert f"<span data-render-job-label>{BROKER_DOWN_LABEL}</span><span data-render-job-done hidden>" in page
    assert client.get(response["Location"], {"format": "json"}).json()["progress_hidden"] is True

    monkeypatch.undo()
    assert services.pack_builds_sweep().sent == [str(build.pk)]
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE
    assert build.files.count() == 2
    assert "The packs are ready" in client.get(response["Location"]).content.decode()


def test_a_build_whose_worker_died_shows_interrupted_and_is_retried_then_failed(client, meeting, clerk, monkeypatch):
    """A "Building 41%" past the hard time limit is shown as "Interrupted, retrying" (no frozen percentage), queued
    again twice by the sweeper, then failed with its reference."""
    sent = []
    monkeypatch.setattr(build_pack, "delay", lambda *args: sent.append(args))
    build = services.pack_build_request(meeting=meeting, requested_by=clerk)
    long_ago = timezone.now() - datetime.timedelta(seconds=PackBuild.time_limit, minutes=5)
    PackBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, progress=41, started_at=long_ago)
    client.login(username=clerk.username, password=PASSWORD)
    url = reverse("committees:pack_build_status", args=[meeting.pk, build.pk])
    page = client.get(url).content.decode()
    assert f"<span data-render-job-label>{INTERRUPTED_LABEL}</span><span data-render-job-done hidden>" in page

    # Just inside the limit: left alone.
    PackBuild.objects.filter(pk=build.pk).update(started_at=timezone.now() - datetime.timedelta(seconds=600))
    assert services.pack_builds_sweep().retried == []
    for retry in (1, 2):
        PackBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, started_at=long_ago)
        assert services.pack_builds_sweep().retried == [str(build.pk)]
        build.refresh_from_db()
        assert (build.status, build.retries, build.progress) == (BuildStatus.QUEUED, retry, 0)
        assert sent[-1] == (str(build.pk), retry)
        assert INTERRUPTED_LABEL in client.get(url).content.decode()
    PackBuild.objects.filter(pk=build.pk).update(status=BuildStatus.RUNNING, started_at=long_ago)
    assert services.pack_builds_sweep().failed == [str(build.pk)]
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert str(build.pk) in build.error
    # The first message, redelivered late, does not start the failed build again.
    services.pack_build_run(build_id=build.pk)
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
