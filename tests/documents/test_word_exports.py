"""Word copies of a cover report and a risk register: every heading and table of their PDFs, for those who may
read them (an exempt report only for those who may see the full pack)."""

import pytest
from django.urls import reverse

from committees.word import cover_report_word_html
from documents import word
from documents.pdf import html_to_pdf
from kcc_planning.roles import Role
from risks.documents import build_register_html

from ..committees.factories import AgendaItemFactory, CoverReportFactory, MeetingFactory
from ..risks.factories import DivisionRegisterFactory, RiskFactory
from ..support.users import user_in
from ..support.word import docx_outline, pdf_outline, squash

pytestmark = pytest.mark.django_db

BODY = (
    "# Introduction\n\nThe first paragraph.\n\n- one point\n- another point\n\nThe second paragraph.\n\n"
    "# Financial implications\n\nThe cost is met from existing budgets.\n\n# Conclusion\n\nThe end."
)


def word_url(key: str, subject) -> str:
    return reverse("documents:word_download", args=[key, subject.pk])


def download(client, key: str, subject) -> bytes:
    response = client.get(word_url(key, subject))
    assert response.status_code == 200
    assert response["Content-Type"] == word.CONTENT_TYPE
    assert response["Content-Disposition"].endswith('.docx"')
    return b"".join(response.streaming_content)


@pytest.fixture
def report():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, section="A", title="Introduction/Webcast announcement")
    item = AgendaItemFactory(meeting=meeting, section="B", title="Annual Business Plans")
    return CoverReportFactory(
        item=item,
        title="Business Planning 2013/14 - Substantive Draft Plans",
        body=BODY,
        background_documents="None",
    )


def test_a_cover_report_docx_has_every_heading_and_table_of_its_pdf(client, report):
    """The cover report as in the agenda pack (fields table with the subject heading, boxes, numbered sections):
    the .docx opens with python-docx and has the same headings and tables in the same order as the PDF."""
    client.force_login(user_in(None, "officer"))
    document = docx_outline(download(client, "cover_report", report))
    printed = pdf_outline(html_to_pdf(cover_report_word_html(report)))
    assert document.entries == printed.entries
    assert ("h1", squash(report.title)) in document.headings
    assert ("h2", squash("2. Financial implications")) in document.headings
    assert document.tables


def test_the_paper_page_offers_the_word_copy_of_a_cover_report(client, report):
    client.force_login(user_in(None, "officer"))
    page = client.get(reverse("committees:paper_detail", args=[report.item.meeting.pk, report.pk])).content.decode()
    assert f'href="{word_url("cover_report", report)}" download>Download the cover report as Word (.docx)</a>' in page


def test_an_exempt_cover_report_is_only_copied_for_those_who_may_see_the_full_pack(client, report):
    """Exempt (Schedule 12A): an officer outside the full pack's readers gets 404; a committee member gets it."""
    report.item.exempt = True
    report.item.exempt_paragraph = 3
    report.item.save()
    client.force_login(user_in(None, "officer"))
    assert client.get(word_url("cover_report", report)).status_code == 404
    client.force_login(user_in(Role.COMMITTEE_MEMBER, "member"))
    assert download(client, "cover_report", report).startswith(b"PK")
    client.logout()
    assert client.get(word_url("cover_report", report)).status_code == 302


def test_a_risk_register_docx_has_every_heading_and_table_of_its_pdf(client):
    """The register (profile, heat map tables, each risk): same headings and tables as its PDF; the register
    page links to it beside the other downloads."""
    register = DivisionRegisterFactory()
    RiskFactory(register=register)
    RiskFactory(register=register)
    client.force_login(user_in(None, "officer"))
    document = docx_outline(download(client, "risk_register", register))
    printed = pdf_outline(html_to_pdf(build_register_html(register, {})))
    assert document.entries == printed.entries
    assert len(document.tables) >= 3
    page = client.get(reverse("risks:register_detail", args=[register.pk])).content.decode()
    assert f'href="{word_url("risk_register", register)}" download>Download as Word (.docx)</a>' in page
