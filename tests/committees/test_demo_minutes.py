"""The demo's minutes of 22 November 2012: seed 001's attendance, numbering from 49, agreed on 8 January 2013."""

import pytest
from django.urls import reverse

from committees import demo_minutes
from committees.models import AttendanceKind, MinutesStatus

pytestmark = pytest.mark.django_db


def test_demo_minutes_load_as_the_seed_prints_them(client, small_meeting):
    """Minutes 49-68, Mr Chittenden substituting for Mrs Dean, confirmed and signed by the Chairman; loaded once."""
    minutes = demo_minutes.load(january=small_meeting)
    numbers = list(minutes.entries.values_list("number", flat=True))
    assert numbers[0] == 49
    assert numbers[-1] == 68
    assert numbers == list(range(49, 69))
    chittenden = minutes.attendance.get(name="Mr I S Chittenden")
    assert chittenden.substitute_for.name == "Mrs T Dean"
    assert minutes.attendance.get(name="Mrs T Dean").kind == AttendanceKind.APOLOGIES
    assert minutes.attendance.filter(kind=AttendanceKind.IN_ATTENDANCE).count() == 22
    assert minutes.status == MinutesStatus.CONFIRMED
    assert minutes.signed_by == "Mr E E C Hotson"
    page = client.get(reverse("committees_public:minutes", args=[minutes.meeting_id])).content.decode()
    assert "53. Business Strategy and Support Mid-Year Business Plan Monitoring" in page
    assert "Mr I S Chittenden (Substitute for Mrs T Dean)" in page
    assert "A Governor of the school" in page  # declarations of interest are always public
    assert demo_minutes.load(january=small_meeting).pk == minutes.pk
    assert minutes.entries.count() == 20
