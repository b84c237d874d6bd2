"""Read-only API views. Each owns its joins, so a page of results costs the same few queries at any length.

What is shown is exactly what the public pages show: published agendas by public titles, published decisions
(an exempt record without its content), the Forward Plan as published. Nothing here reads an exempt paper.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from .. import selectors
from ..models import (
    Attendance,
    Committee,
    CommitteeMember,
    Declaration,
    ForwardPlanPublication,
    Meeting,
    Minute,
    Minutes,
    MinutesStatus,
    PackBuild,
)
from ..selectors_decisions import decisions_published
from .serializers import (
    CommitteeSerializer,
    DecisionSerializer,
    ForwardPlanSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MinutesSerializer,
)


def _committees():
    return Committee.objects.prefetch_related(
        Prefetch("members", queryset=CommitteeMember.objects.order_by("position", "id"))
    ).order_by("name")


class CommitteeList(generics.ListAPIView):
    """Every committee with its seats (Popolo Organization and Memberships)."""

    serializer_class = CommitteeSerializer

    def get_queryset(self):
        return _committees()


class CommitteeDetail(generics.RetrieveAPIView):
    serializer_class = CommitteeSerializer

    def get_queryset(self):
        return _committees()


def _meetings():
    published = PackBuild.objects.filter(meeting=OuterRef("pk"), supplement__isnull=True, published_at__isnull=False)
    return Meeting.objects.select_related("committee").annotate(is_published=Exists(published))


class MeetingList(generics.ListAPIView):
    """Meetings, newest first (Open Civic Data Events); ``?committee=<id>`` for one committee's."""

    serializer_class = MeetingSerializer

    def get_queryset(self):
        meetings = _meetings().order_by("-date", "-start_time", "-id")
        committee = self.request.query_params.get("committee", "")
        if committee.isdigit():
            meetings = meetings.filter(committee_id=int(committee))
        return meetings


class MeetingDetail(generics.RetrieveAPIView):
    """A meeting with its public agenda once the papers are published (exempt items by their public titles)."""

    serializer_class = MeetingDetailSerializer

    def get_queryset(self):
        return _meetings().prefetch_related(selectors.main_builds_prefetch(), "items")

    def get_serializer_context(self):
        return super().get_serializer_context() | {"agenda": self._agenda}

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        publication = selectors.latest_publication(meeting=meeting)
        self._agenda = []
        if publication is not None:
            for entry in selectors.agenda(meeting=meeting):
                pages = publication.ranges.get(entry.number)
                self._agenda.append(
                    {
                        "order": entry.number,
                        "description": entry.item.display_public_title,
                        "decision_number": entry.item.decision_number,
                        "exempt": entry.item.exempt,
                        "exempt_paragraph": entry.item.exempt_paragraph,
                        "pages": f"{pages[0]} - {pages[1]}" if pages else None,
                    }
                )
        return Response(self.get_serializer(meeting).data)


class DecisionList(generics.ListAPIView):
    """Published decisions, newest first; ``?committee=<id>`` for those taken at one committee's meetings."""

    serializer_class = DecisionSerializer

    def get_queryset(self):
        committee = self.request.query_params.get("committee", "")
        return decisions_published(committee_id=int(committee) if committee.isdigit() else None)

    def get_serializer_context(self):
        return super().get_serializer_context() | {"today": timezone.localdate()}


class DecisionDetail(generics.RetrieveAPIView):
    """A published decision notice."""

    serializer_class = DecisionSerializer

    def get_queryset(self):
        return decisions_published()

    def get_serializer_context(self):
        return super().get_serializer_context() | {"today": timezone.localdate()}


class ForwardPlanCurrent(generics.GenericAPIView):
    """The Forward Plan as last published."""

    serializer_class = ForwardPlanSerializer

    @extend_schema(responses=ForwardPlanSerializer, operation_id="forward_plan_current")
    def get(self, request):
        publication = ForwardPlanPublication.objects.order_by("-number").first()
        if publication is None:
            raise Http404("The Forward Plan has not been published yet")
        return Response(self.get_serializer(publication).data)


class ForwardPlanVersion(generics.RetrieveAPIView):
    """A published version of the Forward Plan, by its number (each is kept)."""

    serializer_class = ForwardPlanSerializer
    queryset = ForwardPlanPublication.objects.all()
    lookup_field = "number"


def _minutes():
    """Published minutes (never a draft) with every row the serializer reads, in a fixed number of queries."""
    return (
        Minutes.objects.exclude(status=MinutesStatus.DRAFT)
        .select_related("meeting__committee", "confirmed_at")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("substitute_for").order_by("kind", "position", "id"),
            ),
            Prefetch("declarations", queryset=Declaration.objects.select_related("item").order_by("id")),
            Prefetch(
                "entries",
                queryset=Minute.objects.select_related("item").prefetch_related("corrections").order_by("number"),
            ),
        )
    )


class MinutesList(generics.ListAPIView):
    """Published minutes, newest meeting first; ``?committee=<id>`` for one committee's (exempt minutes: title only)."""

    serializer_class = MinutesSerializer

    def get_queryset(self):
        minutes = _minutes().order_by("-meeting__date", "-meeting__start_time", "-id")
        committee = self.request.query_params.get("committee", "")
        if committee.isdigit():
            minutes = minutes.filter(meeting__committee_id=int(committee))
        return minutes


class MinutesDetail(generics.RetrieveAPIView):
    """A meeting's published minutes, by the meeting's id (as the public minutes page)."""

    serializer_class = MinutesSerializer
    lookup_field = "meeting_id"

    def get_queryset(self):
        return _minutes()
