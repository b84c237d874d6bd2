"""The register paper: tagged PDF laid out like the seed's Appendix A, by command and by render job."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from documents.models import RenderJob, RenderStatus
from documents.pdf import record_fetches
from risks.documents import build_register_html, register_filename
from risks.models import Register, RegisterLevel

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bss_register(demo_loaded):
    return Register.objects.get(level=RegisterLevel.DIRECTORATE, directorate=demo_loaded)


def test_print_html_carries_profile_scales_heat_map_and_every_risk(bss_register):
    """The print HTML has the summary profile, the scales key, both heat maps and each risk's tables."""
    html = build_register_html(bss_register, {})
    assert '<html lang="en-GB">' in html
    assert "<title>Business Strategy &amp; Support Directorate Risk Register December 2012</title>" in html
    assert "Likelihood &amp; Impact Scales (Risk Rating = Likelihood x Impact)" in html
    assert html.count('role="img"') == 2
    for reference in ("BSS1", "BSS2", "BSS3", "BSS4", "BSS5", "BSS6"):
        assert f">{reference}</th>" in html
    assert html.count("Control Title") == 6
    assert "Ongoing (June 2013 review)" in html


def test_render_register_command_writes_a_tagged_pdf(bss_register, tmp_path):
    """``render_register`` writes a tagged PDF whose text includes every risk and its controls."""
    output = tmp_path / "register.pdf"
    with record_fetches() as fetches:
        call_command("render_register", str(bss_register.pk), "--output", str(output), stdout=io.StringIO())
    reader = PdfReader(output)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Summary Risk Profile", "BSS1", "BSS6", "Risk assessment in progress", "Possible (3)", "Page 1"):
        assert expected in text
    assert len(reader.pages) >= 8  # profile, heat maps, six risks each from a new page
    assert fetches.refused == []
    assert {url.rsplit("/", 1)[-1] for url in fetches.served} == {"base.css", "risks.css"}


def test_render_register_refuses_unknown_register(db, tmp_path):
    """A missing register is a clear command error, not a traceback."""
    with pytest.raises(CommandError, match="There is no register 424242"):
        call_command("render_register", "424242", "--output", str(tmp_path / "x.pdf"))


def test_download_button_queues_a_render_job(client, bss_register, django_capture_on_commit_callbacks):
    """ "Download as PDF" creates a render job for the register and sends the user to its status page."""
    client.force_login(UserFactory(username="reader"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("risks:register_pdf", args=[bss_register.pk]))
    job = RenderJob.objects.get()
    assert response.url == reverse("documents:render_job_status", args=[job.id])
    assert job.subject == bss_register
    assert job.download_name == register_filename(bss_register, {})
    # Celery runs eagerly without a broker: once the request's transaction commits, the job is rendered.
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE
    assert job.page_count >= 8


def test_pdf_download_needs_post_and_sign_in(client, bss_register):
    """GET is not allowed; anonymous users are sent to sign in."""
    url = reverse("risks:register_pdf", args=[bss_register.pk])
    assert client.post(url).status_code == 302
    client.force_login(UserFactory(username="reader"))
    assert client.get(url).status_code == 405


def test_landscape_is_only_for_the_register(bss_register):
    """The register prints landscape; a plan paper that loads the same stylesheet for section E stays portrait."""
    from documents.pdf import html_to_pdf

    register_pdf = PdfReader(io.BytesIO(html_to_pdf(build_register_html(bss_register, {}))))
    width, height = register_pdf.pages[0].mediabox.width, register_pdf.pages[0].mediabox.height
    assert width > height
    plan_like = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Plan</title>'
        '<link rel="stylesheet" href="/static/print/base.css"><link rel="stylesheet" href="/static/print/risks.css">'
        "</head><body><h1>Plan</h1></body></html>"
    )
    plan_page = PdfReader(io.BytesIO(html_to_pdf(plan_like))).pages[0]
    assert plan_page.mediabox.height > plan_page.mediabox.width
