"""Minutes: attendance from the committee's seats, numbered on across the year, published unconfirmed, then fixed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from committees.minutes_paper import minutes_pdf
from committees.models import AttendanceKind, MinutesStatus
from committees.services import minutes as services

from .factories import CANARY, AgendaItemFactory, CommitteeMemberFactory, MeetingFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def november(small_meeting):
    """The 22 November 2012 meeting of the small meeting's committee, with its minutes started."""
    meeting = MeetingFactory(committee=small_meeting.committee, date=D(2012, 11, 22))
    AgendaItemFactory(meeting=meeting, section="A", title="Membership")
    AgendaItemFactory(
        meeting=meeting,
        section="E",
        title=f"Property disposal {CANARY}",
        exempt=True,
        exempt_paragraph=3,
        public_title="Property disposal",
    )
    return services.minutes_start(meeting=meeting)


def test_minutes_start_with_every_filled_seat_present(november):
    """Three named seats of the small meeting's committee (one vacancy) are listed present, chairs with their role."""
    present = list(november.attendance.filter(kind=AttendanceKind.PRESENT).values_list("name", "title"))
    assert present == [("Mr E E C Hotson", "Chairman"), ("Mr J R Bullock, MBE", "Vice-Chairman"), ("Mrs T Dean", "")]


def test_substitute_sends_the_member_s_apologies(november):
    """Mr Chittenden as substitute for Mrs Dean: he is present for her, she has sent apologies."""
    dean = november.meeting.committee.members.get(name="Mrs T Dean")
    services.attendance_add(
        minutes=november, values={"kind": AttendanceKind.PRESENT, "name": "Mr I S Chittenden", "substitute_for": dean}
    )
    assert november.attendance.get(seat=dean).kind == AttendanceKind.APOLOGIES
    assert november.attendance.get(name="Mr I S Chittenden").substitute_for == dean


def test_substitute_for_another_committee_s_member_is_refused(november):
    """A seat of another committee cannot be substituted for here."""
    stranger = CommitteeMemberFactory(committee__name="Regulation Committee")
    with pytest.raises(ValidationError) as caught:
        services.attendance_add(
            minutes=november, values={"kind": AttendanceKind.PRESENT, "name": "Mr X", "substitute_for": stranger}
        )
    assert "substitute_for" in caught.value.message_dict


def test_minute_numbers_run_on_across_the_council_year(november, small_meeting):
    """49 and 50 in November run on to 51 in January; a new council year in May starts again at 1."""
    for title in ("Membership", "Minutes of the meeting held on 27 September 2012"):
        services.minute_add(minutes=november, values={"title": title})
    assert list(november.entries.values_list("number", flat=True)) == [1, 2]
    january = services.minutes_start(meeting=small_meeting)
    assert services.minute_add(minutes=january, values={"title": "Substitutes"}).number == 3
    may = services.minutes_start(meeting=MeetingFactory(committee=small_meeting.committee, date=D(2013, 5, 21)))
    assert services.minute_add(minutes=may, values={"title": "Election of Chairman"}).number == 1


def test_minute_of_an_exempt_item_is_exempt_and_never_public(client, november):
    """The minute of E1 takes its paragraph; the public page and the A4 paper give its public title only."""
    exempt_item = november.meeting.items.get(section="E")
    minute = services.minute_add(
        minutes=november,
        values={"item": exempt_item, "title": f"Disposal {CANARY}", "body": f"Members discussed {CANARY}."},
    )
    assert minute.exempt_paragraph == 3
    services.minute_add(minutes=november, values={"title": "Membership", "body": "The Committee noted the vacancy."})
    services.minutes_publish(minutes=november, published_on=D(2012, 11, 30))
    page = client.get(reverse("committees_public:minutes", args=[november.meeting_id])).content.decode()
    assert CANARY not in page
    assert "Property disposal" in page
    assert "paragraph 3 of Part 1 of Schedule 12A" in page
    assert "Unconfirmed" in page
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(minutes_pdf(november))).pages)
    assert CANARY not in text
    assert "The Committee noted the vacancy." in text


def test_draft_minutes_are_not_public(client, november):
    assert client.get(reverse("committees_public:minutes", args=[november.meeting_id])).status_code == 404


def test_publishing_gives_the_next_meeting_its_minutes_paper(
    november, small_meeting, django_capture_on_commit_callbacks
):
    """The January agenda's minutes item (A3 of the small meeting) gets the November minutes as a paper, once."""
    services.minute_add(minutes=november, values={"title": "Membership", "body": "Noted."})
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(minutes=november, published_on=D(2012, 11, 30))
    item = small_meeting.items.get(title="Minutes of the meeting held on 22 November 2012")
    titles = list(item.papers.values_list("title", flat=True))
    assert "Minutes of the meeting held on 22 November 2012" in titles
    from committees.minutes_paper import minutes_attach_to_next_meeting

    assert minutes_attach_to_next_meeting(minutes_id=november.pk) is False  # run again: nothing more
    assert item.papers.filter(title="Minutes of the meeting held on 22 November 2012").count() == 1


def test_confirmed_minutes_never_change_and_take_corrections(november, small_meeting):
    """Agreed at the next meeting and signed, a minute is refused any edit; a correction is its own record."""
    minute = services.minute_add(minutes=november, values={"title": "Membership", "body": "Noted."})
    with pytest.raises(ValidationError):
        services.minutes_confirm(minutes=november, at_meeting=small_meeting, signed_by="Mr E E C Hotson")
    services.minutes_publish(minutes=november, published_on=D(2012, 11, 30))
    with pytest.raises(ValidationError) as caught:
        services.minutes_confirm(minutes=november, at_meeting=november.meeting, signed_by="")
    assert set(caught.value.message_dict) == {"at_meeting", "signed_by"}
    services.minutes_confirm(minutes=november, at_meeting=small_meeting, signed_by="Mr E E C Hotson")
    november.refresh_from_db()
    assert november.status == MinutesStatus.CONFIRMED
    with pytest.raises(ValidationError):
        services.minute_update(minute=minute, values={"body": "Rewritten"}, lock_version=minute.lock_version)
    with pytest.raises(ValidationError):
        services.minute_add(minutes=november, values={"title": "Late addition"})
    correction = services.minute_correction_add(minute=minute, text="Read 'vacancies'.", agreed_on=D(2013, 3, 1))
    assert correction.minute.body == "Noted."


def test_clerk_writes_minutes_through_the_pages(client, clerk, small_meeting):
    """Start, add a minute with a resolution, publish: the minutes page shows RESOLVED and the number."""
    client.force_login(clerk)
    url = reverse("committees:minutes_detail", args=[small_meeting.pk])
    assert "Start the minutes" in client.get(url).content.decode()
    client.post(reverse("committees:minutes_start", args=[small_meeting.pk]))
    response = client.post(
        reverse("committees:minute_add", args=[small_meeting.pk]),
        {
            "minute-title": "Annual Business Plans",
            "minute-body": "Mr Whittle introduced the report.",
            "minute-resolution": "the draft plans be noted.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("committees:minutes_publish", args=[small_meeting.pk]),
        {"publish-published_on_0": "1", "publish-published_on_1": "1", "publish-published_on_2": "2012"},
    )
    assert response.status_code == 400
    assert "before the meeting was held" in response.content.decode()
    page = client.get(url).content.decode()
    assert "1. Annual Business Plans" in page
    assert "RESOLVED" in page
