"""Editing a KPI or activity indicator is optimistically locked: a stale save gets the conflict page."""

import pytest
from django.urls import reverse

from kcc_planning.locking import EditConflict
from performance.services import kpi_save

from .factories import ActivityIndicatorFactory, KpiFactory
from .test_indicator_pages import _kpi_form

pytestmark = pytest.mark.django_db


def test_a_save_bumps_the_version_and_a_stale_one_is_refused(plan):
    """Each save moves the version on; a save from an older version raises and writes nothing."""
    kpi = KpiFactory(plan=plan, reference="PI01", description="Before")
    kpi_save(plan=plan, kpi=kpi, values={"description": "Theirs"}, lock_version=1)
    kpi.refresh_from_db()
    assert kpi.lock_version == 2
    with pytest.raises(EditConflict):
        kpi_save(plan=plan, kpi=kpi, values={"description": "Mine"}, lock_version=1)
    kpi.refresh_from_db()
    assert (kpi.description, kpi.lock_version) == ("Theirs", 2)


def test_the_second_editor_gets_the_conflict_page_with_both_versions(client, plan, lead):
    """The page shows their figures as typed (85%) and keeps this user's in the form; nothing is overwritten."""
    kpi = KpiFactory(plan=plan, reference="PI01", floor=80, target=85)
    client.force_login(lead)
    url = reverse("performance:kpi_edit", args=[plan.pk, kpi.pk])
    assert 'name="lock_version" value="1"' in client.get(url).text
    theirs = client.post(url, {**_kpi_form(reference="PI01", floor="81%", target="86%"), "lock_version": "1"})
    assert theirs.status_code == 302

    mine = client.post(url, {**_kpi_form(reference="PI01", floor="70%", target="95%"), "lock_version": "1"})
    assert mine.status_code == 409
    assert "Someone else saved this KPI while you were editing" in mine.text
    assert "86%" in mine.text  # their saved target, as typed
    assert 'value="95%"' in mine.text  # this user's target, still in the form
    assert 'name="lock_version" value="2"' in mine.text
    kpi.refresh_from_db()
    assert kpi.target == 86


def test_an_activity_indicator_edit_is_locked_too(client, plan, lead):
    """The activity indicator page shares the lock and the conflict page."""
    indicator = ActivityIndicatorFactory(plan=plan, reference="AI01", description="Before")
    client.force_login(lead)
    url = reverse("performance:activity_edit", args=[plan.pk, indicator.pk])
    type(indicator).objects.filter(pk=indicator.pk).update(lock_version=2, description="Theirs")
    form = client.get(url)
    assert 'name="lock_version" value="2"' in form.text
    stale = {
        "reference": "AI01",
        "description": "Mine",
        "unit": "count",
        "decimal_places": "0",
        "year_total": "sum",
        "lock_version": "1",
    }
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "Someone else saved this activity indicator while you were editing" in response.text
    indicator.refresh_from_db()
    assert indicator.description == "Theirs"
