"""Deleting or removing anything on a meeting asks first: GET shows a page naming what goes, POST deletes, Cancel
keeps it; each change ends with a success message saying what happened and what to do next (issue 16 item 5)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committees import services
from committees.models import AgendaItem, Appendix, AppendixKind, Paper

from ..factories import PASSWORD
from .factories import AgendaItemFactory, CoverReportFactory, MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, clerk):
    client.login(username=clerk.username, password=PASSWORD)
    return client


@pytest.fixture
def item_with_papers():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, section="B", title="Performance Benchmarking")
    item = AgendaItemFactory(meeting=meeting, section="B", title="Annual Business Plans")
    report = CoverReportFactory(item=item, title="Business Plans 2013-14")
    upload = services.paper_upload(
        item=item, title="Minutes of 22 November 2012", upload=SimpleUploadedFile("m.pdf", pdf_bytes("MINUTES"))
    )
    return item, report, upload


def _success_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"] if message.level_tag == "success"]


def test_delete_item_get_names_the_item_and_its_papers_and_deletes_nothing(signed_in, item_with_papers):
    item, report, upload = item_with_papers
    url = reverse("committees:item_delete", args=[item.meeting_id, item.pk])

    response = signed_in.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Delete item B2 Annual Business Plans?" in page
    assert "Business Plans 2013-14" in page
    assert "Minutes of 22 November 2012" in page
    assert 'class="govuk-button govuk-button--warning"' in page
    assert f'href="{reverse("committees:item_edit", args=[item.meeting_id, item.pk])}">Cancel</a>' in page
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert Paper.objects.filter(item=item).count() == 2


def test_delete_item_post_deletes_it_and_its_papers_and_says_so(signed_in, item_with_papers):
    item, report, upload = item_with_papers

    response = signed_in.post(reverse("committees:item_delete", args=[item.meeting_id, item.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("committees:meeting_detail", args=[item.meeting_id])
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert not Paper.objects.filter(pk__in=[report.pk, upload.pk]).exists()
    assert _success_messages(response) == ["Item B2 Annual Business Plans and its papers deleted."]
    assert "govuk-notification-banner--success" in response.content.decode()


def test_the_edit_page_links_to_the_confirmation_instead_of_deleting(signed_in, item_with_papers):
    """The edit page's "Delete this item and its papers" is a link to the question, not a form that deletes."""
    item, _, _ = item_with_papers
    page = signed_in.get(reverse("committees:item_edit", args=[item.meeting_id, item.pk])).content.decode()

    delete_url = reverse("committees:item_delete", args=[item.meeting_id, item.pk])
    assert f'href="{delete_url}">Delete this item and its papers</a>' in page
    assert f'action="{delete_url}"' not in page


def test_remove_paper_asks_first_then_removes_only_that_paper(signed_in, item_with_papers):
    item, report, upload = item_with_papers
    Appendix.objects.create(paper=report, title="Business plan", kind=AppendixKind.RISK_REGISTER, subject_id=1)
    url = reverse("committees:paper_delete", args=[item.meeting_id, report.pk])
    detail = signed_in.get(reverse("committees:paper_detail", args=[item.meeting_id, report.pk])).content.decode()
    assert f'href="{url}">Remove this paper</a>' in detail

    question = signed_in.get(url)
    assert question.status_code == 200
    assert "Remove the paper “Business Plans 2013-14”?" in question.content.decode()
    assert "Business plan" in question.content.decode(), "the appendices that go with it are named"
    assert Paper.objects.filter(pk=report.pk).exists()

    response = signed_in.post(url, follow=True)
    assert not Paper.objects.filter(pk=report.pk).exists()
    assert Paper.objects.filter(pk=upload.pk).exists()
    assert _success_messages(response) == ["Paper “Business Plans 2013-14” removed from item B2 Annual Business Plans."]


def test_remove_appendix_asks_first_and_cancel_goes_back_to_the_paper(signed_in, item_with_papers):
    item, report, _ = item_with_papers
    appendix = Appendix.objects.create(
        paper=report, title="Business plan", kind=AppendixKind.RISK_REGISTER, subject_id=1
    )
    url = reverse("committees:appendix_delete", args=[item.meeting_id, appendix.pk])

    question = signed_in.get(url).content.decode()
    assert "Remove the appendix “Business plan”?" in question
    paper_url = reverse("committees:paper_detail", args=[item.meeting_id, report.pk])
    assert f'href="{paper_url}">Cancel</a>' in question
    assert Appendix.objects.filter(pk=appendix.pk).exists()

    response = signed_in.post(url, follow=True)
    assert not Appendix.objects.filter(pk=appendix.pk).exists()
    assert _success_messages(response) == ["Appendix “Business plan” removed."]


def test_only_democratic_services_see_the_question(client, officer, item_with_papers):
    """The confirmation page is checked per meeting like the deletion itself: 403 for anyone else."""
    item, report, _ = item_with_papers
    client.login(username=officer.username, password=PASSWORD)
    for url in (
        reverse("committees:item_delete", args=[item.meeting_id, item.pk]),
        reverse("committees:paper_delete", args=[item.meeting_id, report.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert Paper.objects.filter(pk=report.pk).exists()


def test_saving_a_cover_report_says_so(signed_in, item_with_papers):
    item, report, _ = item_with_papers
    data = {
        field: getattr(report, field)
        for field in ("title", "from_by", "to", "summary", "recommendations", "body", "contact")
    }
    data |= {"title": "Business Plans 2013-14 (revised)", "lock_version": report.lock_version}
    data = {key: value for key, value in data.items() if value is not None}

    response = signed_in.post(reverse("committees:report_edit", args=[item.meeting_id, report.pk]), data, follow=True)

    assert _success_messages(response) == ["Cover report “Business Plans 2013-14 (revised)” saved."]


def test_adding_an_item_says_what_to_do_next(signed_in, item_with_papers):
    item, _, _ = item_with_papers

    response = signed_in.post(
        reverse("committees:item_create", args=[item.meeting_id]),
        {"section": "C", "title": "Risk Monitoring"},
        follow=True,
    )

    new = AgendaItem.objects.get(title="Risk Monitoring")
    [message] = _success_messages(response)
    assert message.startswith("Item C1 Risk Monitoring added. Next, ")
    assert reverse("committees:report_create", args=[item.meeting_id, new.pk]) in message
    assert reverse("committees:paper_upload", args=[item.meeting_id, new.pk]) in message
