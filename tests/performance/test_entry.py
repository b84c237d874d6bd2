"""The period entry page: every indicator due in a period in one form, saved together or not at all."""

from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import ActivityActual, Frequency, KpiActual, Unit

from ..factories import officer_for
from .factories import ActivityIndicatorFactory, KpiFactory, divisional_plan_2017, record


@pytest.fixture
def due(plan):
    return {
        "CS05": KpiFactory(plan=plan, reference="CS05", floor=70, target=80),
        "GL01": KpiFactory(plan=plan, reference="GL01", floor=96, target=100),
        "HR11": KpiFactory(plan=plan, reference="HR11", frequency=Frequency.ANNUAL, floor=70, target=74),
        "ISO": KpiFactory(plan=plan, reference="GL04", unit=Unit.ACHIEVE, floor=1, target=1),
        "CS08": ActivityIndicatorFactory(plan=plan, reference="CS08"),
    }


def _url(plan, code="2017-Q2"):
    return reverse("performance:period_entry", args=[plan.pk, code])


@pytest.mark.django_db
def test_page_lists_every_indicator_due_in_the_period(client, plan, due, lead):
    """Q2 lists the quarterly KPIs and the activity indicators, not the annual HR11, with floor and target."""
    client.force_login(lead)
    response = client.get(_url(plan))
    assert response.status_code == 200
    text = response.text
    assert "Actuals for Q2 2017-18" in text
    for reference in ("CS05", "GL01", "GL04", "CS08"):
        assert f"{reference}: " in text
    assert "HR11" not in text
    assert "Floor 70%; target 80%" in text
    assert "Expected 165,000 to 185,000" in text


@pytest.mark.django_db
def test_saving_records_every_figure_with_who_and_when(client, plan, due, lead):
    """Figures typed as officers write them are stored in the unit, with the officer and a commentary."""
    client.force_login(lead)
    data = {
        f"kpi-{due['CS05'].pk}-value": "82%",
        f"kpi-{due['CS05'].pk}-commentary": "New call routing",
        f"kpi-{due['GL01'].pk}-value": "97",
        f"kpi-{due['ISO'].pk}-value": "yes",
        f"activity-{due['CS08'].pk}-value": "190,000",
    }
    response = client.post(_url(plan), data)
    assert response.status_code == 302
    assert response.url.endswith("?period=2017-Q2")
    cs05 = KpiActual.objects.get(kpi=due["CS05"])
    assert (cs05.value, cs05.commentary, cs05.entered_by, cs05.period.code) == (82, "New call routing", lead, "2017-Q2")
    assert KpiActual.objects.get(kpi=due["ISO"]).value == 1
    assert ActivityActual.objects.get(indicator=due["CS08"]).value == Decimal(190000)


@pytest.mark.django_db
def test_one_bad_figure_saves_nothing_and_shows_the_error_by_the_field(client, plan, due, lead):
    """A bad figure gives a GOV.UK error summary linking to the field, and no figure is saved."""
    client.force_login(lead)
    field = f"kpi-{due['GL01'].pk}-value"
    response = client.post(_url(plan), {f"kpi-{due['CS05'].pk}-value": "82", field: "ninety"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert f'href="#id_{field}"' in response.text
    assert "“ninety” is not a number" in response.text
    assert 'value="82"' in response.text  # what the officer typed is kept
    assert not KpiActual.objects.exists()


@pytest.mark.django_db
def test_clearing_a_figure_removes_it_and_unchanged_figures_keep_their_author(client, plan, due, lead):
    """A figure entered in error can be cleared; re-saving an unchanged figure does not re-attribute it."""
    kept = record(due["GL01"], "2017-Q2", 97)
    record(due["CS05"], "2017-Q2", 60)
    client.force_login(lead)
    page = client.get(_url(plan))
    assert 'value="60"' in page.text
    client.post(_url(plan), {f"kpi-{due['GL01'].pk}-value": "97", f"kpi-{due['CS05'].pk}-value": ""})
    assert not KpiActual.objects.filter(kpi=due["CS05"]).exists()
    kept.refresh_from_db()
    assert kept.entered_by is None


@pytest.mark.django_db
def test_permissions(client, plan, due, reader):
    """Anonymous users are sent to sign in; readers are refused; officers of another plan too."""
    assert client.get(_url(plan)).url.startswith(reverse("login"))
    client.force_login(reader)
    assert client.get(_url(plan)).status_code == 403
    other = divisional_plan_2017()
    client.force_login(officer_for(other.division, "other_officer"))
    assert client.post(_url(plan), {f"kpi-{due['CS05'].pk}-value": "1"}).status_code == 403
    assert not KpiActual.objects.exists()


@pytest.mark.django_db
def test_division_officer_records_their_divisional_plan(client):
    """Officers of a division record their divisional plan's actuals."""
    plan = divisional_plan_2017()
    kpi = KpiFactory(plan=plan, reference="HR23")
    client.force_login(officer_for(plan.division, "hr_officer"))
    client.post(_url(plan, "2017-Q1"), {f"kpi-{kpi.pk}-value": "88"})
    assert KpiActual.objects.get(kpi=kpi).value == 88


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["2016-Q1", "2017-Q9", "nonsense"])
def test_periods_outside_the_plan_year_are_not_found(client, plan, lead, code):
    """A period that does not exist or is not in the plan's year is a 404, not a 500."""
    client.force_login(lead)
    assert client.get(_url(plan, code)).status_code == 404


@pytest.mark.django_db
def test_entry_index_counts_what_is_due_and_entered(client, plan, due, lead):
    """The index lists the year's periods with indicators due and actuals entered."""
    record(due["CS05"], "2017-Q1", 80)
    client.force_login(lead)
    response = client.get(reverse("performance:entry_index", args=[plan.pk]))
    rows = {row.spec.code: (row.due, row.entered) for row in response.context["progress"]}
    assert rows["2017-Q1"] == (4, 1)
    assert rows["2017-FY"] == (1, 0)
