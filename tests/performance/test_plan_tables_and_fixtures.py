"""Section F / L tables laid out like the seeds, filled from the seed fixtures by the demo loader."""

import io

import pytest
from django.template.loader import render_to_string

from performance import demo
from performance.models import ActivityIndicator, Kpi, Polarity, ValueStatus
from performance.selectors import plan_indicators

from ..factories import (
    DirectorateFactory,
    DirectoratePlanFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PlanYearFactory,
    PriorityFactory,
)

SEED_KPIS = [
    "CS01", "CS05", "CS07", "CS15", "FN01", "FN02", "FN07", "FN08", "FN09", "FN10", "FN11", "SC12", "SC13", "GL01",
    "GL02", "GL03", "HR09", "HR11", "HR22", "HR23", "HR24", "ICT01", "ICT02", "ICT03", "ICT04", "ICT05", "PI01",
    "PI03", "PI04",
]  # fmt: skip


@pytest.fixture
def demo_plans(db):
    """The plans load_demo makes, by the names the fixtures use: S&CS 2017-18 (11 priorities), HR and G&L 2013-14."""
    scs = DirectoratePlanFactory(
        directorate=DirectorateFactory(
            plan_year=PlanYearFactory(start_year=2017), name="Strategic and Corporate Services"
        )
    )
    for _ in range(11):
        PriorityFactory(plan=scs)
    bss = DirectorateFactory(plan_year=PlanYearFactory(start_year=2013), name="Business Strategy & Support")
    hr = DivisionalPlanFactory(division=DivisionFactory(directorate=bss, name="Human Resources"))
    gl = DivisionalPlanFactory(division=DivisionFactory(directorate=bss, name="Governance & Law"))
    out = io.StringIO()
    results = demo.load(stdout=out)
    return {"scs": scs, "hr": hr, "gl": gl, "results": results, "output": out.getvalue()}


@pytest.mark.django_db
def test_every_2017_18_kpi_from_cs01_to_pi04_is_loaded_as_printed(demo_plans):
    """The S&CS table: 29 KPIs in printed order with forecast, floor and target as printed."""
    tables = plan_indicators(plan=demo_plans["scs"])
    rows = tables.kpi_tables[0].rows
    assert [row.reference for row in rows] == SEED_KPIS
    by_ref = {row.reference: row for row in rows}
    assert (by_ref["CS01"].priority_refs, by_ref["CS01"].previous, by_ref["CS01"].floor, by_ref["CS01"].target) == (
        "9",
        "98%",
        "90%",
        "95%",
    )
    assert (by_ref["CS05"].priority_refs, by_ref["PI03"].priority_refs, by_ref["FN01"].priority_refs) == (
        "1, 9",
        "4, 5",
        "BAU",
    )
    assert (by_ref["CS15"].previous, by_ref["CS15"].floor, by_ref["CS15"].target) == ("NEW", "63%", "70%")
    assert (by_ref["SC13"].floor, by_ref["SC13"].target) == ("£6.5m", "£8.0m")
    assert (by_ref["ICT03"].previous, by_ref["ICT03"].floor, by_ref["ICT03"].target) == ("99.9%", "99.0%", "99.8%")
    assert (by_ref["PI01"].floor, by_ref["PI01"].target) == ("15%", "5%")
    assert Kpi.objects.get(plan=demo_plans["scs"], reference="PI01").polarity == Polarity.LOWER
    assert tables.previous_heading == "2016-17 Forecast"
    assert tables.footnotes[0] == ("a", "2016-17 forecasts for KPIs based on December 2016 data")


