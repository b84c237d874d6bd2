"""A monitoring report as an agenda appendix: frozen by the first pack build, so later progress never changes the
pack; a frozen copy that fails its checksum is never printed; the clerk picks the plan and period on the paper page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from committees import selectors, services
from committees.models import Appendix, AppendixKind
from committees.packs.builder import PackError, build_packs
from kcc_planning.roles import Role
from plans.models import ProgressStatus, ProgressUpdate
from plans.services.workflow import snapshot_checksum

from ..factories import PASSWORD
from ..support.monitoring import monitored_plan
from ..support.pdf import pdf_pages
from ..support.users import user_in
from .factories import AgendaItemFactory, CoverReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored():
    return monitored_plan()


@pytest.fixture
def report():
    return CoverReportFactory(
        item=AgendaItemFactory(section="C", title="Strategic and Corporate Services Mid-Year Business Plan Monitoring")
    )


def _appendix(report, plan, period="2017-Q2") -> Appendix:
    return services.appendix_add(
        paper=report,
        title="Mid-year business plan monitoring",
        kind=AppendixKind.MONITORING_REPORT,
        document_id=plan.pk,
        options={"period": period},
    )


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_pages(pdf)).split())


def test_the_pack_prints_what_the_first_build_froze(report, monitored):
    """After Q2 progress changes, a rebuild prints the report as the first build printed it, byte for byte."""
    appendix = _appendix(report, monitored.plan)
    assert appendix.frozen is None
    first = build_packs(meeting_id=report.item.meeting_id)
    appendix.refresh_from_db()
    assert appendix.frozen is not None
    assert appendix.frozen_at is not None
    assert appendix.frozen_checksum == snapshot_checksum(appendix.frozen)
    text = _text(first.full)
    assert "Appendix A" in text
    assert "Mid-Year Business Plan Monitoring Q2 2017-18" in text
    assert "2 on track, 1 at risk, 1 off track and 1 complete" in text

    ProgressUpdate.objects.filter(action=monitored.actions[3]).update(
        status=ProgressStatus.COMPLETE, commentary="Finished after the pack went out."
    )
    second = build_packs(meeting_id=report.item.meeting_id)
    assert "Finished after the pack went out." not in _text(second.full)
    assert second.full == first.full
    appendix.refresh_from_db()
    assert appendix.frozen["totals"]["actions"] == 5
    assert _count(appendix.frozen, "off_track") == 1


def _count(document, status):
    return next(row["actions"] for row in document["status_counts"] if row["status"] == status)


def test_a_tampered_frozen_report_is_never_printed(report, monitored):
    appendix = _appendix(report, monitored.plan)
    build_packs(meeting_id=report.item.meeting_id)
    appendix.refresh_from_db()
    frozen = appendix.frozen
    frozen["priorities"][0]["actions"][0]["commentary"] = "Wording nobody reported"
    Appendix.objects.filter(pk=appendix.pk).update(frozen=frozen)
    with pytest.raises(PackError) as error:
        build_packs(meeting_id=report.item.meeting_id)
    message = str(error.value)
    assert "Appendix A (Mid-year business plan monitoring)" in message
    assert "integrity check" in message
    assert "Wording nobody reported" not in message


def test_a_report_whose_period_no_longer_fits_fails_the_build_by_name(report, monitored):
    appendix = _appendix(report, monitored.plan)
    Appendix.objects.filter(pk=appendix.pk).update(options={"period": "2019-Q2"})
    with pytest.raises(PackError, match=r"Appendix A \(Mid-year business plan monitoring\) Q2 2019-20 is not in"):
        build_packs(meeting_id=report.item.meeting_id)


def test_a_monitoring_appendix_needs_its_period(report, monitored):
    with pytest.raises(ValidationError, match="reporting period"):
        services.appendix_add(
            paper=report, title="No period", kind=AppendixKind.MONITORING_REPORT, document_id=monitored.plan.pk
        )


def test_clerk_adds_the_mid_year_report_through_the_page(client, report, monitored):
    clerk = user_in(Role.DEMOCRATIC_SERVICES, "monitoring_clerk")
    client.login(username=clerk.username, password=PASSWORD)
    url = reverse("committees:paper_detail", args=[report.item.meeting_id, report.pk])
    choice = f"{AppendixKind.MONITORING_REPORT}:{monitored.plan.pk}:2017-Q2"
    choices = dict(selectors.appendix_choices())
    assert choices[choice] == f"Monitoring report: {monitored.plan.unit_name} 2017-18, Q2 2017-18"
    assert choice in client.get(url).content.decode()
    response = client.post(url, {"title": "Mid-year business plan monitoring", "document": choice})
    assert response.status_code == 302
    appendix = report.appendices.get()
    assert (appendix.kind, appendix.subject_id, appendix.options) == (
        AppendixKind.MONITORING_REPORT,
        monitored.plan.pk,
        {"period": "2017-Q2"},
    )
