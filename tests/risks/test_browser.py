"""An officer adds a risk in Chromium and finds it on the summary and the heat map (axe-core and Nu on every page)."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from ..factories import DivisionFactory, officer_for
from ..support.browser import sign_in
from .factories import DivisionRegisterFactory, RiskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _council_scales(transactional_db):
    """The scales and bands a migration seeds: transactional tests that ran earlier flush them away."""
    from django.apps import apps

    importlib.import_module("risks.migrations.0002_default_scales").seed(apps, None)


def _rate(page, group: str, label: str) -> None:
    page.get_by_role("group", name=group).get_by_label(label, exact=True).check()


def test_officer_adds_a_risk_and_sees_it_on_the_summary_and_heat_map(live_server, page, page_checker):
    """Add a risk with two controls and an action (after fixing an error), then find it in the profile and heat map."""
    register = DivisionRegisterFactory(division=DivisionFactory(name="Human Resources"))
    RiskFactory(register=register, reference="HR1", title="Reduced capacity in HR division to support change")
    officer_for(register.division, "hr_officer")

    sign_in(page, live_server, "hr_officer", page_checker)
    page.get_by_role("link", name="Risk registers").click()
    page_checker.check(page, "register list")
    page.get_by_role("link", name="Human Resources Divisional Risk Register 2013-14").click()
    page_checker.check(page, "register")

    page.get_by_role("link", name="Add a risk").click()
    page_checker.check(page, "add a risk")
    page.get_by_label("Reference").fill("HR2")
    page.get_by_label("Risk title").fill(
        "Breaches in Health and Safety would impact on the delivery of essential services"
    )
    page.get_by_label("Risk event(s)").fill("A serious accident in a KCC building.")
    page.get_by_role("group", name="Has the risk been assessed?").get_by_label("Yes, rate it now").check()
    _rate(page, "Current likelihood", "Likely (4)")
    # The current impact is left out on purpose: the page must say so next to the field.
    _rate(page, "Target residual likelihood", "Unlikely (2)")
    _rate(page, "Target residual impact", "Serious (4)")
    controls = page.locator("#controls-section .council-formset-row")
    controls.nth(0).get_by_label("Control", exact=True).fill("Competent and qualified Health and Safety professionals")
    controls.nth(0).get_by_label("Control owner").fill("Head of Health & Safety")
    controls.nth(1).get_by_label("Control", exact=True).fill("Corporate themed health & safety audit programme")
    controls.nth(1).get_by_label("Control owner").fill("Head of Health & Safety")
    action = page.locator("#actions-section .council-formset-row").nth(0)
    action.get_by_label("Action", exact=True).fill("Audit 5% of schools and other premises")
    action.get_by_label("Action owner").fill("Head of Health & Safety")
    action.get_by_label("Planned completion date").fill("March 2014")
    page.get_by_role("button", name="Add risk").click()
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Select the current impact.")).to_be_visible()
    page_checker.check(page, "add a risk with an error")
    summary.get_by_role("link", name="Select the current impact.").click()
    _rate(page, "Current impact", "Major (5)")
    page.get_by_role("button", name="Add risk").click()
    page.wait_for_load_state()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Breaches in Health and Safety"))
    expect(page.get_by_role("row", name="Corporate themed health & safety audit programme")).to_be_visible()
    page_checker.check(page, "risk")

    page.get_by_role("link", name="Human Resources Divisional Risk Register 2013-14").click()
    row = page.locator("#risk-HR2")
    expect(row).to_contain_text("20")
    expect(row).to_contain_text("High")
    expect(row.locator("td").nth(2)).to_contain_text("8")
    page_checker.check(page, "register with the new risk")

    page.get_by_role("link", name="Heat map").click()
    page_checker.check(page, "heat map")
    current_table = page.get_by_role("table", name="Current risk: risks in each cell")
    likely_row = current_table.get_by_role("row", name="Likelihood: Likely (4)")
    expect(likely_row.get_by_role("cell").nth(4)).to_contain_text("1 risk (HR2)")
    target_table = page.get_by_role("table", name="Target residual risk: risks in each cell")
    unlikely_row = target_table.get_by_role("row", name="Likelihood: Unlikely (2)")
    expect(unlikely_row.get_by_role("cell").nth(3)).to_contain_text("1 risk (HR2)")
    expect(page.locator("#heat-current-desc")).to_contain_text("Likely (4) and Major (5): 1 (HR2).")

    page.get_by_role("link", name=register.display_title).click()
    page.get_by_role(
        "link", name="Breaches in Health and Safety would impact on the delivery of essential services"
    ).click()
    page.get_by_role("link", name="Edit risk, controls and actions").click()
    page_checker.check(page, "edit risk")
    page.get_by_role("group", name="Control 1").get_by_label("Remove this row").check()
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    expect(page.get_by_role("row", name="Competent and qualified Health and Safety professionals")).to_have_count(0)
    page.get_by_role("link", name="Record a review").click()
    page_checker.check(page, "record a review")
    page.get_by_label("Review note").fill("Audit programme in place; likelihood down.")
    _rate(page, "Current likelihood", "Unlikely (2)")
    page.get_by_role("button", name="Record review").click()
    page.wait_for_load_state()
    expect(page.get_by_role("row", name="Audit programme in place")).to_contain_text("Down from 20")
    page_checker.check(page, "risk after review")
