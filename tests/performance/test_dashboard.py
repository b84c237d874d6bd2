"""The dashboard: target, floor, actual, RAG in words and colour, direction and a trend chart per KPI."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playwright.sync_api import expect

from performance import demo, periods
from performance.models import Frequency, Polarity, Unit, YearTotal
from performance.rating import Rag, Range, Trend
from performance.selectors import dashboard_get

from ..factories import (
    DirectorateFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PlanYearFactory,
    PriorityFactory,
    lead_for,
)
from ..support.browser import sign_in
from .factories import ActivityIndicatorFactory, KpiFactory, record


def _line(dashboard, reference):
    return next(line for group in dashboard.groups for line in group.kpis if line.kpi.reference == reference)


def _activity(dashboard, reference):
    return next(
        line for group in dashboard.groups for line in group.activities if line.indicator.reference == reference
    )


@pytest.mark.django_db
def test_quarterly_kpi_rating_direction_and_trend(plan):
    """PI01 (lower is better): Q1 4% Green, Q2 10% Amber and worsened; the chart describes both quarters."""
    pi01 = KpiFactory(
        plan=plan, reference="PI01", polarity=Polarity.LOWER, floor=15, target=5, previous_status="value", previous=11
    )
    record(pi01, "2017-Q1", 4)
    record(pi01, "2017-Q2", 10)
    q1 = _line(dashboard_get(plan=plan, period=periods.parse("2017-Q1")), "PI01")
    assert (q1.actual_text, q1.rating.rag) == ("4%", Rag.GREEN)
    assert (q1.direction.trend, q1.direction.compared_with) == (Trend.IMPROVED, "2016-17 outturn")
    q2 = _line(dashboard_get(plan=plan, period=periods.parse("2017-Q2")), "PI01")
    assert (q2.actual_text, q2.rating.rag, q2.direction.trend) == ("10%", Rag.AMBER, Trend.WORSENED)
    assert "Q1: 4% (Green); Q2: 10% (Amber)" in q2.chart_text
    assert 'role="img"' in q2.chart
    assert f'aria-labelledby="trend-kpi-{pi01.pk}-title trend-kpi-{pi01.pk}-desc"' in q2.chart


@pytest.mark.django_db
def test_monthly_annual_and_missing_figures(plan):
    """On a Q2 dashboard a monthly KPI shows September; an annual one is not due; a gap is 'not reported'."""
    monthly = KpiFactory(plan=plan, reference="ICT01", frequency=Frequency.MONTHLY, floor=65, target=70)
    for month, value in (("2017-M07", 66), ("2017-M08", 69), ("2017-M09", 72)):
        record(monthly, month, value)
    KpiFactory(plan=plan, reference="HR11", frequency=Frequency.ANNUAL)
    KpiFactory(plan=plan, reference="CS07")
    dashboard = dashboard_get(plan=plan, period=periods.parse("2017-Q2"))
    ict01 = _line(dashboard, "ICT01")
    assert (ict01.period.code, ict01.actual_text, ict01.rating.rag) == ("2017-M09", "72%", Rag.GREEN)
    assert len(ict01.points) == 6  # April to September
    assert _line(dashboard, "HR11").state_text == "Not due yet (first figure: 2017-18)"
    assert _line(dashboard, "CS07").state_text == "Not reported for Q2 2017-18"
    assert _line(dashboard, "CS07").rating.rag == Rag.NOT_RATED


@pytest.mark.django_db
def test_quarter_target_is_used_for_its_quarter(plan):
    """HR's Q4-only target (100%): Q4 is rated against it; earlier quarters have no target to rate against."""
    kpi = KpiFactory(
        plan=plan,
        reference="HR25",
        floor_status="blank",
        floor=None,
        target_status="blank",
        target=None,
        target_q4_status="value",
        target_q4=100,
    )
    record(kpi, "2017-Q3", 80)
    record(kpi, "2017-Q4", 100)
    assert _line(dashboard_get(plan=plan, period=periods.parse("2017-Q3")), "HR25").rating.rag == Rag.NOT_RATED
    q4 = _line(dashboard_get(plan=plan, period=periods.parse("2017-Q4")), "HR25")
    assert (q4.target, q4.rating.rag) == ("100%", Rag.GREEN)


