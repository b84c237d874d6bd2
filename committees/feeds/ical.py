"""Each committee's meetings as an iCalendar feed, with the public page of each meeting once it is published."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from ..models import Committee, Meeting, PackBuild
from .throttling import throttled


def feed_committee(committee_id: int) -> Committee:
    return get_object_or_404(Committee, pk=committee_id)


@require_GET
@throttled
def meetings_ical(request, committee_id: int):
    """Every meeting of the committee as a calendar event, with its public page once the papers are published."""
    committee = feed_committee(committee_id)
    published = set(
        PackBuild.objects.filter(
            meeting__committee=committee, supplement__isnull=True, published_at__isnull=False
        ).values_list("meeting_id", flat=True)
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Council business planning//Committee meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", committee.name)
    calendar.add("x-wr-timezone", "Europe/London")
    stamp = timezone.now()
    zone = timezone.get_default_timezone()
    host = request.get_host()
    for meeting in Meeting.objects.filter(committee=committee).order_by("date", "start_time"):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone))
        event.add("summary", str(committee))
        event.add("location", meeting.venue)
        description = f"Clerk: {meeting.clerk_name}, {meeting.clerk_telephone}"
        if meeting.pk in published:
            url = request.build_absolute_uri(reverse("committees_public:meeting_detail", args=[meeting.pk]))
            event.add("url", url)
            description += f"\nAgenda and papers: {url}"
        event.add("description", description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="committee-{committee.pk}-meetings.ics"'
    return response
