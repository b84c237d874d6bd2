"""Every kind of PDF the app makes reads true: no word printed over another, no hidden or invisible text in the
text layer, and exactly one page number on each numbered page (``tests.support.pdf.reading_problems``).

Each PDF is made from factory data shaped like the demo's: a 2017-18 directorate plan with its indicators, a
divisional plan with quarterly targets, the seed's risk register, a dashboard with indicators not yet
reported, a comparison, a committee snapshot, and a meeting whose packs hold uploaded papers that number
their own pages.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from weasyprint import HTML

from committees import services
from committees.agenda import number_items
from committees.models import AppendixKind
from committees.packs.builder import appendix_html, build_packs
from committees.packs.content import cover_report_html, front_sheet_html
from documents.pdf import html_to_pdf
from kcc_planning.roles import Role
from performance import periods
from performance.documents import dashboard_html
from plans.comparison_pdf import build_comparison_html
from plans.models import PlanStatus, SnapshotKind
from plans.plan_renderer import build_plan_html
from plans.services import RowInput, priority_save
from plans.services.workflow import plan_transition
from risks.documents import build_register_html
from risks.models import Register, RegisterLevel

from ..committees.factories import AgendaItemFactory, CommitteeMemberFactory, CoverReportFactory, MeetingFactory
from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..performance.factories import ActivityIndicatorFactory, KpiFactory, divisional_plan_2017, plan_2017, record
from ..plans.pdf_seed_data import build_directorate_plan_2017_18
from ..risks.conftest import BSS_DIVISIONS
from ..support.pdf import paper_with_own_footer, pdf_pages, printed_number, reading_problems
from ..support.users import user_in

pytestmark = pytest.mark.django_db


def _committee_snapshot():
    admin = user_in(Role.ADMINISTRATOR, "reads_true_admin")
    plan = DivisionalPlanFactory(division__name="Human Resources")
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(
        priority=priority, title="Lead the HR work stream for Troubled Families", accountable_officer="Karen Ray"
    )
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="For committee")
    return plan.snapshots.get(kind=SnapshotKind.COMMITTEE)


@pytest.fixture
def meeting():
    """A3 uploaded minutes numbering their own pages, B1 a report with two plan appendices, C1 a one-page
    report with an uploaded paper of its own footers, E1 exempt."""
    meeting = MeetingFactory()
    CommitteeMemberFactory(committee=meeting.committee, name="Mr E E C Hotson", role="chairman")
    AgendaItemFactory(meeting=meeting, section="A", title="Introduction/Webcast announcement")
    minutes = AgendaItemFactory(meeting=meeting, section="A", title="Minutes of the meeting held on 22 November 2012")
    services.paper_upload(
        item=minutes,
        title="Minutes",
        upload=SimpleUploadedFile("minutes.pdf", paper_with_own_footer("Minutes one", "Minutes two", "Minutes three")),
    )
    plans = AgendaItemFactory(meeting=meeting, section="B", title="Annual Business Plans", decision_number="12/01971")
    report = CoverReportFactory(item=plans, title="Business Planning 2013/14 - Substantive Draft Plans")
    snapshot = _committee_snapshot()
    for title in ("Human Resources business plan", "Human Resources business plan again"):
        services.appendix_add(paper=report, title=title, kind=AppendixKind.PLAN_SNAPSHOT, document_id=snapshot.pk)
    bench = AgendaItemFactory(meeting=meeting, section="C", title="Performance Benchmarking")
    CoverReportFactory(item=bench)
    services.paper_upload(
        item=bench, title="Benchmarks", upload=SimpleUploadedFile("bench.pdf", paper_with_own_footer("Benchmarks"))
    )
    exempt = AgendaItemFactory(meeting=meeting, section="E", title="Contract award", exempt=True, exempt_paragraph=3)
    CoverReportFactory(item=exempt, body="\n\n".join(f"Confidential paragraph {n}." for n in range(50)))
    return meeting


def test_both_packs_read_true(meeting):
    """Full and public packs: front sheet unnumbered, every later page numbered once, uploaded papers' own
    footers and headers clear of the pack's marks, no word over another, nothing hidden."""
    built = build_packs(meeting_id=meeting.pk)
    for pdf in (built.full, built.public):
        front = [printed_number(text) for text in pdf_pages(pdf)].index(1)  # the pages before "Page 1"
        assert front >= 2
        assert reading_problems(pdf, unnumbered=front) == []


def test_front_sheet_and_cover_report_read_true(meeting):
    """The front sheet and a cover report rendered on their own (as the pack's cache keeps them)."""
    items = number_items(meeting.items.all())
    by_number = {entry.number: entry for entry in items}
    members = list(meeting.committee.members.all())
    front = html_to_pdf(
        front_sheet_html(
            meeting=meeting,
            members=members,
            items=items,
            ranges={"A2": (1, 3), "B1": (5, 12), "C1": (13, 13)},
            public=False,
            published_on=None,
        )
    )
    paper = by_number["B1"].item.papers.get()
    listed = [{"label": "Appendix A", "title": "Human Resources business plan"}]
    cover = html_to_pdf(cover_report_html(paper=paper, entry=by_number["B1"], meeting=meeting, appendices=listed))
    # Parts print no numbers of their own: the pack stamps them.
    assert reading_problems(front, numbered=False) == []
    assert reading_problems(cover, numbered=False) == []


def test_snapshot_appendix_reads_true():
    """A plan as frozen for committee, printed as a pack appendix (draft watermark and all)."""
    snapshot = _committee_snapshot()
    report = CoverReportFactory()
    appendix = services.appendix_add(
        paper=report, title="HR plan", kind=AppendixKind.PLAN_SNAPSHOT, document_id=snapshot.pk
    )
    assert reading_problems(html_to_pdf(appendix_html(appendix, "Appendix B")), numbered=False) == []


