"""The dashboard as a tagged PDF for committee: the command, and the Download as PDF button."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from documents.models import RenderJob, RenderStatus
from documents.pdf import record_fetches
from performance.models import Polarity

from ..support.pdf import alt_texts
from .factories import KpiFactory, record


@pytest.mark.django_db
def test_render_dashboard_command_writes_a_tagged_pdf(plan, tmp_path):
    """`render_dashboard PLAN --period 2017-Q2 --output FILE` makes a tagged PDF with RAG in words."""
    pi01 = KpiFactory(plan=plan, reference="PI01", polarity=Polarity.LOWER, floor=15, target=5)
    record(pi01, "2017-Q1", 4)
    record(pi01, "2017-Q2", 10, commentary="<script>alert(1)</script>")
    output = tmp_path / "dashboard.pdf"
    with record_fetches() as fetches:
        call_command("render_dashboard", str(plan.pk), "--period", "2017-Q2", "--output", str(output))
    assert fetches.refused == []
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "PI01" in text
    assert "Amber" in text
    # The chart's figures are its alternative text (tagged structure), not hidden words in the text layer.
    assert "Q1: 4% (Green); Q2: 10% (Amber)" not in text
    assert any("Q1: 4% (Green); Q2: 10% (Amber)" in alt for alt in alt_texts(output.read_bytes()))
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert reader.metadata.title == f"Performance dashboard: {plan.directorate.name}, Q2 2017-18"


@pytest.mark.django_db
def test_render_dashboard_command_refuses_a_period_of_another_year(plan, tmp_path):
    """A period outside the plan's year is a clear error."""
    with pytest.raises(CommandError, match="is not in 2017-18"):
        call_command("render_dashboard", str(plan.pk), "--period", "2016-Q2", "--output", str(tmp_path / "x.pdf"))


@pytest.mark.django_db
def test_download_button_queues_a_render_job_for_the_period(client, plan, reader):
    """The POST view checks permission, queues the job with the period and redirects to its status page."""
    KpiFactory(plan=plan, reference="CS05")
    client.force_login(reader)
    response = client.post(reverse("performance:dashboard_pdf", args=[plan.pk]), {"period": "2017-Q3"})
    job = RenderJob.objects.get()
    assert response.url == reverse("documents:render_job_status", args=[job.id])
    assert job.options == {"renderer": "performance_dashboard", "options": {"period": "2017-Q3"}}
    assert job.download_name.endswith("performance dashboard Q3 2017-18.pdf")


@pytest.mark.django_db(transaction=True)
def test_render_job_produces_the_pdf(client, plan, reader):
    """With Celery eager (no Redis), the queued job renders at once and is ready to download."""
    KpiFactory(plan=plan, reference="CS05")
    client.force_login(reader)
    client.post(reverse("performance:dashboard_pdf", args=[plan.pk]), {"period": "2017-Q1"})
    job = RenderJob.objects.get()
    assert job.status == RenderStatus.DONE
    assert job.page_count >= 1
    assert client.get(reverse("documents:render_job_download", args=[job.id])).status_code == 200


@pytest.mark.django_db
def test_anonymous_users_cannot_request_a_pdf(client, plan):
    """The PDF button needs a login."""
    response = client.post(reverse("performance:dashboard_pdf", args=[plan.pk]), {"period": "2017-Q1"})
    assert response.status_code == 302
    assert not RenderJob.objects.exists()
