"""The Forward Plan as published (its entries frozen at publication)."""

from __future__ import annotations

from rest_framework import serializers


class ForwardPlanEntrySerializer(serializers.Serializer):
    """An entry as the Forward Plan published it (frozen at publication)."""

    decision_number = serializers.CharField()
    subject = serializers.CharField()
    decision_maker = serializers.CharField()
    decision_maker_title = serializers.CharField()
    expected_date = serializers.DateField()
    first_committee = serializers.CharField(allow_blank=True)
    consultees = serializers.CharField(allow_blank=True)
    representations = serializers.CharField(allow_blank=True)
    documents = serializers.CharField(allow_blank=True)
    private = serializers.BooleanField()
    exempt_paragraph = serializers.IntegerField(allow_null=True)
    first_published_on = serializers.DateField()
    urgency = serializers.CharField(allow_blank=True)
    urgency_reasons = serializers.CharField(allow_blank=True)
    urgency_agreed_by = serializers.CharField(allow_blank=True)


class ForwardPlanSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_on = serializers.DateField()
    entries = ForwardPlanEntrySerializer(many=True)
