"""The plan's PDF: laid out like the seed documents, tagged, marked DRAFT while a draft, user text literal."""

import datetime
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import MarginBox

from committees.services.decisions import forward_plan_entry_create
from documents.pdf import DOCUMENT_BASE_URL, StaticOnlyFetcher, html_to_pdf, record_fetches
from plans.models import (
    CriticalFunction,
    KeyDecision,
    NarrativeBlock,
    NarrativeSection,
    PlanStatus,
    SupportRequest,
)
from plans.plan_renderer import build_plan_html

from ..factories import ActionFactory, DivisionalPlanFactory, MilestoneFactory, PriorityFactory
from ..support.pdf import counting_server, image_count, pdf_pages, pdf_text
from .pdf_seed_data import PRINTED_GROSS_AND_NET, RESOURCES_2017_18, build_directorate_plan_2017_18

pytestmark = pytest.mark.django_db


def hr_plan(*, status=PlanStatus.DRAFT):
    """The start of the Human Resources divisional plan 2013-14 (seed 001, page 25 onwards)."""
    plan = DivisionalPlanFactory(
        division__name="Human Resources",
        division__directorate__name="Business Strategy and Support",
        status=status,
        summary_portfolio="Roger Gough – Cabinet Member for Business Strategy, Performance & Health Reform",
        summary_corporate_director="Amanda Beer",
        summary_heads_of_service="N/A",
        summary_gross_expenditure="TBC – Feb 2013",
        summary_fte="TBC – Feb 2013",
    )
    NarrativeBlock.objects.create(
        plan=plan,
        section=NarrativeSection.ROLE_PURPOSE,
        body="The purpose of HR is to enhance KCC's business performance.\n\nHR is comprised of:\n"
        "- The Employment Strategy Group\n- Organisational Development",
    )
    prevention = PriorityFactory(
        plan=plan,
        title="Prevention",
        description="HR contribution and support to preventative transformation programmes",
        position=1,
    )
    top = ActionFactory(
        priority=prevention,
        title="HR's specific contribution and support to preventative transformation programmes",
        accountable_officer="",
        start_text="",
        end_text="",
        position=1,
    )
    ActionFactory(
        priority=prevention,
        parent=top,
        title="Lead the HR and Workforce Development work stream for the Troubled Families programme",
        accountable_officer="Geraldine Vary",
        start_text="To be agreed – subject to directorate Business Plans",
        end_text="2014",
        position=2,
    )
    adults = ActionFactory(
        priority=prevention,
        parent=top,
        title="Lead the HR and Workforce Development work stream for the Adults Transformation Programme",
        accountable_officer="Karen Ray",
        start_text="January 2012",
        end_text="On-going to March 2015",
        position=3,
    )
    MilestoneFactory(
        priority=prevention,
        title="As specified in the Adults Transformation Programme Plan",
        action=adults,
        due_text="Various into 2014",
        position=1,
    )
    decision = KeyDecision.objects.create(
        priority=prevention, description="Adopt the revised HR operating model", in_forward_plan=True
    )
    # The answer comes from the Forward Plan entry announcing the decision, not the typed column (issue 13).
    forward_plan_entry_create(
        values={
            "decision_number": "12/01971",
            "subject": "Adopt the revised HR operating model",
            "decision_maker": "cabinet_member",
            "decision_maker_title": "Cabinet Member",
            "expected_date": datetime.date(2013, 6, 1),
            "key_decision": decision,
        }
    )
    productivity = PriorityFactory(
        plan=plan, title="Productivity", description="Ensuring efficient systems", position=2
    )
    ActionFactory(priority=productivity, title="Promote self-sufficiency for staff and managers", position=1)
    CriticalFunction.objects.create(
        plan=plan,
        function="Running of all payrolls",
        timescale="3 days",
        minimum_service_level="Payroll would go ahead without all the final exception checks",
    )
    SupportRequest.objects.create(
        plan=plan, activity="Delivery of OD and People Plan", expected_impact="All Divisions", expected_date="Ongoing"
    )
    return plan


def render(plan) -> bytes:
    return html_to_pdf(build_plan_html(plan, {}))


def assert_in_order(text: str, *needles: str) -> None:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        assert found >= 0, f"{needle!r} not found after position {position}"
        position = found + len(needle)


