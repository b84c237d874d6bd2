"""The private storage facade keeps its contract on Azure Blob Storage (Azurite): what is saved reads back checked,
a tampered or missing blob is refused, listing, sizes and deletion work, and downloads stream through the views."""

import hashlib
import io

import pytest
from django.urls import reverse

from documents import backup, storage
from documents.models import RenderJob, RenderStatus
from kcc_planning import health

from ..factories import PASSWORD, UserFactory


def test_saved_files_read_back_checked(on_azure):
    """A saved file opens with its checksum, rewound, with its size and time; the blob holds exactly the bytes."""
    data = b"%PDF-1.7 stored on azure"
    checksum = hashlib.sha256(data).hexdigest()
    name = storage.save("render_jobs/one.pdf", data)
    assert name == "render_jobs/one.pdf"
    assert on_azure.download_blob(name).readall() == data
    with storage.verified_open(name=name, checksum=checksum) as handle:
        assert handle.read() == data
    assert storage.verified_bytes(name=name, checksum=checksum) == data
    assert storage.exists(name)
    assert storage.size(name) == len(data)
    assert storage.modified_time(name) > 0
    assert storage.checksum(name) == (checksum, len(data))


def test_saving_again_replaces_the_file(on_azure):
    """Names are the app's own (checksums, job ids): a second save under a name replaces, never renames."""
    storage.save("pack_cache/key.json", b"[]")
    assert storage.save("pack_cache/key.json", b'["text"]') == "pack_cache/key.json"
    assert storage.read("pack_cache/key.json") == b'["text"]'
    assert [stored.name for stored in storage.iterate("pack_cache")] == ["pack_cache/key.json"]


def test_a_large_file_is_streamed_in_and_out(on_azure):
    """A file object larger than the checksum chunk is saved and checked without the caller holding it whole."""
    data = bytes(range(256)) * (3 * storage.CHUNK_BYTES // 256 + 7)
    storage.save("agenda_packs/big.pdf", io.BytesIO(data))
    checksum = hashlib.sha256(data).hexdigest()
    with storage.verified_open(name="agenda_packs/big.pdf", checksum=checksum) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == checksum


def test_a_tampered_missing_or_unnamed_file_is_refused(on_azure):
    """A blob changed behind the app's back, a wrong or empty checksum, a missing blob or an unsafe name: None."""
    data = b"%PDF-1.7 original"
    checksum = hashlib.sha256(data).hexdigest()
    name = storage.save("committee_papers/paper.pdf", data)
    on_azure.upload_blob(name, b"%PDF-1.7 swapped", overwrite=True)
    assert storage.verified_open(name=name, checksum=checksum) is None
    assert storage.verified_bytes(name=name, checksum=hashlib.sha256(b"other").hexdigest()) is None
    assert storage.verified_open(name=name, checksum="") is None
    assert storage.verified_open(name="committee_papers/missing.pdf", checksum=checksum) is None
    assert storage.verified_open(name="../committee_papers/paper.pdf", checksum=checksum) is None
    assert storage.verified_path(name=name, checksum=hashlib.sha256(b"%PDF-1.7 swapped").hexdigest()) is None
    with pytest.raises(ValueError, match="Not a name inside private storage"):
        storage.save("../outside.pdf", data)


def test_listing_sizes_and_deletion(on_azure):
    """``iterate`` lists a folder's files (and only its) with sizes; ``delete`` frees the bytes once."""
    storage.save("render_jobs/a.pdf", b"abc")
    storage.save("render_jobs/b.pdf", b"abcde")
    storage.save("agenda_packs/c.pdf", b"x")
    listed = list(storage.iterate("render_jobs"))
    assert [(stored.name, stored.size) for stored in listed] == [("render_jobs/a.pdf", 3), ("render_jobs/b.pdf", 5)]
    assert {stored.name for stored in storage.iterate()} == {
        "render_jobs/a.pdf",
        "render_jobs/b.pdf",
        "agenda_packs/c.pdf",
    }
    assert storage.delete("render_jobs/a.pdf") == 3
    assert storage.delete("render_jobs/a.pdf") == 0
    assert not storage.exists("render_jobs/a.pdf")
    assert storage.size("render_jobs/a.pdf") is None
    assert [stored.name for stored in storage.iterate("render_jobs")] == ["render_jobs/b.pdf"]


@pytest.mark.django_db
def test_readiness_writes_its_probe_to_the_container_and_leaves_nothing(on_azure):
    """``/readyz``'s storage check writes and removes a probe blob through the storage API."""
    assert health._storage() is None
    assert list(on_azure.list_blobs()) == []


@pytest.mark.django_db
def test_a_render_job_on_azure_downloads_through_the_view(on_azure, client, plan):
    """A finished job whose file is a blob streams through the permission-checked download; a swapped one is 404."""
    content = b"%PDF-1.7 rendered elsewhere"
    job = RenderJob.objects.create(subject=plan, options={"renderer": "plan", "options": {}})
    job.file_name = storage.save(f"{storage.FOLDER}/{job.id}-test.pdf", content)
    job.checksum = hashlib.sha256(content).hexdigest()
    job.status, job.page_count, job.download_name = RenderStatus.DONE, 1, "plan.pdf"
    job.save()
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    url = reverse("documents:render_job_download", args=[job.id])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    on_azure.upload_blob(job.file_name, b"%PDF-1.7 swapped", overwrite=True)
    assert client.get(url).status_code == 404


def test_backup_lists_every_blob(on_azure):
    """The backup's file walk goes through the storage API, so it sees every blob in every folder."""
    storage.save("agenda_packs/p.pdf", b"pack")
    storage.save("committee_papers/q.pdf", b"paper")
    assert backup._stored_files() == ["agenda_packs/p.pdf", "committee_papers/q.pdf"]