@pytest.mark.django_db
def test_activity_indicators_with_quarterly_thresholds_and_worked_out_totals(demo_plans):
    """CS08 as printed; CS12's total is the true sum (5,200, where the seed printed 5,100); note b rows."""
    rows = {row.reference: row for row in plan_indicators(plan=demo_plans["scs"]).activity_rows}
    assert len(rows) == 17
    upper, lower = rows["CS08"].bands
    assert (upper.quarters, upper.total) == (["180,000", "185,000", "155,000", "170,000"], "690,000")
    assert (lower.quarters, lower.total) == (["160,000", "165,000", "135,000", "150,000"], "610,000")
    assert rows["CS12"].bands[0].total == "5,200"
    assert rows["HR16"].bands[0].total == "20,000"  # a running count: the latest quarter's range
    assert rows["HR20a"].bands[0].quarters == ["", "", "60%", ""]
    assert rows["ICT01b"].bands == []
    assert rows["ICT01b"].note_marker == "b"


@pytest.mark.django_db
def test_2013_14_divisional_tables(demo_plans):
    """HR's quarterly table (Q4 targets 100%) and G&L's annual table, with Achieve and statuses, not numbers."""
    hr = plan_indicators(plan=demo_plans["hr"])
    assert [t.first_heading for t in hr.kpi_tables] == ["PERFORMANCE INDICATORS – QUARTERLY BY FINANCIAL YEAR"]
    kent_manager = hr.kpi_tables[0].rows[4]
    assert kent_manager.description.startswith("Completion of Kent Manager Standard")
    assert kent_manager.quarter_targets == ["", "", "", "100%"]
    gl = plan_indicators(plan=demo_plans["gl"]).kpi_tables[0].rows

    def row(words):
        return next(row for row in gl if words in row.description)

    iso = row("ISO9001")
    assert (iso.floor, iso.previous, iso.target) == ("Achieve", "Achieved", "Achieve")
    foi = row("Freedom of Information")
    assert (foi.floor, foi.previous, foi.benchmark, foi.target, foi.target_next) == (
        "85%",
        "Not yet available",
        "Not yet available",
        "90%",
        "95%",
    )
    dpa = row("Data Protection")
    assert (dpa.floor, dpa.target) == ("TBC", "85%")  # the printed 100% floor is above the target: refused
    papers = row("five clear days")
    assert (papers.previous, papers.benchmark) == ("?", "N/A")
    assert Kpi.objects.get(plan=demo_plans["gl"], description__startswith="Work towards 100% adherence").floor == 28


@pytest.mark.django_db
def test_plans_missing_from_the_database_are_noted_and_loading_again_changes_nothing(demo_plans):
    """Finance & Procurement and Business Strategy 2013-14 are skipped with a note; a second load adds nothing."""
    assert "no Finance & Procurement 2013-14 plan in the database" in demo_plans["output"]
    counts = (Kpi.objects.count(), ActivityIndicator.objects.count())
    demo.load()
    assert (Kpi.objects.count(), ActivityIndicator.objects.count()) == counts == (45, 17)
    assert Kpi.objects.filter(previous_status=ValueStatus.NEW, previous__isnull=True).count() == 8


@pytest.mark.django_db
def test_templates_render_the_seed_layouts(demo_plans):
    """The page and print includes show the seeds' column headings and escape text."""
    context = {"plan_indicators": plan_indicators(plan=demo_plans["scs"])}
    page = render_to_string("performance/_plan_indicators.html", context)
    for heading in (
        "KPI Ref",
        "2017-18 Priority Ref",
        "Indicator Description",
        "2016-17 Forecast",
        "2017-18 Floor",
        "2017-18 Target",
        "Threshold",
        "2017-18 Expected Total",
    ):
        assert heading in page
    assert "See note <sup>b</sup>" in page
    printed = render_to_string("print/performance/_plan_indicators.html", context)
    assert "£6.5m" in printed
    divisional = render_to_string(
        "performance/_plan_indicators.html", {"plan_indicators": plan_indicators(plan=demo_plans["gl"])}
    )
    for heading in (
        "Floor Performance Standard",
        "2012/13 Outturn",
        "Comparative Benchmark",
        "Target 2013/14",
        "Target 2014/15",
    ):
        assert heading in divisional
