"""Progress always: with no broker a render runs in the background thread behind its job page; with a broker and
no worker the job page says so after a minute."""

import datetime
import threading

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import background, services
from documents.models import NO_WORKER_LABEL, RenderJob, RenderStatus

from ..factories import PASSWORD, UserFactory


@pytest.fixture
def staff_client(client):
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    return client


def status_url(job) -> str:
    return reverse("documents:render_job_status", args=[job.id])


@pytest.mark.django_db(transaction=True)
def test_with_no_broker_the_request_answers_with_the_progress_page_while_the_thread_renders(
    staff_client, plan, settings, monkeypatch
):
    """Eager Celery and the background thread on: asking for the PDF answers at once with "Making your PDF"
    (progress shown, the page polls), the job moves on while the request is long gone, and the page then offers
    the file."""
    settings.RENDER_IN_BACKGROUND_THREAD = True
    assert background.enabled()
    release = threading.Event()
    laid_out = threading.Event()
    real = services.html_to_pdf

    def held(html, **kwargs):
        laid_out.set()
        assert release.wait(30), "the test never released the render"
        return real(html, **kwargs)

    monkeypatch.setattr(services, "html_to_pdf", held)
    response = staff_client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(job)

    assert laid_out.wait(30), "the background thread never started the render"
    job.refresh_from_db()
    assert job.status == RenderStatus.RUNNING
    assert job.progress == services.PROGRESS_HTML_BUILT
    page = staff_client.get(status_url(job)).content.decode()
    assert '<h1 class="govuk-heading-l">Making your PDF</h1>' in page
    assert f'value="{services.PROGRESS_HTML_BUILT}"' in page
    assert "js/render_job.js" in page
    payload = staff_client.get(status_url(job), {"format": "json"}).json()
    assert payload["status"] == "running"
    assert payload["finished"] is False

    release.set()
    assert background.wait_idle(60)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job.progress == 100
    page = staff_client.get(status_url(job)).content.decode()
    assert "Your PDF is ready" in page
    response = staff_client.get(reverse("documents:render_job_download", args=[job.id]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db(transaction=True)
def test_a_failing_render_in_the_thread_fails_its_job_and_the_thread_serves_the_next(
    staff_client, plan, settings, monkeypatch
):
    """An error in one background render fails that job with the usual message; the next render still runs."""
    settings.RENDER_IN_BACKGROUND_THREAD = True
    real = services.html_to_pdf
    calls = []

    def first_fails(html, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("WeasyPrint fell over")
        return real(html, **kwargs)

    monkeypatch.setattr(services, "html_to_pdf", first_fails)
    staff_client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    assert background.wait_idle(60)
    staff_client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    assert background.wait_idle(60)
    failed, done = RenderJob.objects.order_by("created_at")
    assert failed.status == RenderStatus.FAILED
    assert failed.error.startswith("The PDF could not be made.")
    assert done.status == RenderStatus.DONE


@pytest.mark.django_db
def test_by_default_in_tests_the_eager_render_runs_in_the_request(
    staff_client, plan, django_capture_on_commit_callbacks
):
    """The thread is a setting: off, the eager task renders before the request answers (as the other tests rely on)."""
    assert not background.enabled()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    assert RenderJob.objects.get().status == RenderStatus.DONE


@pytest.fixture
def with_broker(monkeypatch):
    """As if REDIS_URL were set: queued work waits for a worker instead of running in this process."""
    monkeypatch.setattr(background, "in_process", lambda: False)


def queued_job(plan, *, minutes_ago: float, **fields) -> RenderJob:
    return RenderJob.objects.create(
        subject=plan,
        options={"renderer": "plan", "options": {}},
        queued_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


@pytest.mark.django_db
def test_a_job_no_worker_has_taken_after_a_minute_says_so_and_whom_to_tell(staff_client, plan, with_broker):
    """Queued with a broker for over a minute: the page says no worker has picked it up, to tell IT, with the
    reference; the percentage is hidden; the polling payload says so too (the script reloads to show it)."""
    job = queued_job(plan, minutes_ago=2)
    page = staff_client.get(status_url(job)).content.decode()
    assert "No worker has picked this up yet: tell IT" in page
    assert f"quoting reference {job.pk}" in page
    assert "data-waits-for-worker" in page
    assert f"<span data-render-job-label>{NO_WORKER_LABEL}</span><span data-render-job-done hidden>" in page
    payload = staff_client.get(status_url(job), {"format": "json"}).json()
    assert payload == {
        "status": "queued",
        "status_label": NO_WORKER_LABEL,
        "progress": 0,
        "progress_hidden": True,
        "finished": False,
        "waits_for_worker": True,
    }


@pytest.mark.django_db
def test_a_job_queued_less_than_a_minute_ago_or_without_a_broker_shows_no_worker_hint(staff_client, plan, with_broker):
    """Just sent: plain "Queued". A job whose message never reached the broker keeps its own message."""
    fresh = queued_job(plan, minutes_ago=0.5)
    page = staff_client.get(status_url(fresh)).content.decode()
    assert "No worker has picked this up yet" not in page
    assert "<span data-render-job-label>Queued</span>" in page
    unsent = queued_job(plan, minutes_ago=5, enqueue_failed_at=timezone.now())
    page = staff_client.get(status_url(unsent)).content.decode()
    assert "No worker has picked this up yet" not in page
    assert "will start by itself when the service is back" in page


@pytest.mark.django_db
def test_with_no_broker_an_old_queued_job_never_blames_a_worker(staff_client, plan):
    """In the embedded default nothing waits for a worker, so the hint never shows there."""
    job = queued_job(plan, minutes_ago=10)
    assert background.in_process()
    assert not job.waits_for_worker()
    assert "No worker has picked this up yet" not in staff_client.get(status_url(job)).content.decode()