def test_divisional_plan_is_laid_out_like_the_2013_14_template():
    """Title block, executive summary, sections A–G, priority tables with numbered actions, lettered milestones."""
    text = pdf_text(render(hr_plan()))
    assert_in_order(
        text,
        "Divisional Business Plan 2013-14 - DRAFT",
        "Directorate Name: Business Strategy and Support",
        "Division/Business Unit Name: Human Resources",
        "EXECUTIVE SUMMARY:",
        "Cabinet Portfolio: Roger Gough – Cabinet Member for Business Strategy, Performance & Health Reform",
        "Gross Expenditure: TBC – Feb 2013",
        "SECTION A: ROLE/PURPOSE OF FUNCTION",
        "The purpose of HR is to enhance KCC's business performance.",
        "The Employment Strategy Group",
        "SECTION B: CONTRIBUTION TO MTP OBJECTIVES",
        "SECTION C: PRIORITIES",
        "PRIORITY 1: Prevention",
        "DESCRIPTION OF PRIORITY: HR contribution and support to preventative transformation programmes",
        "Accountable Officer",
        "1 HR's specific contribution",
        "1.1 Lead the HR and Workforce Development work stream for the Troubled Families programme Geraldine Vary",
        "To be agreed – subject to directorate Business Plans 2014",
        "1.2 Lead the HR and Workforce Development work stream for the Adults Transformation Programme Karen Ray",
        "KEY MILESTONES DATE (month/year)",
        "A As specified in the Adults Transformation Programme Plan (1.2) Various into 2014",
        "ARE THESE ALREADY IN THE FORWARD PLAN? Yes/No",
        "1 Adopt the revised HR operating model Yes – 12/01971",
        "PRIORITY 2: Productivity",
        "2 Promote self-sufficiency for staff and managers",
        "SECTION D: FINANCIAL AND HUMAN RESOURCES",
        "FINANCIAL RESOURCES",
        "Divisional Unit Responsible Manager Staffing Non Staffing Gross Expenditure Service Income Net Expenditure "
        "Govt. Grants Net Cost",
        "FTE establishment at 31 March 2013",
        "Estimate of FTE establishment at 31 March 2014",
        "SECTION E: RISK AND BUSINESS CONTINUITY",
        "CRITICAL FUNCTIONS TIMESCALE MINIMUM SERVICE LEVEL",
        "Running of all payrolls 3 days",
        "SECTION G: ACTIVITY REQUIRING SUPPORT FROM OTHER DIVISIONS/SERVICES",
        "Delivery of OD and People Plan All Divisions Ongoing",
    )


def test_directorate_plan_follows_the_2017_18_template():
    """Cover with contents, sections A–M in order, numbered priorities, progress bullets, services and commissioning."""
    pages = pdf_pages(render(build_directorate_plan_2017_18()))
    assert_in_order(
        pages[0],
        "Strategic and Corporate Services Directorate Business Plan 2017-18",
        "FINAL DRAFT FOR CABINET COMMITTEE, 23RD FEBRUARY 2017",
        "Contents",
        "A. Executive summary",
        "M. Monitoring and review",
    )
    assert re.search(r"K\. Resources[ .]*p\.\d+", pages[0]), "contents lists page numbers"
    body = " ".join(pages[1:])
    assert_in_order(
        body,
        "A. Executive summary",
        "Strategic and Corporate Services Directorate Priorities 2017-18",
        "1. Provide professional, high quality and cost effective services",
        "B. Corporate Director's foreword",
        "C. Directorate role and purpose",
        "D. Progress on the 2016-17 directorate priorities",
        "Work together across divisions to support transformation",
        "The directorate has robust engagement with all Portfolio Boards.",
        "E. Directorate operating environment",
        "F. Risks",
        "G. Directorate priorities for 2017-18",
        "3. Maximise opportunities to increase apprenticeships in Kent through the Apprenticeship Levy.",
        "H. Organisational development priorities",
        "I. Internal and external services",
        "Engagement, Organisation Design and Development",
        "Contact Point and Digital Services External December 2025",
        "Services provided by Invicta Law (commissioned by General Counsel)",
        "Legal Services External 2026",
        "J. Significant commissioning and service activity",
        "Kent Health & Wellbeing Strategy",
        "Policy N/A Q3 2017/18 Yes",
        "£36.3m",
        "£0.15m",
        "£1.1m (p/a)",
        "K. Resources",
        "M. Monitoring and review",
    )


