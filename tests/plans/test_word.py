"""The HR plan as a Word document: it opens with python-docx and carries every heading and table of its PDF."""

import pytest
from django.db import transaction
from django.urls import reverse

from documents import word
from documents.pdf import html_to_pdf
from plans.demo import demo_load
from plans.models import Plan, PlanKind
from plans.plan_renderer import build_plan_html

from ..factories import PASSWORD, UserFactory
from ..support.word import docx_outline, pdf_outline, squash

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module (with the other apps' demo: the plan's risks and indicators), rolled
    back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load(with_users=False, with_app_demos=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def hr_plan(demo):
    """The demo Human Resources plan 2013-14 (seed 001)."""
    return Plan.objects.get(
        kind=PlanKind.DIVISIONAL, division__name="Human Resources", directorate__plan_year__start_year=2013
    )


def test_the_hr_plan_docx_has_every_heading_and_table_of_its_pdf(client, hr_plan):
    """Downloaded from the plan's link, the .docx opens with python-docx and lists the same headings (same levels,
    same words) and the same tables (same captions, same number of rows) in the same order as the tagged PDF."""
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    response = client.get(reverse("documents:word_download", args=["plan", hr_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == word.CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="Human Resources business plan 2013-14')
    assert response["Content-Disposition"].endswith('.docx"')
    document = docx_outline(b"".join(response.streaming_content))

    printed = pdf_outline(html_to_pdf(build_plan_html(hr_plan, {})))
    assert document.headings == printed.headings
    assert document.tables == printed.tables
    assert document.entries == printed.entries
    # The seed's sections and tables are there (not two empty outlines agreeing).
    assert ("h3", squash("Priority 1: Prevention")) in document.headings
    assert len(document.tables) >= 8


def test_the_plan_overview_offers_the_word_copy_beside_the_pdf(client, hr_plan):
    """The overview's "Download as Word (.docx)" link sits with "Download as PDF"."""
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    page = client.get(reverse("plans:plan_overview", args=[hr_plan.pk])).content.decode()
    link = reverse("documents:word_download", args=["plan", hr_plan.pk])
    assert f'href="{link}" download>Download as Word (.docx)</a>' in page
    assert page.index("Download as PDF") < page.index("Download as Word (.docx)")


def test_word_copies_are_for_signed_in_staff_only(client, hr_plan):
    """Signed out: sent to sign in, no file. Unknown kinds and documents: not found."""
    url = reverse("documents:word_download", args=["plan", hr_plan.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.login(username=UserFactory(username="reader").username, password=PASSWORD)
    assert client.get(reverse("documents:word_download", args=["nothing", hr_plan.pk])).status_code == 404
    assert client.get(reverse("documents:word_download", args=["plan", 999_999])).status_code == 404
    assert client.post(url).status_code == 405
