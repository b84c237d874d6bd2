"""Reads for meetings, agendas and packs, each with its own joins (flat query counts)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from documents import registry, storage
from plans.models import PlanSnapshot

from .agenda import NumberedItem, number_items
from .clear_days import REQUIRED_CLEAR_DAYS, clear_days_between, latest_publication_date
from .models import (
    AgendaItem,
    Appendix,
    AppendixKind,
    Meeting,
    PackBuild,
    PackFile,
    Paper,
    PaperKind,
    PublicPaper,
)
from .monitoring import monitoring_choices

# The most documents of each other kind (registers, dashboards) the appendix form offers.
APPENDIX_CHOICES_PER_KIND = 500


def meeting_list() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("committee").order_by("-date")


def published_meetings() -> QuerySet[Meeting]:
    published = PackBuild.objects.filter(meeting=OuterRef("pk"), supplement__isnull=True, published_at__isnull=False)
    return meeting_list().filter(Exists(published))


def meeting_get(*, meeting_id: int) -> Meeting:
    papers = Paper.objects.prefetch_related("appendices").order_by("position", "id")
    return (
        Meeting.objects.select_related("committee")
        .prefetch_related(
            "committee__members",
            Prefetch("items", queryset=AgendaItem.objects.prefetch_related(Prefetch("papers", queryset=papers))),
            Prefetch(
                "pack_builds",
                queryset=PackBuild.objects.filter(supplement__isnull=True)
                .prefetch_related("files")
                .select_related("requested_by"),
                to_attr="main_pack_builds",
            ),
        )
        .get(pk=meeting_id)
    )


def agenda(*, meeting: Meeting) -> list[NumberedItem]:
    return number_items(meeting.items.all())


def item_number(*, item: AgendaItem) -> str:
    """The item's number as saved now ("B2"), read afresh: a meeting's prefetched items may predate this request."""
    siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id, section=item.section)
    return next((entry.number for entry in number_items(siblings) if entry.item.pk == item.pk), "")


def main_builds_prefetch() -> Prefetch:
    """The main pack's builds of a meeting, never a supplement's, for ``main_builds`` (the API prefetches them)."""
    return Prefetch(
        "pack_builds", queryset=PackBuild.objects.filter(supplement__isnull=True), to_attr="main_pack_builds"
    )


def main_builds(*, meeting: Meeting) -> list[PackBuild]:
    """The meeting's builds of its main pack (prefetched by ``meeting_get``), without its supplements'."""
    if hasattr(meeting, "main_pack_builds"):
        return meeting.main_pack_builds
    return list(meeting.pack_builds.filter(supplement__isnull=True).prefetch_related("files"))


def latest_publication(*, meeting: Meeting) -> PackBuild | None:
    """The main pack's latest publication (a supplement is published beside it, never in its place)."""
    published = [build for build in main_builds(meeting=meeting) if build.published_at]
    return max(published, key=lambda build: build.version) if published else None


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


def clear_days_status(*, meeting: Meeting, publication: PackBuild | None) -> ClearDays:
    published_on = publication.published_on if publication else None
    return ClearDays(
        meeting_date=meeting.date,
        publish_by=latest_publication_date(meeting.date),
        published_on=published_on,
        clear_days=clear_days_between(published_on, meeting.date) if published_on else None,
    )


def pack_file(*, build: PackBuild, visibility: str) -> PackFile | None:
    return next((record for record in build.files.all() if record.visibility == visibility), None)


def pack_file_path(*, record: PackFile) -> Path | None:
    """Local disk only: the pack file's path if it still matches its checksum (for tools and tests)."""
    return storage.verified_path(name=record.file_name, checksum=record.checksum)


def paper_file_path(*, paper: Paper) -> Path | None:
    """Local disk only: an uploaded paper's path if it still matches the checksum taken at upload."""
    return storage.verified_path(name=paper.file_name, checksum=paper.checksum)