def test_resources_table_totals_are_computed_not_copied_from_the_misprint():
    """Seed 003 section K: net cost total 62,826.0, gross 119,400.5; staffing 46,137.0, not the misprinted 46,137.6."""
    text = pdf_text(render(build_directorate_plan_2017_18()))
    assert_in_order(
        text,
        "Division Staffing Non staffing Gross expenditure Internal income External income Grants Net cost",
        "£000s £000s £000s £000s £000s £000s £000s",
        "Strategic Management & Directorate Budgets 543.0 2,146.4 2,689.4 -716.9 -132.0 -4,388.0 -2,547.5",
        "Total 46,137.0 73,263.5 119,400.5 -31,039.6 -19,782.1 -5,752.8 62,826.0",
        "Staff resources",
        "Total 1,196.6",
    )
    assert "46,137.6" not in text
    for (unit, *_), (gross, net) in zip(RESOURCES_2017_18, PRINTED_GROSS_AND_NET, strict=True):
        assert gross in text, unit
        assert net in text, unit


HOSTILE = [
    '<img src="file:///etc/passwd">',
    "{{ 7*7 }}",
    '{% now "Y" %}',
    "<script>alert('x')</script>",
    '<link rel="stylesheet" href="PORT_URL/evil.css">',
    "<style>@import url(PORT_URL/import.css);</style>",
    '<svg><image href="PORT_URL/svg.png"/></svg>',
    "PORT_URL/tracking.png",
]


def test_user_text_reaches_the_pdf_as_literal_text_and_nothing_is_fetched():
    """HTML, template syntax and URLs typed into any text field print literally; no file or URL is ever fetched."""
    with counting_server() as server:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        hostile = [value.replace("PORT_URL", url) for value in HOSTILE]
        # A fixed unit name: the factory's numbered names could contain "49" and confuse the check below.
        plan = DivisionalPlanFactory(
            summary_portfolio=hostile[0],
            summary_fte=hostile[1],
            division__name="Human Resources",
            division__directorate__name="Business Strategy and Support",
        )
        NarrativeBlock.objects.create(
            plan=plan, section=NarrativeSection.ROLE_PURPOSE, heading=hostile[2], body="\n\n".join(hostile)
        )
        priority = PriorityFactory(plan=plan, title=hostile[3], description=hostile[4])
        action = ActionFactory(priority=priority, title=hostile[5], accountable_officer=hostile[6], end_text=hostile[7])
        MilestoneFactory(priority=priority, title=hostile[0], action=action, due_text=hostile[1])
        CriticalFunction.objects.create(plan=plan, function=hostile[2], timescale=hostile[3])
        with record_fetches() as log:
            pdf = render(plan)
        assert server.hits == []
    # Only the print stylesheets were read (the plan's own, and those of the sections it shows from the
    # risks and performance apps) and the draft watermark; the typed URLs were never even attempted.
    assert sorted(url.rsplit("/", 1)[-1] for url in log.served) == [
        "base.css",
        "draft-mark.svg",
        "performance.css",
        "plan.css",
        "risks.css",
    ]
    assert log.refused == []
    assert image_count(pdf) == 0
    text = pdf_text(pdf)
    for value in hostile:
        assert " ".join(value.split()) in text
    # {{ 7*7 }} was not evaluated: no 49 anywhere but inside the test server's (random) port number.
    assert not re.search(r"\b49\b", re.sub(r"127\.0\.0\.1:[\d ]+", "", text))


def test_the_pdf_is_tagged_with_title_language_and_table_headers():
    """PDF/UA-1: structure tree, marked content, /Lang en-GB, the plan's title, and table header cells (TH)."""
    reader = PdfReader(io.BytesIO(render(hr_plan())))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Divisional Business Plan 2013-14 - DRAFT: Human Resources"
    roles: set[str] = set()

    def walk(node, depth=0):
        node = node.get_object()
        if hasattr(node, "get") and node.get("/S"):
            roles.add(node["/S"])
        kids = node.get("/K") if hasattr(node, "get") else None
        if kids is None or depth > 40:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid.get_object(), "get"):
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/P"} <= roles


class _HeaderCells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.without_scope = []
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "th":
            self.count += 1
            if "scope" not in dict(attrs):
                self.without_scope.append(attrs)


def test_every_table_header_cell_has_a_scope():
    """Every <th> in the print HTML says whether it heads a column, a row or a group of rows."""
    for plan in (hr_plan(), build_directorate_plan_2017_18()):
        parser = _HeaderCells()
        parser.feed(build_plan_html(plan, {}))
        assert parser.count > 20
        assert parser.without_scope == []


