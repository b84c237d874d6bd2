"""The monitoring report as a tagged PDF paper that reads true, and ``render_monitoring_report``'s errors."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from documents.pdf import html_to_pdf, record_fetches
from plans.monitoring import monitoring_report_html, monitoring_report_read, report_period

from ..support.monitoring import monitored_plan
from ..support.pdf import pdf_pages, reading_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored():
    return monitored_plan()


def _words(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_pages(pdf)).split())


def test_command_writes_a_tagged_report_that_reads_true(monitored, tmp_path):
    """Tagged (structure tree, marked), titled, every figure from the data, nothing over anything else."""
    output = tmp_path / "monitoring.pdf"
    with record_fetches() as fetches:
        call_command("render_monitoring_report", str(monitored.plan.pk), "--period", "2017-Q2", "--output", str(output))
    assert fetches.refused == []
    pdf = output.read_bytes()
    if keep := os.environ.get("KEEP_PDF"):  # for looking at the pages: pdftoppm -r 60 -png FILE /tmp/x
        Path(keep).write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    unit = monitored.plan.unit_name
    assert reader.metadata.title == f"{unit} Mid-Year Business Plan Monitoring Q2 2017-18"
    assert reading_problems(pdf) == []
    text = _words(pdf)
    assert f"{unit}: Mid-Year Business Plan Monitoring Q2 2017-18" in text
    assert "The plan has 5 actions: 2 on track, 1 at risk, 1 off track and 1 complete." in text
    assert "1 of the 2 milestones due by 30 September 2017 has been achieved" in text
    assert "Revised: 31 Jan 2018" in text
    assert "Reason for the revised date: The corporate review reports in December." in text
    assert "As reported for Q1 2017-18" in text
    assert "Overdue" in text
    assert "Red 1 · Amber 1 · Green 1 · Not rated 0" in text
    assert "Rating increased since the last review (was 9)" in text
    assert "Loss of key staff" in text


def test_status_is_never_by_colour_alone(monitored):
    """Each status and RAG prints as words; the colour repeats them."""
    html = monitoring_report_html(
        monitoring_report_read(plan=monitored.plan, period=report_period(plan=monitored.plan, code="2017-Q2"))
    )
    assert '<span class="rag rag--red">Off track</span>' in html
    assert '<span class="rag rag--amber">At risk</span>' in html
    assert '<span class="rag rag--green">Complete</span>' in html
    assert '<span class="rag rag--red">Red</span>' in html


def test_user_text_is_escaped(monitored):
    from plans.models import ProgressUpdate

    ProgressUpdate.objects.filter(action=monitored.actions[0]).update(commentary="<script>alert(1)</script>")
    html = monitoring_report_html(
        monitoring_report_read(plan=monitored.plan, period=report_period(plan=monitored.plan, code="2017-Q2"))
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in _words(html_to_pdf(html))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["999999", "--period", "2017-Q2"], "There is no plan with id 999999."),
        (["{plan}", "--period", "2017-Q9"], "'2017-Q9' is not a reporting period."),
        (["{plan}", "--period", "2019-Q2"], "Q2 2019-20 is not in 2017-18, the year of this plan."),
    ],
)
def test_command_errors_are_clear(monitored, tmp_path, arguments, message):
    arguments = [argument.replace("{plan}", str(monitored.plan.pk)) for argument in arguments]
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("render_monitoring_report", *arguments, "--output", str(output))
    assert not output.exists()


def test_command_refuses_a_missing_folder(monitored, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "render_monitoring_report",
            str(monitored.plan.pk),
            "--period",
            "2017-Q2",
            "--output",
            str(tmp_path / "nowhere" / "report.pdf"),
        )
