"""Addresses from before committees and documents became apps of their own keep working (ADR 0005)."""

import uuid

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/plans/meetings/", reverse("committees:meeting_list")),
        ("/plans/meetings/7/", reverse("committees:meeting_detail", args=[7])),
        ("/plans/meetings/7/papers/3/file/", reverse("committees:paper_file", args=[7, 3])),
        (
            f"/plans/jobs/{uuid.UUID(int=5)}/download/",
            reverse("documents:render_job_download", args=[uuid.UUID(int=5)]),
        ),
    ],
)
def test_old_addresses_redirect_permanently_to_the_new_ones(client, old, new):
    """A bookmarked or emailed link is sent, permanently, to the page's new address."""
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_query_string_goes_with_the_redirect(client):
    """What followed the address (a status poll's ``?format=json``) is kept."""
    job = uuid.UUID(int=9)
    response = client.get(f"/plans/jobs/{job}/?format=json")
    assert response["Location"] == reverse("documents:render_job_status", args=[job]) + "?format=json"


def test_a_form_posted_to_an_old_address_is_posted_again(client):
    """A form open in a tab since before the upgrade is redirected with 308, so the browser posts it again."""
    response = client.post("/plans/meetings/7/packs/", {"published_on": "2012-12-28"})
    assert response.status_code == 308
    assert response["Location"] == reverse("committees:pack_build", args=[7])
