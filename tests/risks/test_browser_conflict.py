"""Two officers edit the same risk in two browsers: the second save gets the conflict page (axe and Nu checked)."""

import importlib

import pytest
from playwright.sync_api import expect

from risks.models import Risk

from ..factories import DivisionFactory, officer_for
from ..support.browser import sign_in
from .factories import ControlFactory, DivisionRegisterFactory, RiskFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _council_scales(transactional_db):
    """The scales and bands a migration seeds: transactional tests that ran earlier flush them away."""
    from django.apps import apps

    importlib.import_module("risks.migrations.0002_default_scales").seed(apps, None)


def test_the_second_save_shows_their_version_and_keeps_what_was_typed(
    live_server, page, browser, browser_context_args, page_checker
):
    """Both open the edit page; the first saves; the second sees their title and keeps their own typing."""
    register = DivisionRegisterFactory(division=DivisionFactory(name="Human Resources"))
    risk = RiskFactory(register=register, reference="HR1", title="Reduced capacity in HR division")
    ControlFactory(risk=risk, title="Workforce plan", owner="Head of HR")
    officer_for(register.division, "first_officer")
    officer_for(register.division, "second_officer")
    edit_url = f"{live_server.url}/risks/risk/{risk.pk}/edit/"

    sign_in(page, live_server, "first_officer")
    page.goto(edit_url)
    other_context = browser.new_context(**browser_context_args)
    try:
        other = other_context.new_page()
        sign_in(other, live_server, "second_officer")
        other.goto(edit_url)

        page.get_by_label("Risk title").fill("Reduced capacity in HR to support change")
        page.get_by_role("button", name="Save changes").click()
        page.wait_for_load_state()
        expect(page.get_by_text("Risk HR1 saved.")).to_be_visible()

        other.get_by_label("Risk title").fill("Loss of key HR staff")
        other.get_by_label("Source or cause of risk").fill("Voluntary redundancies.")
        other.get_by_role("button", name="Save changes").click()
        other.wait_for_load_state()

        summary = other.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Someone else saved this risk while you were editing")
        saved = other.locator("[data-conflict-saved]")
        expect(saved).to_contain_text("Reduced capacity in HR to support change")
        expect(saved).to_contain_text("Workforce plan")
        expect(other.get_by_label("Risk title")).to_have_value("Loss of key HR staff")
        expect(other.get_by_label("Source or cause of risk")).to_have_value("Voluntary redundancies.")
        page_checker.check(other, "edit conflict")
        risk.refresh_from_db()
        assert risk.title == "Reduced capacity in HR to support change"

        # Having seen their version, the second officer chooses to keep theirs: saving again replaces it.
        other.get_by_role("button", name="Save changes").click()
        other.wait_for_load_state()
        expect(other.get_by_text("Risk HR1 saved.")).to_be_visible()
        assert Risk.objects.get(pk=risk.pk).title == "Loss of key HR staff"
    finally:
        other_context.close()
