"""The demo meeting carries the agenda of 8 January 2013 as printed in seed 001."""

import datetime

import pytest

from committees.agenda import number_items
from committees.demo import load
from committees.models import Meeting, PaperKind
from plans.demo import FIXTURES_DIR


@pytest.mark.django_db
def test_demo_meeting_matches_the_printed_agenda():
    """Items A1-F1 with their decision numbers, exempt E1/F1 under paragraph 3, members by party; loads once."""
    meeting = load(fixtures_dir=FIXTURES_DIR)
    assert meeting.date == datetime.date(2013, 1, 8)
    assert meeting.start_time == datetime.time(10, 0)
    assert meeting.clerk_name == "Denise Fitch"
    assert meeting.clerk_telephone == "01622 694269"
    numbered = {entry.number: entry.item for entry in number_items(meeting.items.all())}
    assert list(numbered) == ["A1", "A2", "A3", "A4", "B1", "C1", "C2", "D1", "D2", "D3", "D4", "E1", "F1"]
    assert numbered["B1"].decision_number == "12/01971"
    assert numbered["E1"].decision_number == "12/02003"
    assert numbered["F1"].decision_number == "12/01882"
    assert [n for n, item in numbered.items() if item.exempt] == ["E1", "F1"]
    assert {item.exempt_paragraph for item in numbered.values() if item.exempt} == {3}
    assert numbered["A4"].papers.get().kind == PaperKind.UPLOAD
    assert numbered["B1"].papers.get().title == "Business Planning 2013/14 – Substantive Draft Plans"
    members = meeting.committee.members.all()
    assert members.filter(party="Conservative").count() == 13
    assert members.get(role="chairman").name == "Mr E E C Hotson"
    assert members.get(role="vice_chairman").name == "Mr J R Bullock, MBE"
    assert load(fixtures_dir=FIXTURES_DIR) == meeting
    assert Meeting.objects.count() == 2  # and 22 November 2012, whose minutes this meeting agreed (issue 13)