def pack_file_open(*, record: PackFile) -> File | None:
    """The pack file, open, if it is in private storage and still matches its checksum; never a damaged or
    swapped file. The caller closes it (a ``FileResponse`` does)."""
    return storage.verified_open(name=record.file_name, checksum=record.checksum)


def paper_file_open(*, paper: Paper) -> File | None:
    """An uploaded paper's file, open, if it is in private storage and still matches the checksum taken at upload."""
    return storage.verified_open(name=paper.file_name, checksum=paper.checksum)


def public_papers(*, build: PackBuild) -> list[PublicPaper]:
    """A publication's papers one by one (items' PDFs and generated papers' web pages), in pack order."""
    return list(build.public_papers.all())


def public_paper_get(*, build: PackBuild, number: str, kind: str, position: int = 0) -> PublicPaper | None:
    return PublicPaper.objects.filter(build=build, number=number, kind=kind, position=position).first()


def public_paper_open(*, paper: PublicPaper) -> File | None:
    """A public paper's file, open, if it is in private storage and still matches its checksum."""
    return storage.verified_open(name=paper.file_name, checksum=paper.checksum)


def public_paper_text(*, paper: PublicPaper) -> str | None:
    """A generated paper's web page body, if its file is there and still matches its checksum."""
    data = storage.verified_bytes(name=paper.file_name, checksum=paper.checksum)
    return data.decode() if data is not None else None


def untagged_uploads(*, meeting: Meeting) -> list[tuple[str, Paper]]:
    """The meeting's uploaded papers not known to be tagged (not accessible), with their item numbers, in agenda
    order: the build page lists them so the clerk can ask for tagged copies before publishing."""
    uploads = Paper.objects.filter(kind=PaperKind.UPLOAD).exclude(tagged=True).order_by("position", "id")
    items = AgendaItem.objects.filter(meeting=meeting).prefetch_related(Prefetch("papers", queryset=uploads))
    return [(entry.number, paper) for entry in number_items(items) for paper in entry.item.papers.all()]


def pack_build_get(*, meeting: Meeting, build_id) -> PackBuild:
    """One of the meeting's pack builds with its files; ``PackBuild.DoesNotExist`` if it is not the meeting's."""
    return PackBuild.objects.prefetch_related("files").get(pk=build_id, meeting=meeting)


def paper_appendices(*, paper: Paper) -> list[Appendix]:
    """The paper's appendices in order."""
    return list(paper.appendices.all())


def appendix_get(*, meeting: Meeting, appendix_id: int) -> Appendix:
    """An appendix of one of the meeting's papers; ``Appendix.DoesNotExist`` otherwise."""
    return Appendix.objects.get(pk=appendix_id, paper__item__meeting=meeting)


def appendix_choices(*, per_kind: int = APPENDIX_CHOICES_PER_KIND) -> list[tuple[str, str]]:
    """Everything an appendix can print, as ``("<kind>:<id>", label)``: plan snapshots, then registers and
    dashboards (at most ``per_kind`` of each), for the appendix form."""
    choices = [
        (
            f"{AppendixKind.PLAN_SNAPSHOT}:{snapshot.pk}",
            f"Plan snapshot: {snapshot.plan.unit_name} (version {snapshot.version}, {snapshot.get_kind_display()})",
        )
        for snapshot in PlanSnapshot.objects.select_related("plan__division", "plan__directorate")
    ]
    for key in (AppendixKind.RISK_REGISTER, AppendixKind.PERFORMANCE_DASHBOARD):
        try:
            renderer = registry.get(key)
        except registry.UnknownRenderer:
            continue
        for subject in renderer.model._default_manager.all()[:per_kind]:
            choices.append((f"{key}:{subject.pk}", f"{AppendixKind(key).label}: {subject}"))
    # Monitoring reports name a period too (frozen when the pack is built: committees/monitoring.py).
    return choices + monitoring_choices(per_kind=per_kind)
