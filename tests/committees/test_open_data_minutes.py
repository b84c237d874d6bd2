"""Published minutes in the open data API: what the public minutes page shows and nothing more, in bounded queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.pagination import PageNumberPagination

from committees.models import AttendanceKind
from committees.services import minutes as services

from .factories import CANARY, AgendaItemFactory, CommitteeMemberFactory, MeetingFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no requests counted against its address."""
    cache.clear()
    yield
    cache.clear()


def _minutes(meeting, *, published: bool = True, exempt: bool = True):
    """Minutes of ``meeting``: an open minute and (``exempt``) the exempt item's minute with a declaration on it."""
    minutes = services.minutes_start(meeting=meeting)
    services.attendance_add(minutes=minutes, values={"kind": AttendanceKind.IN_ATTENDANCE, "name": "Mr P Sass"})
    open_item = AgendaItemFactory(meeting=meeting, section="A", title="Membership")
    services.minute_add(
        minutes=minutes,
        values={"item": open_item, "title": "Membership", "body": "The Committee noted the vacancy.\n\nAgreed."},
    )
    if exempt:
        item = AgendaItemFactory(
            meeting=meeting,
            section="E",
            title=f"Property disposal {CANARY}",
            exempt=True,
            exempt_paragraph=3,
            public_title="Property disposal",
        )
        services.declaration_add(
            minutes=minutes, values={"member": "Mr J R Bullock", "item": item, "nature": "Lives nearby"}
        )
        services.minute_add(
            minutes=minutes,
            values={
                "item": item,
                "title": f"Disposal {CANARY}",
                "body": f"Members discussed {CANARY}.",
                "resolution": CANARY,
            },
        )
    if published:
        services.minutes_publish(minutes=minutes, published_on=meeting.date + datetime.timedelta(days=8))
    return minutes


def test_exempt_minutes_reach_the_api_by_number_public_title_and_paragraph_only(client):
    """The exempt minute's text, resolution and corrections are null; the canary appears nowhere in list or detail."""
    meeting = MeetingFactory(date=D(2012, 11, 22))
    CommitteeMemberFactory(committee=meeting.committee, name="Mr E E C Hotson", role="chairman")
    _minutes(meeting)
    for url in (reverse("api:minutes_list"), reverse("api:minutes_detail", args=[meeting.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert CANARY not in response.content.decode()
    data = client.get(reverse("api:minutes_detail", args=[meeting.pk])).json()
    assert data["status"] == "unconfirmed"
    assert data["present"][0] == {"name": "Mr E E C Hotson", "title": "Chairman", "substitute_for": None}
    assert data["in_attendance"][0]["name"] == "Mr P Sass"
    # The declaration reads as on the public page: its item by the public title.
    assert data["declarations"] == [{"member": "Mr J R Bullock", "item": "Property disposal", "nature": "Lives nearby"}]
    open_minute, exempt_minute = data["minutes"]
    assert open_minute["paragraphs"] == ["The Committee noted the vacancy.", "Agreed."]
    assert exempt_minute == {
        "number": 2,
        "title": "Property disposal",
        "exempt": True,
        "exempt_paragraph": 3,
        "paragraphs": None,
        "resolution": None,
        "corrections": None,
    }
    assert data["url"].endswith(reverse("committees_public:minutes", args=[meeting.pk]))


def test_draft_minutes_are_not_in_the_api(client):
    """Minutes not yet published are neither listed nor served."""
    meeting = MeetingFactory()
    _minutes(meeting, published=False)
    assert client.get(reverse("api:minutes_list")).json()["count"] == 0
    assert client.get(reverse("api:minutes_detail", args=[meeting.pk])).status_code == 404


def test_confirmed_minutes_say_when_and_by_whom(client):
    """Agreed at the next meeting and signed: the API gives that meeting's date and the chair who signed."""
    meeting = MeetingFactory(date=D(2012, 11, 22))
    following = MeetingFactory(committee=meeting.committee, date=D(2013, 1, 8))
    minutes = _minutes(meeting, exempt=False)
    services.minutes_confirm(minutes=minutes, at_meeting=following, signed_by="Mr E E C Hotson")
    data = client.get(reverse("api:minutes_detail", args=[meeting.pk])).json()
    assert data["status"] == "confirmed"
    assert data["confirmed_at_meeting_of"] == "2013-01-08"
    assert data["signed_by"] == "Mr E E C Hotson"


def test_minutes_list_keeps_a_constant_number_of_queries_and_is_paginated(client, monkeypatch):
    """One set of minutes or six cost the same queries; a page holds at most a page of them."""

    def measure(count: int, start: int) -> int:
        for index in range(start, start + count):
            meeting = MeetingFactory(
                committee__name=f"Committee {index}", date=D(2012, 6, 1) + datetime.timedelta(days=index)
            )
            CommitteeMemberFactory(committee=meeting.committee)
            _minutes(meeting)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("api:minutes_list")).status_code == 200
        return len(captured)

    assert measure(1, 1) == measure(5, 2)
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    data = client.get(reverse("api:minutes_list")).json()
    assert data["count"] == 6
    assert len(data["results"]) == 2
    assert "page=2" in data["next"]