def test_draft_is_marked_on_every_page_until_the_plan_is_approved():
    """While a draft, every page says DRAFT (watermark and header); once approved, no page does."""
    plan = hr_plan()
    priority = plan.priorities.get(title="Productivity")
    for index in range(40):
        ActionFactory(priority=priority, title=f"Further action {index}", position=10 + index)
    draft_pages = pdf_pages(render(plan))
    assert len(draft_pages) >= 3
    assert all("DRAFT" in page for page in draft_pages)

    plan.status = PlanStatus.APPROVED
    plan.save()
    approved = pdf_pages(render(plan))
    assert not any("DRAFT" in page for page in approved)
    assert "Divisional Business Plan 2013-14" in approved[0]


def test_pages_are_numbered_in_the_footer():
    """Each page ends with "Page N of M"; the running header names the plan from page 2."""
    plan = hr_plan()
    priority = plan.priorities.get(title="Productivity")
    for index in range(40):
        ActionFactory(priority=priority, title=f"Further action {index}", position=10 + index)
    pages = pdf_pages(render(plan))
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert all("Divisional Business Plan 2013-14 - DRAFT | Human Resources" in page for page in pages[1:])


def test_action_table_headers_repeat_on_every_page_it_runs_over():
    """A priority with many actions runs over pages; each of them starts with the column headings."""
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Long priority")
    for index in range(70):
        ActionFactory(priority=priority, title=f"Action number {index} with some words", position=index)
    pages = pdf_pages(render(plan))
    with_rows = [page for page in pages if "Action number" in page]
    assert len(with_rows) >= 2
    for page in with_rows:
        assert "No. Actions Accountable Officer Start Date (month/year) End Date (month/year)" in page


def _boxes_outside_the_page(html: str) -> list[str]:
    document = HTML(
        string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticOnlyFetcher(base_url=DOCUMENT_BASE_URL)
    ).render()
    outside = []
    for page in document.pages:
        page_box = page._page_box
        right_edge = page_box.content_box_x() + page_box.width + 0.5
        for box in page_box.descendants():
            if isinstance(box, MarginBox) or not hasattr(box, "border_box_x"):
                continue
            if box.border_box_x() + box.border_width() > right_edge and box.element_tag != "html":
                outside.append(f"{box.element_tag} {type(box).__name__} {getattr(box, 'text', '')[:30]!r}")
    return outside


def test_long_unbroken_text_wraps_inside_the_page():
    """10,000-character unbroken narrative and 2,000-character titles wrap instead of running off the page."""
    plan = DivisionalPlanFactory(summary_portfolio="P" * 300)
    NarrativeBlock.objects.create(plan=plan, section=NarrativeSection.ROLE_PURPOSE, body="x" * 10_000)
    priority = PriorityFactory(plan=plan, title="T" * 300, description="D" * 5000)
    action = ActionFactory(priority=priority, title="A" * 2000, accountable_officer="O" * 300, start_text="S" * 200)
    MilestoneFactory(priority=priority, title="M" * 2000, action=action, due_text="W" * 200)
    CriticalFunction.objects.create(plan=plan, function="C" * 2000, timescale="T" * 200)
    plan.resources_unit = "pounds"
    plan.save()
    plan.resource_lines.create(unit_name="U" * 300, responsible_manager="R" * 300, staffing=Decimal("999999999999.99"))
    assert _boxes_outside_the_page(build_plan_html(plan, {})) == []


def _plan_with_actions(count: int):
    plan = DivisionalPlanFactory()
    priorities = [PriorityFactory(plan=plan, position=index) for index in range(5)]
    previous = None
    for index in range(count):
        priority = priorities[index * 5 // count]
        parent = previous if index % 3 and previous is not None and previous.priority_id == priority.pk else None
        action = ActionFactory(priority=priority, parent=parent, position=index)
        if parent is None:
            previous = action
        if index % 10 == 0:
            MilestoneFactory(priority=priority, action=action)
            KeyDecision.objects.create(priority=priority, description="Decision", in_forward_plan=False)
    return plan


def test_pdf_html_takes_the_same_number_of_queries_for_10_and_300_actions():
    """plan_document and the print template query a fixed number of times, however many actions there are."""
    counts = {}
    for size in (10, 300):
        plan = _plan_with_actions(size)
        with CaptureQueriesContext(connection) as queries:
            html = build_plan_html(plan, {})
        assert html.count('class="action action--') == size
        counts[size] = len(queries)
    assert counts[10] == counts[300]