@pytest.mark.django_db
def test_money_kpi_sc13(plan):
    """SC13's £7.2m for the year is Amber against a £6.5m floor and £8.0m target."""
    sc13 = KpiFactory(
        plan=plan, reference="SC13", unit=Unit.MONEY, frequency=Frequency.ANNUAL, floor=6_500_000, target=8_000_000
    )
    record(sc13, "2017-FY", 7_200_000)
    line = _line(dashboard_get(plan=plan, period=periods.parse("2017-FY")), "SC13")
    assert (line.floor, line.target, line.actual_text, line.rating.rag) == ("£6.5m", "£8.0m", "£7.2m", Rag.AMBER)


@pytest.mark.django_db
def test_activity_indicator_range_and_year_total(plan):
    """CS08: each quarter within/above/below its range; the year's total is compared once all four are in."""
    cs08 = ActivityIndicatorFactory(plan=plan, reference="CS08")
    for code, value in (("2017-Q1", 170000), ("2017-Q2", 190000), ("2017-Q3", 130000), ("2017-Q4", 160000)):
        record(cs08, code, value)
    q2 = _activity(dashboard_get(plan=plan, period=periods.parse("2017-Q2")), "CS08")
    assert (q2.range, q2.year_to_date, q2.total_range) == (Range.ABOVE, "360,000", None)
    year = _activity(dashboard_get(plan=plan, period=periods.parse("2017-FY")), "CS08")
    assert (year.quarter.code, year.range, year.year_to_date) == ("2017-Q4", Range.WITHIN, "650,000")
    assert (year.total_lower, year.total_upper, year.total_range) == ("610,000", "690,000", Range.WITHIN)
    running = ActivityIndicatorFactory(
        plan=plan, reference="HR16", year_total=YearTotal.LATEST, q4_lower=18500, q4_upper=20000
    )
    record(running, "2017-Q4", 19000)
    assert _activity(dashboard_get(plan=plan, period=periods.parse("2017-FY")), "HR16").year_to_date == "19,000"


@pytest.mark.django_db
def test_directorate_dashboard_includes_its_divisions(plan):
    """A directorate plan's dashboard groups its divisional plans' indicators under their division."""
    division_plan = DivisionalPlanFactory(division=DivisionFactory(directorate=plan.directorate, name="Finance"))
    KpiFactory(plan=plan, reference="CS01")
    KpiFactory(plan=division_plan, reference="FN07")
    dashboard = dashboard_get(plan=plan, period=periods.parse("2017-Q1"))
    assert [group.title for group in dashboard.groups] == [plan.directorate.name, "Finance"]
    own = dashboard_get(plan=division_plan, period=periods.parse("2017-Q1"))
    assert [group.title for group in own.groups] == ["Finance"]


@pytest.mark.django_db
def test_dashboard_page_shows_rag_as_text_and_colour(client, plan, reader):
    """The page prints 'Amber' inside the amber class, the direction in words, and the priority refs."""
    priority = PriorityFactory(plan=plan)
    pi01 = KpiFactory(plan=plan, reference="PI01", polarity=Polarity.LOWER, floor=15, target=5)
    pi01.priorities.add(priority)
    record(pi01, "2017-Q1", 4)
    record(pi01, "2017-Q2", 10, commentary="Two large debtors <b>late</b>")
    client.force_login(reader)
    response = client.get(reverse("performance:dashboard", args=[plan.pk]), {"period": "2017-Q2"})
    assert response.status_code == 200
    text = response.text
    assert '<strong class="council-rag council-rag--amber">Amber</strong>' in text
    assert "Worsened" in text
    assert "Priority 1" in text
    assert "Two large debtors &lt;b&gt;late&lt;/b&gt;" in text  # commentary is escaped
    assert "<svg" in text
    assert "Record actuals" not in text  # readers are not offered entry


@pytest.mark.django_db
def test_bad_period_choice_shows_an_error_not_a_500(client, plan, reader):
    """An unknown period in the query string comes back as a GOV.UK error on the chooser."""
    client.force_login(reader)
    response = client.get(reverse("performance:dashboard", args=[plan.pk]), {"period": "2016-Q1"})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert "Choose a period of 2017-18" in response.text


