"""The PDF job page in Chromium: accessible while running, updates itself, then offers the file or the error."""

import hashlib

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from documents import storage
from documents.models import RenderJob, RenderStatus

from ..factories import DivisionalPlanFactory, UserFactory
from ..support.browser import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_job_page_updates_itself_and_passes_accessibility_checks(live_server, page, page_checker):
    """Running → (the script polls) → ready with a download link; a failed job shows its message. axe and Nu clean."""
    plan = DivisionalPlanFactory(division__name="Human Resources")
    user = UserFactory(username="reader", first_name="Rita", last_name="Reader")
    job = RenderJob.objects.create(
        subject=plan, options={"renderer": "plan", "options": {}}, status=RenderStatus.RUNNING, progress=20
    )
    sign_in(page, live_server, user.username)

    page.goto(live_server.url + reverse("documents:render_job_status", args=[job.id]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Making your PDF")
    expect(page.get_by_role("status")).to_have_text("Rendering: 20% done.")
    page_checker.check(page, "job running")

    # The worker finishes: the page notices on its own (no click) and offers the file.
    content = b"%PDF-1.7\n% test file\n"
    name = f"{job.id}-test.pdf"
    (storage.jobs_folder() / name).write_bytes(content)
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderStatus.DONE,
        progress=100,
        file_name=f"{storage.FOLDER}/{name}",
        checksum=hashlib.sha256(content).hexdigest(),
        page_count=1,
        download_name="Human Resources business plan 2013-14 DRAFT.pdf",
    )
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your PDF is ready")
    page_checker.check(page, "job done")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    assert download_info.value.suggested_filename == "Human Resources business plan 2013-14 DRAFT.pdf"

    failed = RenderJob.objects.create(
        subject=plan,
        options={"renderer": "plan", "options": {}},
        status=RenderStatus.FAILED,
        error="The PDF could not be made. Please try again.",
    )
    page.goto(live_server.url + reverse("documents:render_job_status", args=[failed.id]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your PDF could not be made")
    expect(page.get_by_text("The PDF could not be made. Please try again.")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF")).to_have_count(0)
    page_checker.check(page, "job failed")
