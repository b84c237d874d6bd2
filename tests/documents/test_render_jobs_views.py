"""Download as PDF over HTTP: request, follow the job, download; every step checks the user's permission."""

import hashlib
import uuid

import pytest
from django.urls import reverse

from documents import registry, storage
from documents.models import RenderJob, RenderStatus
from plans.models import Plan
from plans.plan_renderer import build_plan_html, plan_filename

from ..factories import (
    PASSWORD,
    UserFactory,
    officer_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    return client


def make_job(plan, *, status=RenderStatus.QUEUED, renderer="plan", content: bytes | None = None, **fields):
    """A job in any state; with ``content`` its file is written to private storage first, as a worker would."""
    job = RenderJob.objects.create(subject=plan, options={"renderer": renderer, "options": {}}, **fields)
    if content is not None:
        name = f"{job.id}-test.pdf"
        (storage.jobs_folder() / name).write_bytes(content)
        job.file_name = f"{storage.FOLDER}/{name}"
        job.checksum = hashlib.sha256(content).hexdigest()
        job.page_count = 1
        job.download_name = "Human Resources business plan 2013-14 DRAFT.pdf"
    job.status = status
    job.save()
    return job


def status_url(job) -> str:
    return reverse("documents:render_job_status", args=[job.id])


def download_url(job) -> str:
    return reverse("documents:render_job_download", args=[job.id])


def test_anonymous_users_are_sent_to_sign_in_and_no_job_is_made(client, plan):
    """Requesting, following or downloading without signing in redirects to the login page."""
    response = client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert RenderJob.objects.count() == 0
    job = make_job(plan, status=RenderStatus.DONE, content=b"%PDF-1.7 test")
    for url in (status_url(job), download_url(job)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_asking_for_a_pdf_needs_a_post(staff_client, plan):
    """A GET (a link, a prefetch) never starts a render."""
    assert staff_client.get(reverse("plans:plan_pdf", args=[plan.pk])).status_code == 405
    assert RenderJob.objects.count() == 0


def test_asking_for_the_pdf_of_an_unknown_plan_is_not_found(staff_client):
    """404 for a plan that does not exist."""
    assert staff_client.post(reverse("plans:plan_pdf", args=[999_999])).status_code == 404


def test_download_as_pdf_renders_and_offers_the_file(staff_client, plan, django_capture_on_commit_callbacks):
    """POST → the job page; once rendered it offers "Download the PDF", which serves the PDF as an attachment."""
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("plans:plan_pdf", args=[plan.pk]))
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(job)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    page = staff_client.get(status_url(job)).content.decode()
    assert "Your PDF is ready" in page
    assert f'href="{download_url(job)}">Download the PDF</a>' in page
    assert "render_job.js" not in page

    response = staff_client.get(download_url(job))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Human Resources business plan 2013-14 DRAFT.pdf"'
    assert "no-cache" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == job.checksum


def test_a_queued_job_shows_progress_polls_with_script_and_offers_check_again(staff_client, plan):
    """While queued or running: status and progress, the polling script, and a no-JavaScript "check again" link."""
    job = make_job(plan, status=RenderStatus.RUNNING, progress=20)
    page = staff_client.get(status_url(job)).content.decode()
    assert '<h1 class="govuk-heading-l">Making your PDF</h1>' in page
    assert '<progress class="council-progress" id="render-job-progress" max="100" value="20">' in page
    assert f'<a class="govuk-link" href="{status_url(job)}">check again</a>' in page
    assert "js/render_job.js" in page
    assert "Download the PDF" not in page
    assert 'http-equiv="refresh"' not in page

    response = staff_client.get(status_url(job), {"format": "json"})
    assert response.json() == {
        "status": "running",
        "status_label": "Rendering",
        "progress": 20,
        "progress_hidden": False,
        "finished": False,
        "waits_for_worker": False,
    }


def test_a_failed_job_shows_its_message_and_no_download(staff_client, plan):
    """A failed job says why and offers no file; its download URL is 404."""
    job = make_job(plan, status=RenderStatus.FAILED, error="The PDF could not be made. Please try again.")
    page = staff_client.get(status_url(job)).content.decode()
    assert "Your PDF could not be made" in page
    assert "The PDF could not be made. Please try again." in page
    assert "Download the PDF" not in page
    assert staff_client.get(download_url(job)).status_code == 404


def test_unknown_or_tampered_job_ids_are_not_found(staff_client, plan):
    """A made-up UUID or a non-UUID id gives 404 on the job page and the download."""
    made_up = uuid.uuid4()
    assert staff_client.get(reverse("documents:render_job_status", args=[made_up])).status_code == 404
    assert staff_client.get(reverse("documents:render_job_download", args=[made_up])).status_code == 404
    assert staff_client.get("/documents/jobs/not-a-uuid/").status_code == 404
    assert staff_client.get("/documents/jobs/../../etc/passwd/download/").status_code == 404


def test_a_done_job_whose_file_has_gone_is_not_found_not_an_error(staff_client, plan):
    """Storage wiped: the job page says the PDF is no longer available; the download is 404, never 500."""
    job = make_job(plan, status=RenderStatus.DONE, content=b"%PDF-1.7 test")
    (storage.root() / job.file_name).unlink()
    page = staff_client.get(status_url(job)).content.decode()
    assert "The PDF is no longer available" in page
    assert "Download the PDF" not in page
    assert staff_client.get(download_url(job)).status_code == 404


def test_a_file_that_no_longer_matches_its_checksum_is_not_served(staff_client, plan):
    """A damaged or swapped file (checksum mismatch) is refused, and the job page offers no link to it."""
    job = make_job(plan, status=RenderStatus.DONE, content=b"%PDF-1.7 original")
    (storage.root() / job.file_name).write_bytes(b"%PDF-1.7 swapped")
    assert staff_client.get(download_url(job)).status_code == 404
    page = staff_client.get(status_url(job)).content.decode()
    assert "The PDF is no longer available" in page
    assert "Download the PDF" not in page


def test_a_file_name_pointing_outside_private_storage_is_not_served(staff_client, plan):
    """A job row edited to point at another file never serves it."""
    job = make_job(plan, status=RenderStatus.DONE, content=b"%PDF-1.7 test")
    RenderJob.objects.filter(pk=job.pk).update(file_name="../../../../etc/passwd", checksum="")
    assert staff_client.get(download_url(job)).status_code == 404


@pytest.fixture
def locked_renderer(monkeypatch):
    """A renderer that, unlike the plan's, needs the change permission: only the division's officers."""
    renderer = registry.DocumentRenderer(
        key="locked_plan",
        model=Plan,
        build_html=build_plan_html,
        filename=plan_filename,
        permission="plans.change_plan",
    )
    monkeypatch.setitem(registry._renderers, renderer.key, renderer)
    return renderer


def test_jobs_are_visible_only_to_users_with_the_renderers_permission(client, plan, locked_renderer):
    """Another user without the permission on the subject gets 404 (not 403) for the job and its file."""
    job = make_job(plan, renderer=locked_renderer.key, status=RenderStatus.DONE, content=b"%PDF-1.7 test")
    client.login(username=UserFactory(username="outsider").username, password=PASSWORD)
    assert client.get(status_url(job)).status_code == 404
    assert client.get(download_url(job)).status_code == 404

    client.login(username=officer_for(plan.division, "hr-officer").username, password=PASSWORD)
    assert client.get(status_url(job)).status_code == 200
    assert client.get(download_url(job)).status_code == 200


def test_a_job_of_a_deleted_plan_or_unknown_renderer_is_not_found(staff_client, plan):
    """The subject deleted or the renderer unregistered: 404, not 500."""
    orphan = make_job(plan, renderer="no-longer-registered", status=RenderStatus.FAILED, error="x")
    assert staff_client.get(status_url(orphan)).status_code == 404
    job = make_job(plan, status=RenderStatus.FAILED, error="x")
    plan.delete()
    assert staff_client.get(status_url(job)).status_code == 404
