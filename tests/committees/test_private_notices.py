"""Notices that a meeting will be held partly in private (regulation 5): made from the agenda, warned when late."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from committees.services.notices import private_notice_give, private_notice_warnings

from .factories import CANARY, MeetingFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def test_notice_names_exempt_items_by_public_title_only(client, small_meeting):
    """The notice lists E1 by its public title and paragraph; the canary of its full title never appears."""
    notice = private_notice_give(meeting=small_meeting, stage="first", given_on=D(2012, 12, 10))
    assert "E1 Kent and Medway Broadband Delivery UK (BDUK) Project: paragraph 3" in notice.text
    assert CANARY not in notice.text
    page = client.get(reverse("committees_public:notices", args=[small_meeting.pk])).content.decode()
    assert "Kent and Medway Broadband" in page
    assert CANARY not in page


def test_missing_and_late_notices_are_warned(small_meeting):
    """By 28 December with no notice both are overdue; a first notice on 11 December is a day late."""
    assert len(private_notice_warnings(meeting=small_meeting, today=D(2012, 12, 28))) == 2
    private_notice_give(meeting=small_meeting, stage="first", given_on=D(2012, 12, 11))
    private_notice_give(meeting=small_meeting, stage="final", given_on=D(2012, 12, 28))
    [warning] = private_notice_warnings(meeting=small_meeting, today=D(2012, 12, 28))
    assert "leaves 27 clear days" in warning


def test_notice_refused_without_exempt_items_twice_or_after_the_meeting(small_meeting):
    """No exempt item, no notice; each notice once; never after the meeting."""
    with pytest.raises(ValidationError):
        private_notice_give(meeting=MeetingFactory(date=D(2013, 2, 5)), stage="first", given_on=D(2013, 1, 1))
    with pytest.raises(ValidationError) as caught:
        private_notice_give(meeting=small_meeting, stage="final", given_on=D(2013, 1, 9))
    assert "given_on" in caught.value.message_dict
    private_notice_give(meeting=small_meeting, stage="final", given_on=D(2012, 12, 28))
    with pytest.raises(ValidationError):
        private_notice_give(meeting=small_meeting, stage="final", given_on=D(2012, 12, 29))


def test_clerk_records_a_notice_on_the_page(client, clerk, small_meeting):
    """The page shows the warnings and the preview; a bad date is a field error; a good one is recorded."""
    client.force_login(clerk)
    url = reverse("committees:notices", args=[small_meeting.pk])
    page = client.get(url).content.decode()
    assert "The notice as it will read" in page
    response = client.post(url, {"stage": "first", "given_on_0": "31", "given_on_1": "2", "given_on_2": "2013"})
    assert response.status_code == 400
    response = client.post(url, {"stage": "first", "given_on_0": "10", "given_on_1": "12", "given_on_2": "2012"})
    assert response.status_code == 302
    assert small_meeting.private_notices.get().given_on == D(2012, 12, 10)
