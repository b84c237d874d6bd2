"""Plan appendices print the committee snapshot only while it passes its integrity check, and print it as
sent (sections E and F included) after the live plan changes; the appendix, meeting, item and report
services take values, and the appendix form gets its choices from a selector."""

from decimal import Decimal

import pytest
from django.urls import reverse

from committees import selectors, services
from committees.models import AppendixKind, BuildStatus, Meeting
from committees.packs.builder import PackError, build_packs
from kcc_planning.roles import Role
from performance.models import Kpi
from plans.models import NarrativeBlock, NarrativeSection, PlanSnapshot, SnapshotKind
from plans.services.workflow import plan_transition
from risks.models import Risk

from ..factories import PASSWORD, ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..performance.factories import KpiFactory
from ..risks.factories import DivisionRegisterFactory, RiskFactory
from ..support.pdf import pdf_pages
from ..support.users import user_in
from .factories import AgendaItemFactory, CommitteeFactory, CoverReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    admin = user_in(Role.ADMINISTRATOR, "snapshot_admin")
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Lead the work stream", accountable_officer="Karen Ray")
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path")
    return plan.snapshots.get(kind=SnapshotKind.COMMITTEE)


@pytest.fixture
def report():
    return CoverReportFactory(item=AgendaItemFactory(section="B", title="Business plans 2013-14"))


def _tamper(snapshot: PlanSnapshot) -> None:
    document = snapshot.document
    document["priorities"][0]["title"] = "Wording nobody sent"
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(document=document)


def _plan_appendix(report, snapshot, title="Divisional business plan"):
    return services.appendix_add(paper=report, title=title, kind=AppendixKind.PLAN_SNAPSHOT, document_id=snapshot.pk)


def test_pack_appendix_prints_the_plan_as_sent_after_live_edits(report):
    """After the KPI target, the risk rating and the narrative are edited, Appendix A prints them as sent."""
    admin = user_in(Role.ADMINISTRATOR, "sent_admin")
    plan = DivisionalPlanFactory()
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Lead the work stream")
    NarrativeBlock.objects.create(plan=plan, section=NarrativeSection.ROLE_PURPOSE, body="Role as sent", position=1)
    RiskFactory(
        register=DivisionRegisterFactory(division=plan.division),
        title="Loss of payroll data",
        current_likelihood=3,
        current_impact=3,
    )
    KpiFactory(plan=plan, reference="HR-K1", floor=Decimal("55"), target=Decimal("61"))
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path")
    _plan_appendix(report, plan.snapshots.get(kind=SnapshotKind.COMMITTEE))
    Kpi.objects.filter(plan=plan).update(target=Decimal("73"))
    Risk.objects.filter(title="Loss of payroll data").update(current_likelihood=5, current_impact=4)
    NarrativeBlock.objects.filter(plan=plan).update(body="Role rewritten later")

    text = " ".join(" ".join(pdf_pages(build_packs(meeting_id=report.item.meeting_id).full)).split())
    assert "Role as sent" in text
    assert "Role rewritten later" not in text
    assert "Loss of payroll data" in text
    assert "Current rating 9 (Medium)" in text
    assert "20 (High)" not in text
    assert "61%" in text
    assert "73%" not in text


def test_build_fails_naming_the_appendix_whose_snapshot_was_tampered_with(report, snapshot):
    _plan_appendix(report, snapshot, title="Human Resources business plan")
    _tamper(snapshot)
    with pytest.raises(PackError) as error:
        build_packs(meeting_id=report.item.meeting_id)
    message = str(error.value)
    assert "Appendix A (Human Resources business plan)" in message
    assert "integrity check" in message
    assert "Wording nobody sent" not in message


def test_a_build_with_a_tampered_snapshot_is_recorded_as_failed(report, snapshot):
    clerk = user_in(Role.DEMOCRATIC_SERVICES, "snapshot_clerk")
    _plan_appendix(report, snapshot)
    _tamper(snapshot)
    build = services.pack_build_run(
        build_id=services.pack_build_request(meeting=report.item.meeting, requested_by=clerk).pk
    )
    assert build.status == BuildStatus.FAILED
    assert "Appendix A (Divisional business plan)" in build.error
    assert not build.files.exists()


def test_appendix_add_takes_values_and_numbers_in_order(report, snapshot):
    first = _plan_appendix(report, snapshot, title="First")
    second = services.appendix_add(
        paper=report,
        title="Second",
        kind=AppendixKind.PLAN_SNAPSHOT,
        document_id=snapshot.pk,
        continues_previous=True,
    )
    assert (first.position, first.snapshot_id) == (1, snapshot.pk)
    assert (second.position, second.continues_previous) == (2, True)


def test_meeting_item_and_report_services_take_values():
    meeting = services.meeting_create(
        values={
            "committee": CommitteeFactory(),
            "date": "2013-01-08",
            "start_time": "10:00",
            "venue": "Darent Room",
            "clerk_name": "Denise Fitch",
            "clerk_telephone": "01622 694269",
            "signed_off_by": "Peter Sass",
        }
    )
    item = services.agenda_item_create(meeting=meeting, values={"section": "B", "title": "Budget"})
    report = services.cover_report_create(item=item, values={"title": "Budget 2013-14", "summary": "Sets out."})
    services.cover_report_update(paper=report, values={"summary": "Sets out the budget."})
    report.refresh_from_db()
    assert (Meeting.objects.get(), item.position, report.summary) == (meeting, 1, "Sets out the budget.")
    with pytest.raises(TypeError):
        services.agenda_item_update(item=item, values={"meeting": meeting})


def test_clerk_adds_a_plan_appendix_through_the_page(client, report, snapshot):
    clerk = user_in(Role.DEMOCRATIC_SERVICES, "page_clerk")
    client.login(username=clerk.username, password=PASSWORD)
    url = reverse("committees:paper_detail", args=[report.item.meeting_id, report.pk])
    choice = f"{AppendixKind.PLAN_SNAPSHOT}:{snapshot.pk}"
    assert choice in dict(selectors.appendix_choices())
    assert choice in client.get(url).content.decode()
    response = client.post(url, {"title": "Divisional business plan", "document": choice})
    assert response.status_code == 302
    assert report.appendices.get().snapshot_id == snapshot.pk
    refused = client.post(url, {"title": "Nothing", "document": f"{AppendixKind.PLAN_SNAPSHOT}:999999"})
    assert refused.status_code == 200
    assert report.appendices.count() == 1
