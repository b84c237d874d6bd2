"""The pages that define KPIs and activity indicators, and the plan's indicator tables."""

import pytest
from django.urls import reverse

from performance.models import ActivityIndicator, Kpi, Polarity, ValueStatus

from ..factories import PriorityFactory
from .factories import ActivityIndicatorFactory, KpiFactory


def _kpi_form(**overrides):
    data = {
        "reference": "GL03",
        "description": "Data Protection Act Subject Access requests, completed within 40 calendar days",
        "unit": "percentage",
        "decimal_places": "0",
        "polarity": "higher",
        "frequency": "quarterly",
        "previous_basis": "forecast",
        "previous": "80%",
        "previous_as_at": "December 2016",
        "floor": "85%",
        "target": "90%",
        "business_as_usual": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_kpi_is_added_with_statuses_and_figures(client, plan, lead):
    """Cells are typed as printed: figures become numbers, NEW becomes a status."""
    client.force_login(lead)
    response = client.post(reverse("performance:kpi_create", args=[plan.pk]), _kpi_form(previous="NEW"))
    assert response.status_code == 302
    kpi = Kpi.objects.get()
    assert (kpi.floor, kpi.target, kpi.previous_status, kpi.previous) == (85, 90, ValueStatus.NEW, None)
    assert kpi.business_as_usual
    assert kpi.previous_as_at.isoformat() == "2016-12-01"


@pytest.mark.django_db
def test_floor_better_than_target_is_shown_next_to_the_floor(client, plan, lead):
    """The refusal appears in the error summary and by the floor field; nothing is saved."""
    client.force_login(lead)
    response = client.post(reverse("performance:kpi_create", args=[plan.pk]), _kpi_form(floor="100%", target="85%"))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert 'href="#id_floor"' in response.text
    assert "The floor (100%) is higher than the target (85%)" in response.text
    assert 'value="100%"' in response.text
    assert not Kpi.objects.exists()


@pytest.mark.django_db
def test_bad_figure_and_missing_description(client, plan, lead):
    """A figure that is not a number and a blank description are both reported, each by its field."""
    client.force_login(lead)
    response = client.post(
        reverse("performance:kpi_create", args=[plan.pk]), _kpi_form(description="", target="ninety")
    )
    assert response.status_code == 400
    assert 'href="#id_description"' in response.text
    assert "“ninety” is not a number" in response.text


@pytest.mark.django_db
def test_kpi_edit_shows_current_values_and_saves_changes(client, plan, lead):
    """Editing shows figures as typed (15%) and can change polarity and priorities."""
    priority = PriorityFactory(plan=plan)
    kpi = KpiFactory(plan=plan, reference="PI01", polarity=Polarity.LOWER, floor=15, target=5)
    client.force_login(lead)
    url = reverse("performance:kpi_edit", args=[plan.pk, kpi.pk])
    page = client.get(url)
    assert 'value="15%"' in page.text
    response = client.post(
        url,
        _kpi_form(
            reference="PI01", polarity="lower", floor="15%", target="4%", business_as_usual="", priorities=[priority.pk]
        ),
    )
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.target == 4
    assert list(kpi.priorities.all()) == [priority]


@pytest.mark.django_db
def test_kpi_of_another_plan_is_not_found(client, plan, lead):
    """A KPI id from another plan in this plan's URL is a 404."""
    other = KpiFactory()
    client.force_login(lead)
    assert client.get(reverse("performance:kpi_edit", args=[plan.pk, other.pk])).status_code == 404


@pytest.mark.django_db
def test_activity_indicator_form(client, plan, lead):
    """Thresholds are typed per quarter; crossing thresholds are refused by the field."""
    client.force_login(lead)
    url = reverse("performance:activity_create", args=[plan.pk])
    data = {
        "reference": "CS08",
        "description": "Number of calls answered by Contact Point",
        "unit": "count",
        "decimal_places": "0",
        "year_total": "sum",
        "q1_lower": "160,000",
        "q1_upper": "180,000",
    }
    assert client.post(url, {**data, "q1_lower": "190,000"}).status_code == 400
    assert not ActivityIndicator.objects.exists()
    assert client.post(url, data).status_code == 302
    assert ActivityIndicator.objects.get().q1_upper == 180000


@pytest.mark.django_db
def test_readers_see_tables_but_not_the_change_links(client, plan, reader, lead):
    """Everyone signed in reads the tables; only those who may edit see the change links and forms."""
    KpiFactory(plan=plan, reference="CS01")
    ActivityIndicatorFactory(plan=plan, reference="CS08")
    client.force_login(reader)
    page = client.get(reverse("performance:plan_indicators", args=[plan.pk]))
    assert "CS01" in page.text
    assert "Change KPI" not in page.text
    assert client.get(reverse("performance:kpi_create", args=[plan.pk])).status_code == 403
    client.force_login(lead)
    assert "Change KPI CS01" in client.get(reverse("performance:plan_indicators", args=[plan.pk])).text
