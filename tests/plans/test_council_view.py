"""The council-wide view (issue 12, item 4): counts by status, exceptions with links, filters, exports, queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from committees.models import Appendix, AppendixKind
from plans.council.exports import count_rows
from plans.council.selectors import CouncilFilters, council_view
from plans.models import PlanSnapshot, ProgressStatus, SnapshotKind
from plans.services.workflow import snapshot_checksum
from plans.versions import plan_document_data
from risks.models import Review

from ..committees.factories import AgendaItemFactory, CommitteeFactory, CoverReportFactory
from ..factories import UserFactory
from .council_data import TODAY, council
from .rollforward_data import update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def data():
    return council()


def _view(data, **filters):
    return council_view(plan_year=data.year, filters=CouncilFilters(**filters), today=TODAY)


def test_counts_by_status_per_directorate_and_division_match_the_data(data):
    view = _view(data)
    assert [group.name for group in view.groups] == ["Directorate 0", "Directorate 1"]
    row = view.groups[0].rows[0]
    assert row.label == "Division 0.0"
    assert row.counts[ProgressStatus.OFF_TRACK] == 1
    assert row.counts[ProgressStatus.ON_TRACK] == 1
    assert row.counts[""] == 1  # the third action was never reported
    assert row.total == 3
    assert row.overdue_milestones == 1
    assert view.groups[0].total.counts[ProgressStatus.OFF_TRACK] == 2
    assert view.total.total == 12
    assert view.total.overdue_milestones == 4
    assert view.not_approved == 2  # the draft plans are not counted


def test_exceptions_of_every_kind_link_to_them(data):
    view = _view(data)
    plan = data.plans[0]
    mine = [item for item in view.exceptions if item.plan_id == plan.pk]
    assert [item.kind for item in mine] == ["action_off_track", "kpi_red", "milestone_overdue", "risk_not_reviewed"]
    off_track = mine[0]
    action = plan.priorities.get().actions.order_by("position").first()
    assert off_track.url == reverse("plans:progress_period", args=[plan.pk, "2017-Q3"]) + f"#a{action.pk}-status"
    assert off_track.reference == "Action 1"
    assert mine[1].url == reverse("performance:dashboard", args=[plan.pk]) + "?period=2017-Q2"
    assert mine[2].detail == "Due by 30 June 2017"
    assert "last reviewed 1 April 2017" in mine[3].detail


def test_a_recently_reviewed_high_risk_and_an_achieved_milestone_are_not_exceptions(data):
    plan = data.plans[0]
    Review.objects.filter(risk__register__division=plan.division).update(reviewed_on=datetime.date(2017, 10, 1))
    milestone = plan.priorities.get().milestones.get()
    update(plan.reporting_periods.get(code="2017-Q2"), milestone, ProgressStatus.COMPLETE, achieved_on=TODAY)
    kinds = [item.kind for item in _view(data).exceptions if item.plan_id == plan.pk]
    assert kinds == ["action_off_track", "kpi_red"]


def test_the_page_shows_the_figures_and_follows_an_exception(client, data):
    client.force_login(UserFactory(username="reader"))
    page = client.get(reverse("plans:council_view")).content.decode()
    assert "Division 0.0" in page
    for kind in ("Action off track", "Milestone overdue", "KPI red", "High risk not reviewed"):
        assert kind in page
    plan = data.plans[0]
    action = plan.priorities.get().actions.order_by("position").first()
    link = reverse("plans:progress_period", args=[plan.pk, "2017-Q3"]) + f"#a{action.pk}-status"
    assert f'href="{link}"' in page
    assert client.get(link.split("#")[0]).status_code == 200


def test_filters_by_portfolio_and_cabinet_member(data):
    first = data.portfolios[0]
    by_portfolio = _view(data, portfolio=first.pk)
    assert [group.name for group in by_portfolio.groups] == ["Directorate 0"]
    by_member = _view(data, cabinet_member=data.portfolios[1].cabinet_member.pk)
    assert [group.name for group in by_member.groups] == ["Directorate 1"]
    assert _view(data, portfolio=first.pk, cabinet_member=data.portfolios[1].cabinet_member.pk).groups == []


def test_filter_by_committee_keeps_the_plans_whose_papers_went_to_it(client, data):
    plan = data.plans[1]
    document = plan_document_data(plan=plan)
    snapshot = PlanSnapshot.objects.create(
        plan=plan, kind=SnapshotKind.COMMITTEE, version=1, document=document, checksum=snapshot_checksum(document)
    )
    committee = CommitteeFactory()
    paper = CoverReportFactory(item=AgendaItemFactory(meeting__committee=committee))
    Appendix.objects.create(paper=paper, title="Divisional plan", kind=AppendixKind.PLAN_SNAPSHOT, snapshot=snapshot)
    view = _view(data, others={"committee": str(committee.pk)})
    assert [row.plan for group in view.groups for row in group.rows] == [plan]
    client.force_login(UserFactory(username="reader"))
    page = client.get(reverse("plans:council_view"), {"year": 2017, "committee": committee.pk}).content.decode()
    assert "Showing 1 plan that match the filters" in page
    assert "Clear filters" in page


def test_an_unknown_filter_value_is_ignored_not_an_error(client, data):
    client.force_login(UserFactory(username="reader"))
    response = client.get(reverse("plans:council_view"), {"year": "1999", "portfolio": "nonsense"})
    assert response.status_code == 200
    assert "Division 0.0" in response.content.decode()


def test_csv_and_xlsx_open_and_match_the_page(client, data):
    data.plans[0].priorities.get().actions.filter(position=0).update(title='=HYPERLINK("http://evil")')
    client.force_login(UserFactory(username="reader"))
    rows = list(csv.reader(io.StringIO(client.get(reverse("plans:council_export_csv")).content.decode("utf-8-sig"))))
    expected = count_rows(_view(data))
    assert rows[0][:3] == ["Directorate", "Unit", "Not started"]
    assert rows[1:] == [[str(cell) for cell in row] for row in expected]
    response = client.get(reverse("plans:council_export_xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="council-wide-view-2017-18.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = [[("" if cell is None else str(cell)) for cell in row] for row in workbook["Actions by status"].values]
    assert sheet == rows
    exceptions = list(workbook["Exceptions"].values)
    assert exceptions[1][2] == "Action off track"
    assert exceptions[1][4] == '\'=HYPERLINK("http://evil")'


def test_the_query_count_does_not_grow_with_the_council(client):
    """The page reads a council three times the size (plans, actions, KPIs, risks) in the same number of queries."""
    small = council(directorates=1, divisions=1, actions=2)
    client.force_login(UserFactory(username="reader"))
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("plans:council_view")).status_code == 200
    council(directorates=2, divisions=3, actions=6, name="More")
    with CaptureQueriesContext(connection) as second:
        page = client.get(reverse("plans:council_view"), {"year": small.year.start_year})
    assert "More 1" in page.content.decode()
    assert len(second) == len(first)


def test_only_signed_in_staff_see_it(client, data):
    response = client.get(reverse("plans:council_view"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get(reverse("plans:council_export_csv")).status_code == 302
