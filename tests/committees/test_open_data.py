"""The open feeds and the read-only API: what the public pages show and nothing more, in bounded queries."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import SimpleRateThrottle

from committees.models import BuildStatus, DecisionMaker, PackBuild
from committees.services.decisions import (
    decision_publish,
    decision_record,
    forward_plan_entry_create,
    forward_plan_publish,
)

from .factories import CANARY, AgendaItemFactory, CommitteeMemberFactory, MeetingFactory

D = datetime.date
ATOM = "{http://www.w3.org/2005/Atom}"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no requests counted against its address."""
    cache.clear()
    yield
    cache.clear()


def _publish(meeting, *, ranges=None) -> PackBuild:
    return PackBuild.objects.create(
        meeting=meeting,
        status=BuildStatus.DONE,
        progress=100,
        version=1,
        published_at=timezone.now(),
        published_on=D(2012, 12, 28),
        ranges=ranges or {},
    )


def _decision(number: str, *, exempt: bool = False, published: bool = True, item=None):
    decision = decision_record(
        values={
            "number": number,
            "title": f"Decision {number}",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_name": "Mr J D Simmonds, Cabinet Member for Finance",
            "taken_on": D(2013, 1, 14),
            "decision": f"Agree it {CANARY if exempt else 'openly'}.",
            "reasons": f"Because {CANARY if exempt else 'it is right'}.",
            "exempt_paragraph": 3 if exempt else None,
            "agenda_item": item,
        }
    )
    if published:
        decision_publish(decision=decision, published_on=D(2013, 1, 15))
    return decision