def _queries(client, plan, period="2018-M03") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("performance:dashboard", args=[plan.pk]), {"period": period})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_indicators_or_periods(client, plan, lead):
    """Five KPIs or forty, one month of actuals or twelve: the same number of queries."""
    client.force_login(lead)
    kpis = [KpiFactory(plan=plan, frequency=Frequency.MONTHLY) for _ in range(5)]
    activity = ActivityIndicatorFactory(plan=plan)
    record(kpis[0], "2017-M04", 91)
    record(activity, "2017-Q1", 170000)
    small = _queries(client, plan)
    priority = PriorityFactory(plan=plan)
    for _ in range(35):
        kpi = KpiFactory(plan=plan, frequency=Frequency.MONTHLY)
        kpi.priorities.add(priority)
        for spec in periods.months_of(2017):
            record(kpi, spec.code, 93)
    ActivityIndicatorFactory(plan=plan)
    assert _queries(client, plan) == small


@pytest.mark.django_db
def test_dashboard_list_links_every_plan(client, plan, reader):
    """The Performance page lists plans by year with their indicator counts."""
    KpiFactory(plan=plan)
    client.force_login(reader)
    response = client.get(reverse("performance:dashboard_list"))
    assert reverse("performance:dashboard", args=[plan.pk]) in response.text
    assert re.search(r">\s*1\s*</td>", response.text)


@pytest.mark.django_db
def test_a_kpi_not_reported_this_period_names_its_last_figure(client, plan, reader):
    """CS01 reported in Q1 but not Q2: its Q2 direction is "Not reported this period" with "last figure: Q1
    2017-18"; with only last year's outturn it names the outturn; with nothing at all, "No earlier figure"."""
    cs01 = KpiFactory(plan=plan, reference="CS01", floor=90, target=95)
    record(cs01, "2017-Q1", 96)
    KpiFactory(plan=plan, reference="CS02", previous_status="value", previous=97)
    KpiFactory(plan=plan, reference="CS03")
    dashboard = dashboard_get(plan=plan, period=periods.parse("2017-Q2"))
    cs01_line = _line(dashboard, "CS01")
    assert (cs01_line.direction.trend, cs01_line.direction.note) == (Trend.NOT_REPORTED, "last figure: Q1 2017-18")
    assert _line(dashboard, "CS02").direction.note == "last figure: 2016-17 outturn"
    assert _line(dashboard, "CS03").direction.label == "No earlier figure"
    client.force_login(reader)
    text = client.get(reverse("performance:dashboard", args=[plan.pk]), {"period": "2017-Q2"}).text
    assert "Not reported this period" in text
    assert "last figure: Q1 2017-18" in text


@pytest.mark.django_db
def test_row_headers_are_never_empty(client, plan, reader):
    """A KPI or activity indicator without a reference (the HR 2013-14 KPIs) has its description as the row
    header: no empty ``<th>`` (axe's empty-table-header)."""
    KpiFactory(plan=plan, reference="", description="Percentage of staff appraisals completed")
    ActivityIndicatorFactory(plan=plan, reference="", description="Number of recruitment campaigns")
    client.force_login(reader)
    text = client.get(reverse("performance:dashboard", args=[plan.pk]), {"period": "2017-Q2"}).text
    headers = re.findall(r'<th scope="row"[^>]*>(.*?)</th>', text, flags=re.S)
    assert headers
    assert all(re.sub(r"<[^>]+>", "", header).strip() for header in headers)
    assert any("Percentage of staff appraisals completed" in header for header in headers)
    assert any("Number of recruitment campaigns" in header for header in headers)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_hr_2013_14_dashboard_passes_axe_with_its_unreferenced_kpis(page, live_server, page_checker):
    """The seed's HR 2013-14 KPIs have no reference; the dashboard still has no empty row header for axe."""
    bss = DirectorateFactory(plan_year=PlanYearFactory(start_year=2013), name="Business Strategy & Support")
    hr = DivisionalPlanFactory(division=DivisionFactory(directorate=bss, name="Human Resources"))
    demo.load()
    assert hr.kpis.filter(reference="").exists()
    lead_for(bss, "bss_lead")
    sign_in(page, live_server, "bss_lead", page_checker)
    page.goto(live_server.url + reverse("performance:dashboard", args=[hr.pk]))
    expect(page.locator("table[data-dashboard-kpis] th[scope=row]").first).not_to_be_empty()
    page_checker.check(page, "HR 2013-14 dashboard")
