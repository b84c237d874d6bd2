"""Published decision notices; an exempt record without its content."""

from __future__ import annotations

import datetime

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Decision
from ...selectors_decisions import decision_status


class DecisionMakerSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    """A published decision notice. An exempt record gives only its number, title, maker, dates and paragraph."""

    id = serializers.IntegerField()
    decision_number = serializers.CharField(source="number")
    title = serializers.CharField()
    decision_maker = serializers.SerializerMethodField()
    key_decision = serializers.BooleanField()
    date = serializers.DateField(source="taken_on")
    published_on = serializers.DateField()
    status = serializers.SerializerMethodField()
    effective_on = serializers.SerializerMethodField()
    exempt = serializers.SerializerMethodField()
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    decision = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    alternatives = serializers.SerializerMethodField()
    interests = serializers.SerializerMethodField()
    dispensations = serializers.SerializerMethodField()
    forward_plan_entry = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def _status(self, decision: Decision):
        return decision_status(decision=decision, today=self.context["today"])

    @extend_schema_field(DecisionMakerSerializer)
    def get_decision_maker(self, decision: Decision) -> dict:
        return {"kind": decision.get_decision_maker_display(), "name": decision.decision_maker_name}

    def get_status(self, decision: Decision) -> str:
        return self._status(decision).label

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_effective_on(self, decision: Decision) -> datetime.date | None:
        return self._status(decision).effective_on

    def get_exempt(self, decision: Decision) -> bool:
        return decision.exempt_paragraph is not None

    def _public_text(self, decision: Decision, name: str) -> str | None:
        # Exempt content never leaves the council: the field is null, not an empty string that looks like "none".
        return None if decision.exempt_paragraph is not None else getattr(decision, name)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_decision(self, decision: Decision) -> str | None:
        return self._public_text(decision, "decision")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reasons(self, decision: Decision) -> str | None:
        return self._public_text(decision, "reasons")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_alternatives(self, decision: Decision) -> str | None:
        return self._public_text(decision, "alternatives")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_interests(self, decision: Decision) -> str | None:
        return self._public_text(decision, "interests")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_dispensations(self, decision: Decision) -> str | None:
        return self._public_text(decision, "dispensations")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_forward_plan_entry(self, decision: Decision) -> str | None:
        entry = decision.forward_plan_entry
        return entry.decision_number if entry is not None and entry.first_published_on else None

    def get_url(self, decision: Decision) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("committees_public:decision_detail", args=[decision.pk])
        )
