"""Anyone may download a published plan as a tagged PDF, exactly as approved; nothing else is reachable that way."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from documents.models import RenderJob, RenderStatus
from kcc_planning.roles import Role
from plans.models import PlanSnapshot, SnapshotKind
from plans.public_pdf import RENDERER_KEY
from plans.services import RowInput, priority_save
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.pdf import pdf_text
from ..support.users import user_in

pytestmark = pytest.mark.django_db


def _through(plan, *steps: str) -> None:
    admin = User.objects.filter(username="publisher").first() or user_in(Role.ADMINISTRATOR, "publisher")
    for name in steps:
        extra = {"decision_number": "12/01971", "decided_on": datetime.date(2013, 3, 27)} if name == "approve" else {}
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path", **extra)


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory(division__name="Human Resources")
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Approved wording", accountable_officer="Paul Royel")
    return plan


def _edit_after_approval(plan) -> None:
    priority = plan.priorities.get()
    action = priority.actions.get()
    values = {
        "title": "Unapproved working edit",
        "sub_action": False,
        "accountable_officer": "Paul Royel",
        "start_text": "April 2013",
        "end_text": "March 2014",
    }
    priority_save(
        priority=priority,
        title=priority.title,
        description=priority.description,
        milestones=[],
        key_decisions=[],
        actions=[RowInput(id=action.pk, values=values)],
    )


def test_a_published_plan_downloads_as_the_tagged_pdf_of_its_approved_version(
    client, plan, django_capture_on_commit_callbacks
):
    """Signed out: the public page links to the PDF. The first visitor is told it is being prepared while it
    renders; then the PDF is tagged, prints the approved wording (not a later working edit, not marked DRAFT) and
    is made once: the next visitor gets the same file without a new render."""
    _through(plan, "submit", "clear", "send_to_committee", "approve", "publish")
    _edit_after_approval(plan)
    url = reverse("public:plan_pdf", args=[plan.pk])
    assert f'href="{url}"' in client.get(reverse("public:plan_detail", args=[plan.pk])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        # The render is queued when the request's work commits; eager Celery renders it then.
        assert client.get(url).status_code == 202
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Human Resources business plan 2013-14 as approved.pdf"'
    )
    pdf = b"".join(response.streaming_content)
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    text = pdf_text(pdf)
    assert "Approved wording" in text
    assert "Unapproved working edit" not in text
    assert "DRAFT" not in text

    again = client.get(url)
    assert b"".join(again.streaming_content) == pdf
    job = RenderJob.objects.get()
    assert job.options == {
        "renderer": RENDERER_KEY,
        "options": {"snapshot": plan.snapshots.get(kind=SnapshotKind.APPROVED).pk},
    }
    assert job.requested_by is None


def test_unpublished_plans_and_plans_without_an_approved_version_have_no_public_pdf(client, plan):
    """A draft, a plan sent to committee, an approved but unpublished plan, an unknown id: 404, and no render."""
    url = reverse("public:plan_pdf", args=[plan.pk])
    assert client.get(url).status_code == 404
    _through(plan, "submit", "clear", "send_to_committee")
    assert client.get(url).status_code == 404
    _through(plan, "approve")
    assert client.get(url).status_code == 404
    assert client.get(reverse("public:plan_pdf", args=[987654])).status_code == 404
    assert not RenderJob.objects.exists()


def test_a_tampered_approved_copy_is_never_printed(client, plan):
    """If the approved snapshot no longer passes its checksum, the failure page shows instead and no PDF is made."""
    _through(plan, "submit", "clear", "send_to_committee", "approve", "publish")
    snapshot = plan.snapshots.get(kind=SnapshotKind.APPROVED)
    document = snapshot.document
    document["priorities"][0]["actions"][0]["title"] = "Wording nobody ever approved"
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(document=document)
    response = client.get(reverse("public:plan_pdf", args=[plan.pk]))
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "failed its integrity check" in page
    assert "Wording nobody ever approved" not in page
    assert not RenderJob.objects.exists()


def test_while_the_pdf_is_being_made_the_visitor_is_told_and_no_second_render_starts(client, plan, monkeypatch):
    """With a broker the render waits for a worker: the visitor gets "being prepared" (202) with a link to try
    again, and asking again reuses the queued job."""
    _through(plan, "submit", "clear", "send_to_committee", "approve", "publish")
    monkeypatch.setattr("documents.services._enqueue", lambda job_id: None)
    url = reverse("public:plan_pdf", args=[plan.pk])
    response = client.get(url)
    assert response.status_code == 202
    page = response.content.decode()
    assert "The PDF is being prepared" in page
    assert f'href="{url}">Try the download again</a>' in page
    assert client.get(url).status_code == 202
    assert RenderJob.objects.get().status == RenderStatus.QUEUED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_being_prepared_page_is_accessible_and_reflows(live_server, page, page_checker, plan, monkeypatch):
    """The public "being prepared" page passes axe-core and the Nu checker and has no sideways scroll at 320 px."""
    _through(plan, "submit", "clear", "send_to_committee", "approve", "publish")
    monkeypatch.setattr("documents.services._enqueue", lambda job_id: None)
    page.goto(live_server.url + reverse("public:plan_detail", args=[plan.pk]))
    expect(page.get_by_role("link", name="Download this plan as approved (PDF)")).to_be_visible()
    page.goto(live_server.url + reverse("public:plan_pdf", args=[plan.pk]))
    expect(page.get_by_role("heading", name="The PDF is being prepared")).to_be_visible()
    page_checker.check(page, "public plan PDF being prepared")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.screenshot(path="/tmp/h16c-public-pdf-preparing.png", full_page=True)
