"""The monitoring report page: staff read it for a chosen period, a bad period is an error next to the field,
a draft plan has none, the PDF is queued through the render pipeline; the page passes axe and Nu, reflows at 320 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from documents.models import RenderJob, RenderStatus
from documents.selectors import job_options, job_renderer_key
from kcc_planning.roles import Role
from plans.models import Plan, PlanStatus

from ..factories import PASSWORD
from ..support.browser import sign_in
from ..support.monitoring import monitored_plan
from ..support.users import user_in


@pytest.fixture
def monitored(db):
    return monitored_plan()


@pytest.fixture
def policy(db, client):
    user = user_in(Role.POLICY_TEAM, "policy_reader")
    client.login(username=user.username, password=PASSWORD)
    return user


def _url(plan, **query):
    url = reverse("plans:monitoring_report", args=[plan.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_staff_read_the_report_for_a_period(client, policy, monitored):
    response = client.get(_url(monitored.plan, period="2017-Q2"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mid-Year business plan monitoring" in html
    assert "The plan has 5 actions: 2 on track, 1 at risk, 1 off track and 1 complete." in html
    assert "Reason for the revised date: The corporate review reports in December." in html
    assert '<strong class="govuk-tag govuk-tag--red council-overdue">Overdue</strong>' in html
    assert "data-monitoring-kpis" in html
    assert "Rating increased since the last review (was 9)" in html


def test_a_bad_period_is_an_error_next_to_the_field(client, policy, monitored):
    response = client.get(_url(monitored.plan, period="2019-Q2"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#monitoring-period"' in html
    assert 'id="monitoring-period-error"' in html
    assert "Q2 2019-20 is not in 2017-18, the year of this plan." in html


def test_a_draft_plan_says_there_is_no_report(client, policy, monitored):
    Plan.objects.filter(pk=monitored.plan.pk).update(status=PlanStatus.DRAFT)
    response = client.get(_url(monitored.plan))
    assert response.status_code == 200
    assert "Monitoring reports are for approved plans" in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, monitored):
    response = client.get(_url(monitored.plan))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    pdf = client.post(reverse("plans:monitoring_report_pdf", args=[monitored.plan.pk]), {"period": "2017-Q2"})
    assert pdf.status_code == 302
    assert not RenderJob.objects.exists()


def test_download_queues_the_pdf_for_the_period(client, policy, monitored, django_capture_on_commit_callbacks):
    url = reverse("plans:monitoring_report_pdf", args=[monitored.plan.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"period": "2017-Q2"})
    job = RenderJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:render_job_status", args=[job.id])
    assert (job_renderer_key(job=job), job_options(job=job)) == ("monitoring_report", {"period": "2017-Q2"})
    assert job.status == RenderStatus.DONE  # tasks run eagerly here, once the request's transaction commits
    assert job.download_name == f"{monitored.plan.unit_name} business plan monitoring Q2 2017-18.pdf"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_is_accessible_and_reflows(page, live_server, page_checker):
    monitored = monitored_plan()
    user_in(Role.POLICY_TEAM, "policy_browser")
    sign_in(page, live_server, "policy_browser", page_checker)
    page.goto(f"{live_server.url}{reverse('plans:plan_overview', args=[monitored.plan.pk])}")
    page.get_by_role("link", name="Monitoring report").click()
    page.get_by_label("Reporting period").select_option("2017-Q2")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mid-Year business plan monitoring")
    page_checker.check(page, "monitoring report")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto(f"{live_server.url}{_url(monitored.plan, period='2020-Q1')}")
    expect(page.locator(".govuk-error-summary")).to_contain_text(re.compile("is not in 2017-18"))
    page_checker.check(page, "monitoring report with a bad period")
