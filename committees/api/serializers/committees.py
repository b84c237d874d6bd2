"""Committees as Popolo Organizations, their seats as Memberships."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Committee, CommitteeMember


class MembershipSerializer(serializers.Serializer):
    """A Popolo Membership: a seat held by a person on behalf of a party (or a party's vacancy)."""

    person_name = serializers.CharField(source="name", allow_blank=True)
    role = serializers.CharField(source="get_role_display")
    on_behalf_of = serializers.SerializerMethodField()
    vacant = serializers.BooleanField()

    @extend_schema_field({"type": "object", "properties": {"name": {"type": "string"}}})
    def get_on_behalf_of(self, seat: CommitteeMember) -> dict:
        return {"name": seat.party}


class CommitteeSerializer(serializers.Serializer):
    """A Popolo Organization of classification "committee"."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    classification = serializers.SerializerMethodField()
    seats = serializers.IntegerField(source="size")
    memberships = MembershipSerializer(source="members", many=True)

    def get_classification(self, committee: Committee) -> str:
        return "committee"