def test_directorate_plan_with_indicators_reads_true():
    """The 2017-18 directorate plan (draft: watermark, contents with leaders) with section L's tables."""
    plan = build_directorate_plan_2017_18(status=PlanStatus.DRAFT)
    for number in range(3):
        kpi = KpiFactory(plan=plan, reference=f"CS0{number}")
        record(kpi, "2017-Q1", 92)
    ActivityIndicatorFactory(plan=plan)
    assert reading_problems(html_to_pdf(build_plan_html(plan, {}))) == []


def test_divisional_plan_kpi_headings_do_not_run_into_each_other():
    """Section F's quarterly tables: "Comparative Benchmark", "Target", "Threshold" each stay in their column."""
    plan = divisional_plan_2017()
    KpiFactory(plan=plan, reference="HR01")
    quarterly = {f"target_q{q}": Decimal(90 + q) for q in range(1, 5)}
    KpiFactory(plan=plan, reference="HR02", **quarterly, **{f"{key}_status": "value" for key in quarterly})
    ActivityIndicatorFactory(plan=plan)
    assert reading_problems(html_to_pdf(build_plan_html(plan, {}))) == []


def test_dashboard_reads_true():
    """Indicators not reported this quarter: the words wrap in the Actual column, clear of the RAG column."""
    plan = plan_2017()
    for number in range(3):
        KpiFactory(plan=plan, reference=f"PI0{number}")
    late = KpiFactory(plan=plan, reference="PI09")
    record(late, "2017-Q1", 92)
    record(late, "2017-Q2", 80, commentary="Slipped")
    ActivityIndicatorFactory(plan=plan)
    pdf = html_to_pdf(dashboard_html(plan, periods.parse("2017-Q2")))
    assert reading_problems(pdf) == []


def test_risk_register_reads_true(bss_directorate):
    """The seed's directorate register: each risk's tables named by their real headers, no hidden captions."""
    from risks import demo

    demo.load()
    register = Register.objects.get(level=RegisterLevel.DIRECTORATE, directorate=bss_directorate)
    assert reading_problems(html_to_pdf(build_register_html(register, {}))) == []


def test_comparison_reads_true():
    """The "what changed" paper, with a changed action struck through and the new words inserted."""
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan)
    action = ActionFactory(priority=priority, title="Support retention of staff")
    plan.save()
    priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        milestones=[],
        key_decisions=[],
        actions=[
            RowInput(
                id=action.pk,
                values={
                    "title": "Support retention of social workers",
                    "sub_action": False,
                    "accountable_officer": action.accountable_officer,
                    "start_text": action.start_text,
                    "end_text": action.end_text,
                },
            )
        ],
    )
    plan.refresh_from_db()
    pdf = html_to_pdf(build_comparison_html(plan, {"from": "v1", "to": "current"}))
    assert reading_problems(pdf) == []


@pytest.fixture
def bss_directorate(db):
    from ..factories import DirectorateFactory, DivisionFactory, PlanYearFactory

    directorate = DirectorateFactory(
        plan_year=PlanYearFactory(start_year=2013), name="Business Strategy & Support", short_name="BSS"
    )
    for name in BSS_DIVISIONS:
        DivisionFactory(directorate=directorate, name=name)
    return directorate


def _pdf(body: str, *, footer: bool = True) -> bytes:
    page = "@page { size: A4; margin: 20mm 15mm 18mm; @bottom-center { content: 'Page ' counter(page); } }"
    return HTML(
        string=f"<html><head><style>{page if footer else ''}</style></head><body>{body}</body></html>"
    ).write_pdf()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('<p style="position: absolute; top: 0">Roger Gough</p><p style="position: absolute; top: 0">Annual</p>',
         "printed over"),
        ('<p>Visible</p><h1 style="opacity: 0">Hidden heading</h1>', "does not show"),
        ('<p>Visible</p><p style="height: 0; overflow: hidden; margin: 0">Clipped caption</p>', "does not show"),
        ('<p>Visible</p><p style="position: absolute; left: -300mm">Off the page</p>', "outside the page"),
        ('<table style="width: 60mm; table-layout: fixed; border-collapse: collapse; font: bold 8pt sans-serif"><tr>'
         '<th style="width: 18mm; padding: 0; white-space: nowrap">Comparative</th><th style="padding: 0">Target</th>'
         "</tr></table>", "runs into"),
        ('<p style="position: fixed; bottom: -8mm; margin: 0">Page 7</p>', "2 page numbers"),
    ],
)  # fmt: skip
def test_the_helper_finds_each_kind_of_false_reading(body, problem):
    """Each defect the helper looks for, made on purpose, is reported."""
    problems = reading_problems(_pdf(body))
    assert any(problem in line for line in problems), problems


def test_the_helper_finds_invisible_text_and_unnumbered_pages():
    """Text in render mode 3 is reported, and so is a numbered page without its number."""
    from ..support.hostile_pdfs import FONT, raw_pdf, stream

    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 "
    pdf = raw_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: page + FONT + b" >> >> >>",
            4: stream(b"BT /F1 24 Tf 3 Tr 72 720 Td (Hidden) Tj ET"),
        }
    )
    problems = reading_problems(pdf)
    assert "page 1: text drawn invisible (render mode 3 or 7)" in problems
    assert "page 1: 0 page numbers [], expected 1" in problems
    assert reading_problems(_pdf("<p>Fine</p>")) == []
    assert reading_problems(_pdf("<p>Fine</p>", footer=False), numbered=False) == []
