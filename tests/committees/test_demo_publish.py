"""The demo meeting is published as it was on 28 December 2012, once; a second load keeps that publication."""

import datetime

import pytest
from django.urls import reverse

from committees import demo_publish

pytestmark = pytest.mark.django_db


def test_demo_pack_is_built_and_published_once(client, settings, small_meeting):
    """The pack is built and published dated 28 December 2012; the public page then serves it; loading again
    publishes nothing more."""
    settings.DEMO_PUBLISH_PACK = True
    build = demo_publish.load(meeting=small_meeting)
    assert build.published_on == datetime.date(2012, 12, 28)
    assert build.version == 1
    assert client.get(reverse("committees_public:meeting_detail", args=[small_meeting.pk])).status_code == 200
    assert demo_publish.load(meeting=small_meeting).pk == build.pk
    assert small_meeting.pack_builds.count() == 1


def test_demo_pack_is_left_alone_when_switched_off(settings, small_meeting):
    """With DEMO_PUBLISH_PACK off (the test settings) nothing is built."""
    settings.DEMO_PUBLISH_PACK = False
    assert demo_publish.load(meeting=small_meeting) is None
    assert not small_meeting.pack_builds.exists()
