"""Published minutes: exactly what the public minutes page shows (an exempt minute by its number and title only)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Attendance, Declaration, Minute, Minutes


class AttendeeSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    substitute_for = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_substitute_for(self, row: Attendance) -> str | None:
        return row.substitute_for.name if row.substitute_for_id else None


class DeclarationSerializer(serializers.Serializer):
    """A declaration of interest; the item it concerns by its public title, as the public page lists it."""

    member = serializers.CharField()
    item = serializers.SerializerMethodField()
    nature = serializers.CharField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_item(self, declaration: Declaration) -> str | None:
        return declaration.item.display_public_title if declaration.item_id else None


class CorrectionSerializer(serializers.Serializer):
    text = serializers.CharField()
    agreed_on = serializers.DateField()


class MinuteSerializer(serializers.Serializer):
    """One numbered minute. An exempt minute gives its number, its item's public title and its paragraph; its
    paragraphs, resolution and corrections are null, never an empty list that would look like "nothing said"."""

    number = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    exempt = serializers.SerializerMethodField()
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    paragraphs = serializers.SerializerMethodField()
    resolution = serializers.SerializerMethodField()
    corrections = serializers.SerializerMethodField()

    def get_title(self, minute: Minute) -> str:
        if minute.exempt_paragraph is None:
            return minute.title
        return minute.item.display_public_title if minute.item_id else "Exempt item"

    def get_exempt(self, minute: Minute) -> bool:
        return minute.exempt_paragraph is not None

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_paragraphs(self, minute: Minute) -> list[str] | None:
        return None if minute.exempt_paragraph is not None else minute.paragraphs

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_resolution(self, minute: Minute) -> str | None:
        return None if minute.exempt_paragraph is not None else minute.resolution

    @extend_schema_field(CorrectionSerializer(many=True, allow_null=True))
    def get_corrections(self, minute: Minute) -> list[dict] | None:
        if minute.exempt_paragraph is not None:
            return None
        return CorrectionSerializer(minute.corrections.all(), many=True).data


class MinutesSerializer(serializers.Serializer):
    """A meeting's published minutes: unconfirmed until the next meeting agrees them, then confirmed and signed."""

    meeting = serializers.IntegerField(source="meeting_id")
    committee = serializers.CharField(source="meeting.committee.name")
    date = serializers.DateField(source="meeting.date")
    status = serializers.SerializerMethodField()
    published_on = serializers.DateField()
    confirmed_at_meeting_of = serializers.SerializerMethodField()
    signed_by = serializers.SerializerMethodField()
    present = serializers.SerializerMethodField()
    apologies = serializers.SerializerMethodField()
    also_present = serializers.SerializerMethodField()
    in_attendance = serializers.SerializerMethodField()
    declarations = DeclarationSerializer(many=True)
    minutes = MinuteSerializer(source="entries", many=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=["unconfirmed", "confirmed"]))
    def get_status(self, minutes: Minutes) -> str:
        return minutes.status

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_confirmed_at_meeting_of(self, minutes: Minutes):
        return minutes.confirmed_at.date if minutes.confirmed_at_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_signed_by(self, minutes: Minutes) -> str | None:
        return minutes.signed_by or None

    def _attendance(self, minutes: Minutes, kind: str) -> list[dict]:
        return AttendeeSerializer([row for row in minutes.attendance.all() if row.kind == kind], many=True).data

    @extend_schema_field(AttendeeSerializer(many=True))
    def get_present(self, minutes: Minutes) -> list[dict]:
        return self._attendance(minutes, "present")

    @extend_schema_field(AttendeeSerializer(many=True))
    def get_apologies(self, minutes: Minutes) -> list[dict]:
        return self._attendance(minutes, "apologies")

    @extend_schema_field(AttendeeSerializer(many=True))
    def get_also_present(self, minutes: Minutes) -> list[dict]:
        return self._attendance(minutes, "also_present")

    @extend_schema_field(AttendeeSerializer(many=True))
    def get_in_attendance(self, minutes: Minutes) -> list[dict]:
        return self._attendance(minutes, "in_attendance")

    def get_url(self, minutes: Minutes) -> str:
        path = reverse("committees_public:minutes", args=[minutes.meeting_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
