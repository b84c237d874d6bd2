"""Meeting, agenda and pack pages: permissions per object, bad input, and what the public can see."""

import pytest
from django.urls import reverse

from committees import services
from committees.models import AgendaItem

from ..factories import PASSWORD
from .factories import CANARY


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.mark.django_db
def test_staff_pages_need_sign_in(client, small_meeting):
    """Anonymous visitors are sent to the sign-in page from every staff page."""
    for url in (
        reverse("committees:meeting_list"),
        reverse("committees:meeting_detail", args=[small_meeting.pk]),
        reverse("committees:item_create", args=[small_meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_only_democratic_services_manage_the_agenda(client, small_meeting, officer, member):
    """Officers and members may read the agenda but get 403 on every change."""
    item = small_meeting.items.first()
    for user in (officer, member):
        _login(client, user)
        assert client.get(reverse("committees:meeting_detail", args=[small_meeting.pk])).status_code == 200
        assert client.get(reverse("committees:item_create", args=[small_meeting.pk])).status_code == 403
        assert (
            client.post(
                reverse("committees:item_move", args=[small_meeting.pk, item.pk]), {"direction": "down"}
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("committees:pack_build", args=[small_meeting.pk]), {"published_on": "2012-12-28"}
            ).status_code
            == 403
        )


@pytest.mark.django_db
def test_exempt_titles_and_papers_are_hidden_from_officers_without_full_pack_access(client, small_meeting, officer):
    """An officer sees the public title of an exempt item and cannot open its papers."""
    _login(client, officer)
    page = client.get(reverse("committees:meeting_detail", args=[small_meeting.pk])).content.decode()
    assert CANARY not in page
    assert "Kent and Medway Broadband Delivery UK (BDUK) Project" in page
    paper = small_meeting.items.get(section="E").papers.first()
    assert client.get(reverse("committees:paper_detail", args=[small_meeting.pk, paper.pk])).status_code == 403


@pytest.mark.django_db
def test_item_form_shows_errors_next_to_the_fields(client, small_meeting, clerk):
    """An exempt item without a paragraph or public title, and a bad decision number, are refused clearly."""
    _login(client, clerk)
    response = client.post(
        reverse("committees:item_create", args=[small_meeting.pk]),
        {"section": "E", "title": "Secret", "decision_number": "12-1", "exempt": "on"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter the paragraph of Schedule 12A" in page
    assert "Enter the title the public agenda shows" in page
    assert "Enter a decision number like 12/01971" in page
    assert not AgendaItem.objects.filter(title="Secret").exists()


@pytest.mark.django_db
def test_clerk_adds_and_reorders_items(client, small_meeting, clerk):
    """A new item goes to the end of its section; the drag-and-drop endpoint saves a section's order."""
    _login(client, clerk)
    response = client.post(
        reverse("committees:item_create", args=[small_meeting.pk]),
        {"section": "D", "title": "Enterprise Resource Planning Programme"},
    )
    assert response.status_code == 302
    other = client.post(reverse("committees:item_create", args=[small_meeting.pk]), {"section": "D", "title": "Budget"})
    assert other.status_code == 302
    first, second = AgendaItem.objects.filter(meeting=small_meeting, section="D").order_by("position")
    url = reverse("committees:section_reorder", args=[small_meeting.pk, "D"])
    assert client.post(url, {"order": [second.pk, first.pk]}).json() == {"ok": True}
    assert list(AgendaItem.objects.filter(meeting=small_meeting, section="D").order_by("position")) == [second, first]
    assert client.post(url, {"order": [second.pk]}).status_code == 400


@pytest.mark.django_db
def test_full_pack_for_members_public_pack_for_everyone(client, small_meeting, clerk, member, officer):
    """Members download the full pack; officers only the public one; anonymous visitors only the published
    public pack, and nothing before publication."""
    build = services.pack_build_run(build_id=services.pack_build_request(meeting=small_meeting, requested_by=clerk).pk)
    public_page = reverse("committees_public:meeting_detail", args=[small_meeting.pk])
    assert client.get(public_page).status_code == 404  # not published yet
    services.pack_publish(build=build, published_by=clerk)
    full = reverse("committees:pack_download", args=[small_meeting.pk, build.pk, "full"])
    public = reverse("committees:pack_download", args=[small_meeting.pk, build.pk, "public"])
    _login(client, member)
    assert client.get(full).status_code == 200
    _login(client, officer)
    assert client.get(full).status_code == 403
    assert client.get(public).status_code == 200
    client.logout()
    assert client.get(full).status_code == 302
    page = client.get(public_page)
    assert page.status_code == 200
    assert CANARY not in page.content.decode()
    download = client.get(reverse("committees_public:pack_download", args=[small_meeting.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("committees_public:meeting_list")).status_code == 200
    assert client.get(reverse("public:plan_list")).status_code == 200


@pytest.mark.django_db
def test_meeting_page_warns_when_publication_leaves_fewer_than_five_clear_days(client, small_meeting, clerk):
    """Published on 2 January 2013 for 8 January: three clear days, so the page warns."""
    import datetime

    build = services.pack_build_request(
        meeting=small_meeting, requested_by=clerk, published_on=datetime.date(2013, 1, 2)
    )
    services.pack_publish(build=services.pack_build_run(build_id=build.pk), published_by=clerk)
    _login(client, clerk)
    page = client.get(reverse("committees:meeting_detail", args=[small_meeting.pk])).content.decode()
    assert "only 3 clear days before the meeting" in page