def test_meeting_agenda_in_the_api_shows_the_exempt_item_by_its_public_title_only(client, small_meeting):
    """The published agenda lists E1 by its public title, with its paragraph; the canary appears nowhere."""
    _publish(small_meeting, ranges={"B1": [11, 162], "E1": [217, 224]})
    response = client.get(reverse("api:meeting_detail", args=[small_meeting.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert CANARY not in body
    agenda = {row["order"]: row for row in response.json()["agenda"]}
    assert agenda["E1"]["description"] == "Kent and Medway Broadband Delivery UK (BDUK) Project"
    assert agenda["E1"]["exempt"] is True
    assert agenda["E1"]["exempt_paragraph"] == 3
    assert agenda["B1"]["pages"] == "11 - 162"
    assert response.json()["documents"][0]["media_type"] == "application/pdf"


def test_unpublished_meeting_has_no_agenda_in_the_api(client, small_meeting):
    """Before the papers are published the meeting's date and venue are public, its agenda is not."""
    data = client.get(reverse("api:meeting_detail", args=[small_meeting.pk])).json()
    assert data["agenda"] == []
    assert data["documents"] == []
    assert data["url"] is None


def test_exempt_decision_content_never_reaches_the_api_or_the_feeds(client, small_meeting):
    """An exempt record's text is null in the API and absent from the Atom and RSS feeds; unpublished ones unseen."""
    _decision("12/02003", exempt=True, item=small_meeting.items.get(section="E"))
    _decision("12/01882", published=False, item=small_meeting.items.get(section="B"))
    _publish(small_meeting)
    api = client.get(reverse("api:decision_list"))
    assert CANARY not in api.content.decode()
    [row] = api.json()["results"]
    assert row["decision_number"] == "12/02003"
    assert row["exempt"] is True
    assert row["decision"] is None
    for name in ("committees_public:papers_atom", "committees_public:papers_rss"):
        feed = client.get(reverse(name, args=[small_meeting.committee_id])).content.decode()
        assert CANARY not in feed
        assert "12/02003" in feed
        assert "12/01882" not in feed


def test_api_lists_keep_a_constant_number_of_queries(client):
    """Ten committees, meetings and decisions cost the same queries as one."""

    def measure(count: int, start: int) -> dict[str, int]:
        for index in range(start, start + count):
            meeting = MeetingFactory(committee__name=f"Committee {index}")
            CommitteeMemberFactory(committee=meeting.committee)
            _publish(meeting)
            _decision(f"12/{index:05d}", item=AgendaItemFactory(meeting=meeting, section="B"))
        queries = {}
        for name in ("api:committee_list", "api:meeting_list", "api:decision_list"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse(name)).status_code == 200
            queries[name] = len(captured)
        return queries

    assert measure(1, 1) == measure(10, 2)


def test_api_lists_are_paginated(client, monkeypatch):
    """A list answers with a count, the next page's address and at most a page of results."""
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    for index in range(3):
        MeetingFactory(date=D(2013, 1, 8) + datetime.timedelta(days=7 * index))
    data = client.get(reverse("api:meeting_list")).json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert "page=2" in data["next"]


def test_api_and_feeds_are_rate_limited(client, monkeypatch):
    """Past the rate a client is told to wait (429 with Retry-After), for the API and the feeds alike."""
    meeting = MeetingFactory()
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "feeds": "2/minute"})
    statuses = [client.get(reverse("api:committee_list")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    feed = reverse("committees_public:meetings_ical", args=[meeting.committee_id])
    statuses = [client.get(feed).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(feed)["Retry-After"].isdigit()


def test_ical_feed_parses_with_a_standard_parser(client):
    """The calendar parses; each meeting is an event at its local start time, with the public page once published."""
    meeting = MeetingFactory(date=D(2013, 1, 8), start_time=datetime.time(10, 0))
    MeetingFactory(committee=meeting.committee, date=D(2013, 7, 16), start_time=datetime.time(14, 0))
    _publish(meeting)
    response = client.get(reverse("committees_public:meetings_ical", args=[meeting.committee_id]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))
    assert len(events) == 2
    first, summer = (event.decoded("dtstart") for event in events)
    assert first.isoformat() == "2013-01-08T10:00:00+00:00"
    assert summer.isoformat() == "2013-07-16T14:00:00+01:00"  # British Summer Time
    assert str(events[0]["location"]) == meeting.venue
    assert reverse("committees_public:meeting_detail", args=[meeting.pk]) in str(events[0]["url"])
    assert "url" not in events[1]
    assert calendar.walk("VTIMEZONE"), "the calendar carries its time zone"


def test_atom_feed_is_well_formed_and_pages(client, small_meeting):
    """The Atom feed parses as XML with one entry per publication and decision; a bad page is a 404."""
    _publish(small_meeting)
    _decision("12/01971", item=small_meeting.items.get(section="B"))
    response = client.get(reverse("committees_public:papers_atom", args=[small_meeting.committee_id]))
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles[0].startswith("Decision 12/01971") or titles[1].startswith("Decision 12/01971")
    assert any(title.startswith("Agenda pack:") for title in titles)
    assert (
        client.get(reverse("committees_public:papers_atom", args=[small_meeting.committee_id]) + "?page=x").status_code
        == 404
    )


def test_forward_plan_in_the_api_is_the_published_version():
    """The API gives the Forward Plan as published, and each earlier version by its number."""
    from django.test import Client

    client = Client()
    assert client.get(reverse("api:forward_plan")).status_code == 404
    forward_plan_entry_create(
        values={
            "decision_number": "12/01971",
            "subject": "Annual Business Plans 2013-14",
            "decision_maker": DecisionMaker.CABINET_MEMBER,
            "decision_maker_title": "Cabinet Member for Business Strategy",
            "expected_date": D(2013, 1, 21),
        }
    )
    forward_plan_publish(published_on=D(2012, 12, 1), by=None)
    data = client.get(reverse("api:forward_plan")).json()
    assert data["number"] == 1
    assert data["entries"][0]["first_published_on"] == "2012-12-01"
    assert client.get(reverse("api:forward_plan_version", args=[1])).json() == data


def test_openapi_description_validates(tmp_path):
    """drf-spectacular generates the OpenAPI description and validates it against the OpenAPI schema."""
    target = tmp_path / "openapi.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(target))
    description = json.loads(target.read_text())
    assert description["openapi"].startswith("3.")
    assert "/api/v1/decisions/" in description["paths"]
