"""In the browser: an officer enters a quarter's actuals for the 2017-18 plan and sees the dashboard update."""

import re

import pytest
from playwright.sync_api import expect

from performance import demo
from plans.models import Plan

from ..factories import (
    DirectorateFactory,
    DirectoratePlanFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PlanYearFactory,
    PriorityFactory,
    lead_for,
)
from ..support.browser import sign_in


@pytest.fixture
def scs_plan(transactional_db):
    """The 2017-18 Strategic and Corporate Services plan with seed 003's section L, and HR 2013-14 with section F."""
    directorate = DirectorateFactory(
        plan_year=PlanYearFactory(start_year=2017), name="Strategic and Corporate Services"
    )
    plan = DirectoratePlanFactory(directorate=directorate)
    for _ in range(11):
        PriorityFactory(plan=plan)
    bss = DirectorateFactory(plan_year=PlanYearFactory(start_year=2013), name="Business Strategy & Support")
    DivisionalPlanFactory(division=DivisionFactory(directorate=bss, name="Human Resources"))
    demo.load()
    return plan


def _row(page, reference):
    return page.locator(f'tr[data-kpi="{reference}"]')


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_enters_a_quarters_actuals_and_the_dashboard_updates(page, live_server, page_checker, scs_plan):
    """Dashboard (not reported) → period entry → a bad figure is caught → corrected → dashboard shows RAG."""
    lead_for(scs_plan.directorate, "scs_lead")
    sign_in(page, live_server, "scs_lead", page_checker)

    page.goto(f"{live_server.url}/performance/")
    page_checker.check(page, "dashboard list")
    page.get_by_role("link", name=re.compile("^Dashboard")).first.click()
    page.get_by_label("Show the dashboard at the end of").select_option("2017-Q3")
    page.get_by_role("button", name="Show").click()
    expect(_row(page, "PI01").locator("[data-actual]")).to_contain_text("Not reported for Q3 2017-18")
    page_checker.check(page, "dashboard before entry")

    page.get_by_role("link", name="Record actuals").click()
    page_checker.check(page, "entry index")
    page.get_by_role("link", name="Q3 2017-18").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actuals for Q3 2017-18")
    page_checker.check(page, "period entry")

    page.get_by_label("PI01 actual").fill("4%")
    page.get_by_label("CS05 actual").fill("78")
    page.get_by_label("SC12 actual").fill("forty")
    page.get_by_label("CS08 actual").fill("145,000")  # Q3: 135,000 to 155,000
    page.get_by_label("Commentary on CS05 (optional)").fill("New call routing from June")
    page.get_by_role("button", name="Save actuals").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("“forty” is not a number")
    page_checker.check(page, "period entry with an error")

    summary.get_by_role("link", name=re.compile("forty")).click()
    expect(page.get_by_label("SC12 actual")).to_be_focused()
    page.get_by_label("SC12 actual").fill("52%")
    page.get_by_role("button", name="Save actuals").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Actuals for Q3 2017-18 saved: 4 added")
    expect(_row(page, "PI01").locator("[data-rag]")).to_have_text("Green")
    expect(_row(page, "CS05").locator("[data-rag]")).to_have_text("Amber")
    expect(_row(page, "SC12").locator("[data-rag]")).to_have_text("Amber")
    expect(_row(page, "PI01").locator("[data-actual]")).to_contain_text("4%")
    expect(page.locator('[data-rag-count="green"]')).to_contain_text("1 KPI")
    expect(page.locator('tr[data-activity="CS08"] [data-range]')).to_have_text("Within expected range")
    expect(page.get_by_text("New call routing from June")).to_be_visible()
    page_checker.check(page, "dashboard after entry")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_lead_reads_section_l_is_refused_a_bad_floor_and_imports_a_file(
    page, live_server, page_checker, scs_plan, tmp_path
):
    """Section L tables → KPI form refusing a floor better than the target → activity form → CSV import."""
    lead_for(scs_plan.directorate, "scs_lead")
    sign_in(page, live_server, "scs_lead")
    page.goto(f"{live_server.url}/performance/plans/{scs_plan.pk}/")
    expect(page.get_by_role("table", name="Key Performance Indicators")).to_contain_text("£6.5m")
    page_checker.check(page, "section L tables")

    page.get_by_role("link", name="Change KPI PI01").click()
    page_checker.check(page, "KPI form")
    page.get_by_label("Higher is better").check()
    page.get_by_role("button", name="Save KPI").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The floor (15%) is higher than the target (5%)")
    page_checker.check(page, "KPI form with an error")

    page.goto(f"{live_server.url}/performance/plans/{scs_plan.pk}/")
    page.get_by_role("link", name="Change activity indicator CS08").click()
    page_checker.check(page, "activity indicator form")

    page.goto(f"{live_server.url}/performance/plans/{scs_plan.pk}/")
    page.get_by_role("link", name="Import actuals from a file").click()
    page_checker.check(page, "import upload")
    bad = tmp_path / "q3.csv"
    bad.write_text("reference,period,value\nCS05,2017-Q3,82%\nZZ99,2017-Q3,5\n", encoding="utf-8")
    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("table", name=re.compile("problem"))).to_contain_text("ZZ99")
    page_checker.check(page, "import with problems")

    good = tmp_path / "q3-fixed.csv"
    good.write_text('reference,period,value\nCS05,2017-Q3,82%\nCS08,2017-Q3,"145,250"\n', encoding="utf-8")
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the actuals before importing")
    page_checker.check(page, "import preview")
    page.get_by_role("button", name="Import 2 actuals").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("imported: 2 added")
    page_checker.check(page, "indicators after import")

    hr = Plan.objects.get(division__name="Human Resources")
    page.goto(f"{live_server.url}/performance/plans/{hr.pk}/")
    expect(page.get_by_role("table", name=re.compile("quarterly basis"))).to_contain_text("Kent Manager Standard")
    page_checker.check(page, "2013-14 divisional section F")
