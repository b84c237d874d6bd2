"""With private storage on Azure Blob Storage (Azurite), a separate worker process and the web process share no
disk: the worker renders the PDF into the container and the web process streams it out of the container.

Runs where REDIS_URL and DATABASE_URL are set (CI's .ci/run sets both) and Azurite is installed (``npm ci``).
"""

import hashlib

import pytest
from azure.storage.blob import BlobServiceClient
from django.db import connection
from django.urls import reverse

from documents.models import RenderJob, RenderStatus
from documents.tasks import render_document

from ..factories import PASSWORD, UserFactory
from ..support.azurite import azure_private_storage, azurite_blob
from ..support.services import REAL_SERVICES
from ..support.worker import tasks_to_private_queue, wait_for, worker

pytestmark = REAL_SERVICES


@pytest.fixture
def private_queue(monkeypatch):
    """The render task goes to a queue of this test's own, so only the worker started here takes it."""
    with tasks_to_private_queue(monkeypatch, render_document) as queue:
        yield queue


def test_a_pdf_rendered_by_the_worker_downloads_through_the_web_process(
    private_queue, client, plan, settings, tmp_path
):
    """Request in the web process → a worker (its own empty local folder, storage on Azurite) renders → the
    download view streams the blob: a PDF with the recorded checksum. Neither process's local folder is used."""
    assert connection.vendor == "postgresql"
    web_folder, worker_folder = tmp_path / "web-private", tmp_path / "worker-private"
    settings.PRIVATE_STORAGE_ROOT = web_folder
    with azurite_blob() as azurite, azure_private_storage(azurite):
        client.login(username=UserFactory(username="reader").username, password=PASSWORD)
        response = client.post(reverse("plans:plan_pdf", args=[plan.pk]))
        assert response.status_code == 302
        job = RenderJob.objects.get()
        worker_env = {**azurite.env, "PRIVATE_STORAGE_ROOT": str(worker_folder)}
        with worker(private_queue, extra_env=worker_env):
            wait_for(job, lambda job: job.is_finished, timeout=120, interval=0.2)
        assert job.status == RenderStatus.DONE, job.error

        container = BlobServiceClient.from_connection_string(azurite.connection_string).get_container_client(
            azurite.container
        )
        assert [blob.name for blob in container.list_blobs()] == [job.file_name]
        download = client.get(reverse("documents:render_job_download", args=[job.id]))
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        body = b"".join(download.streaming_content)
        assert body.startswith(b"%PDF-")
        assert hashlib.sha256(body).hexdigest() == job.checksum
        page = client.get(reverse("documents:render_job_status", args=[job.id])).content.decode()
        assert "Download the PDF" in page
    assert not web_folder.exists()
    assert not worker_folder.exists()
