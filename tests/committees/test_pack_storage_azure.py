"""A pack with an uploaded paper builds and downloads with private storage on Azure Blob Storage (Azurite):
the upload, the part cache and both packs are blobs, read back checked; nothing touches the local disk."""

import hashlib

import pytest
from django.urls import reverse

from committees import services
from committees.models import BuildStatus, Paper

from ..factories import PASSWORD


@pytest.fixture
def meeting_on_azure(on_azure, small_meeting):
    """The small meeting, its uploaded minutes stored in the Azurite container (``on_azure`` comes first)."""
    return small_meeting


def test_a_pack_with_an_upload_builds_and_downloads_from_blobs(on_azure, meeting_on_azure, clerk, client):
    """Upload, parts and packs are blobs; the full pack downloads through the permission-checked view intact; a
    pack blob changed behind the app's back is refused."""
    uploads = set(
        Paper.objects.filter(item__meeting=meeting_on_azure).exclude(file_name="").values_list("file_name", flat=True)
    )
    assert uploads
    assert uploads <= {blob.name for blob in on_azure.list_blobs()}
    build = services.pack_build_request(meeting=meeting_on_azure, requested_by=clerk)
    build = services.pack_build_run(build_id=build.pk)
    assert build.status == BuildStatus.DONE, build.error
    records = {record.visibility: record for record in build.files.all()}
    blobs = {blob.name for blob in on_azure.list_blobs()}
    assert {record.file_name for record in records.values()} <= blobs
    assert any(name.startswith("pack_cache/") for name in blobs)

    client.login(username=clerk.username, password=PASSWORD)
    url = reverse("committees:pack_download", args=[meeting_on_azure.pk, build.pk, "full"])
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == records["full"].checksum
    on_azure.upload_blob(records["full"].file_name, b"%PDF-1.7 forged", overwrite=True)
    assert client.get(url).status_code == 404
