"""Scales and bands are changed in the admin, and every risk follows at once."""

import pytest
from django.urls import reverse

from risks.models import Band

from ..factories import UserFactory
from .factories import RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def _band_post(band: Band, **changes) -> dict:
    return {"name": band.name, "tone": band.tone, "lower": band.lower, "upper": band.upper, **changes}


def test_changing_a_band_limit_in_the_admin_rebands_existing_risks(admin_client):
    """Moving High down to 12 (and Medium's top to 10) makes an existing 12 show as High on the register."""
    risk = RiskFactory(current_likelihood=3, current_impact=4, target_likelihood=2, target_impact=2)
    url = reverse("risks:register_detail", args=[risk.register.pk])
    assert admin_client.get(url).context["risks"][0].current_rating.band.name == "Medium"

    medium, high = Band.objects.get(name="Medium"), Band.objects.get(name="High")
    response = admin_client.post(reverse("admin:risks_band_change", args=[medium.pk]), _band_post(medium, upper=10))
    assert response.status_code == 302
    response = admin_client.post(reverse("admin:risks_band_change", args=[high.pk]), _band_post(high, lower=12))
    assert response.status_code == 302

    response = admin_client.get(url)
    assert response.context["risks"][0].current_rating.band.name == "High"
    row = response.content.decode().split(f'id="risk-{risk.reference}"')[1].split("</tr>")[0]
    assert 'council-band--high">High' in row
    assert "Medium" not in row


def test_overlapping_limits_are_refused_in_the_admin(admin_client):
    """The admin form refuses a band that overlaps another, with a message on the field."""
    high = Band.objects.get(name="High")
    response = admin_client.post(reverse("admin:risks_band_change", args=[high.pk]), _band_post(high, lower=15))
    assert response.status_code == 200
    assert "These limits overlap the Medium band (8-15)." in response.content.decode()
    high.refresh_from_db()
    assert high.lower == 16


def test_band_list_warns_about_ratings_no_band_covers(admin_client):
    """After narrowing Low to 1-4, the admin list warns that 5 and 6 have no band."""
    Band.objects.filter(name="Low").update(upper=4)
    page = admin_client.get(reverse("admin:risks_band_changelist")).content.decode()
    assert "No band covers these ratings" in page
    assert "5, 6" in page


def test_renaming_a_label_in_the_admin_changes_the_derived_labels(admin_client):
    """Labels are data: "Serious" renamed to "Severe" shows as "Severe (4)" on a risk rated 4."""
    from risks.models import ScaleLevel

    risk = RiskFactory(current_likelihood=3, current_impact=4)
    level = ScaleLevel.objects.get(kind="impact", value=4)
    admin_client.post(
        reverse("admin:risks_scalelevel_change", args=[level.pk]), {"kind": "impact", "value": 4, "label": "Severe"}
    )
    page = admin_client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "Possible (3) × Severe (4)" in page
