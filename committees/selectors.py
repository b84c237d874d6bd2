"""Reads for meetings, agendas and packs, each with its own joins (flat query counts)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from .agenda import number_items
from .clear_days import REQUIRED_CLEAR_DAYS, clear_days_between, latest_publication_date
from .models import AgendaItem, BuildStatus, Meeting, PackBuild, PackFile, Paper


def meeting_list() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("committee").order_by("-date")


def published_meetings() -> QuerySet[Meeting]:
    published = PackBuild.objects.filter(meeting=OuterRef("pk"), published_at__isnull=False)
    return meeting_list().filter(Exists(published))


def meeting_get(*, meeting_id: int) -> Meeting:
    papers = Paper.objects.prefetch_related("appendices").order_by("position", "id")
    return (
        Meeting.objects.select_related("committee")
        .prefetch_related(
            "committee__members",
            Prefetch("items", queryset=AgendaItem.objects.prefetch_related(Prefetch("papers", queryset=papers))),
            Prefetch(
                "pack_builds", queryset=PackBuild.objects.prefetch_related("files").select_related("requested_by")
            ),
        )
        .get(pk=meeting_id)
    )


def agenda(meeting: Meeting):
    return number_items(meeting.items.all())


def latest_publication(meeting: Meeting) -> PackBuild | None:
    published = [build for build in meeting.pack_builds.all() if build.published_at]
    return max(published, key=lambda build: build.version) if published else None


def latest_finished_build(meeting: Meeting) -> PackBuild | None:
    done = [build for build in meeting.pack_builds.all() if build.status == BuildStatus.DONE]
    return max(done, key=lambda build: build.created_at) if done else None


@dataclass
class ClearDays:
    meeting_date: datetime.date
    publish_by: datetime.date
    published_on: datetime.date | None
    clear_days: int | None

    @property
    def late(self) -> bool:
        if self.published_on is not None:
            return self.clear_days < REQUIRED_CLEAR_DAYS
        return False

    required = REQUIRED_CLEAR_DAYS


def clear_days_status(meeting: Meeting, publication: PackBuild | None) -> ClearDays:
    published_on = publication.published_on if publication else None
    return ClearDays(
        meeting_date=meeting.date,
        publish_by=latest_publication_date(meeting.date),
        published_on=published_on,
        clear_days=clear_days_between(published_on, meeting.date) if published_on else None,
    )


def pack_file(build: PackBuild, visibility: str) -> PackFile | None:
    return next((record for record in build.files.all() if record.visibility == visibility), None)


def pack_file_path(record: PackFile) -> Path | None:
    """The file if it is in private storage and still matches its checksum; never a damaged or swapped file."""
    base = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    path = (base / record.file_name).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return path if digest.hexdigest() == record.checksum else None
