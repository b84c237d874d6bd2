"""Meetings as Open Civic Data Events, with the public agenda once the papers are published."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Meeting

TIME_ZONE = "Europe/London"


class LocationSerializer(serializers.Serializer):
    name = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    """An Open Civic Data event document link."""

    note = serializers.CharField()
    url = serializers.URLField()
    media_type = serializers.CharField()


class AgendaItemSerializer(serializers.Serializer):
    """An Open Civic Data event agenda item, as the public agenda prints it (an exempt item by its public title)."""

    order = serializers.CharField()
    description = serializers.CharField()
    decision_number = serializers.CharField(allow_blank=True)
    exempt = serializers.BooleanField()
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    pages = serializers.CharField(allow_null=True)


def _start(meeting: Meeting) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(meeting.date, meeting.start_time), timezone.get_default_timezone()
    )


class MeetingSerializer(serializers.Serializer):
    """An Open Civic Data Event: a meeting with its committee as host and, once published, its public pack."""

    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()
    classification = serializers.SerializerMethodField()
    start_date = serializers.SerializerMethodField()
    timezone = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    committee = serializers.IntegerField(source="committee_id")
    documents = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_name(self, meeting: Meeting) -> str:
        return str(meeting)

    def get_classification(self, meeting: Meeting) -> str:
        return "committee-meeting"

    def get_start_date(self, meeting: Meeting) -> str:
        return _start(meeting).isoformat()

    def get_timezone(self, meeting: Meeting) -> str:
        return TIME_ZONE

    def get_status(self, meeting: Meeting) -> str:
        return "passed" if meeting.date < timezone.localdate() else "confirmed"

    @extend_schema_field(LocationSerializer)
    def get_location(self, meeting: Meeting) -> dict:
        return {"name": meeting.venue}

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, meeting: Meeting) -> list[dict]:
        if not meeting.is_published:
            return []
        request = self.context["request"]
        url = request.build_absolute_uri(reverse("committees_public:pack_download", args=[meeting.pk]))
        return [{"note": "Agenda pack (public)", "url": url, "media_type": "application/pdf"}]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, meeting: Meeting) -> str | None:
        if not meeting.is_published:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("committees_public:meeting_detail", args=[meeting.pk])
        )


class MeetingDetailSerializer(MeetingSerializer):
    agenda = serializers.SerializerMethodField()

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting: Meeting) -> list[dict]:
        return self.context["agenda"]
