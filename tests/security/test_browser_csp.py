"""In Chromium, under the Content-Security-Policy: plan pages run with no violations; the lock-out page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ..factories import PASSWORD, DivisionalPlanFactory, DivisionFactory, PriorityFactory, officer_for
from ..support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects what the policy blocks from the first moment of every page, before any page script runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`));
"""


def watch_csp(page) -> list[str]:
    console_errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    return console_errors


def assert_no_csp_violations(page, console_errors: list[str], label: str) -> None:
    assert [text for text in console_errors if "Content Security Policy" in text] == [], label
    assert page.evaluate("window.__cspViolations") == [], label
    # The nonce'd inline script ran: GOV.UK Frontend's JavaScript is active, not blocked.
    expect(page.locator("body"), label).to_have_class(re.compile(r"\bjs-enabled\b"))


def test_plan_pages_work_under_the_content_security_policy(live_server, page, page_checker):
    """An officer signs in and opens the plan list, a plan and its editing pages with no CSP violations."""
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    priority = PriorityFactory(plan=plan, title="Prevention")
    officer_for(plan.division, "hr_officer")
    console_errors = watch_csp(page)

    sign_in(page, live_server, "hr_officer", page_checker)
    assert_no_csp_violations(page, console_errors, "plan list")
    page_checker.check(page, "plan list")

    for label, url in [
        ("plan overview", reverse("plans:plan_overview", args=[plan.pk])),
        ("priorities section", reverse("plans:section_edit", args=[plan.pk, "priorities"])),
        ("priority edit", reverse("plans:priority_edit", args=[plan.pk, priority.pk])),
    ]:
        page.goto(live_server.url + url)
        assert_no_csp_violations(page, console_errors, label)
        page_checker.check(page, label)

    # Module scripts work: the formset enhancement adds a row without a page load.
    page.get_by_role("button", name="Add another action").click()
    expect(page.locator('[data-formset="actions"] [data-formset-row]')).to_have_count(1)
    assert_no_csp_violations(page, console_errors, "priority edit, action added")


def test_lock_out_page_in_the_browser(live_server, page, page_checker):
    """Five wrong passwords give the GOV.UK lock-out page; a colleague in the same office then signs in."""
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    officer_for(plan.division, "hr_officer")
    officer_for(plan.division, "hr_colleague")
    console_errors = watch_csp(page)

    page.goto(f"{live_server.url}/accounts/login/")
    for attempt in range(5):
        page.fill("#id_username", "hr_officer")
        page.fill("#id_password", f"wrong password {attempt}")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if attempt == 0:
            page_checker.check(page, "sign in with an error")

    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in at the moment")
    expect(page.get_by_text("You can try again after")).to_be_visible()
    assert_no_csp_violations(page, console_errors, "lock-out page")
    page_checker.check(page, "lock-out page")

    page.get_by_role("link", name="Return to the sign in page").click()
    page.fill("#id_username", "hr_colleague")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    expect(page).to_have_url(live_server.url + reverse("home:my_work"))
