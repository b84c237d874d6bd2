"""Packs to publish, for "My work" (registered with ``plans.work`` in ``CommitteesConfig.ready``)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from kcc_planning.roles import Role
from plans.work import WorkEntry, Worker

from .models import BuildStatus, PackBuild
from .selectors import meeting_list


def packs_to_publish(*, worker: Worker) -> list[WorkEntry] | None:
    """Meetings still to come with no published pack yet, soonest first, for democratic services (a meeting that
    has been held needs no pack any more)."""
    if not worker.has_role(Role.DEMOCRATIC_SERVICES):
        return None
    builds = PackBuild.objects.filter(meeting=OuterRef("pk"), supplement__isnull=True)
    meetings = (
        meeting_list()
        .filter(date__gte=worker.today)
        .annotate(ready=Exists(builds.filter(status=BuildStatus.DONE, published_at__isnull=True)))
        .exclude(Exists(builds.filter(published_at__isnull=False)))
        .order_by("date", "start_time")
    )
    return [
        WorkEntry(
            text=str(meeting),
            href=reverse("committees:meeting_detail", args=[meeting.pk]),
            hint="A pack is built: check it and publish it."
            if meeting.ready
            else "No pack built yet: build the agenda pack, then publish it.",
        )
        for meeting in meetings
    ]
