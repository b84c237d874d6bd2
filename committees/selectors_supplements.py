"""Reads for supplementary agenda packs: what a new supplement would carry, a meeting's supplements and the
published ones the public page lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from .agenda import NumberedItem
from .models import Meeting, PackBuild, PackFile, PublicPaper, PublicPaperKind, Supplement, Visibility
from .packs.builder import item_plans, meeting_for_pack
from .packs.changes import item_changes


def _published_builds() -> Prefetch:
    return Prefetch(
        "builds",
        queryset=PackBuild.objects.filter(published_at__isnull=False)
        .prefetch_related("files", "public_papers")
        .order_by("-version"),
        to_attr="published_builds",
    )


def supplement_candidates(*, meeting: Meeting) -> tuple[list[NumberedItem], set[int]]:
    """The items that print papers, in agenda order, and the ids of those added or whose papers changed since
    they were last published (in the main pack, or in a supplement since): the form ticks those."""
    main = (
        PackBuild.objects.filter(meeting=meeting, supplement__isnull=True, published_at__isnull=False)
        .order_by("-version")
        .first()
    )
    if main is None:
        return [], set()
    published = dict(main.item_hashes)
    for supplement in Supplement.objects.filter(meeting=meeting).prefetch_related(_published_builds()):
        if supplement.published_builds:
            published.update(supplement.published_builds[0].item_hashes)
    printed = [plan for plan in item_plans(meeting_for_pack(meeting.pk)) if plan.sources]
    changed = item_changes(published, {plan.number: plan.content_hash for plan in printed})
    return [plan.entry for plan in printed], {plan.entry.item.pk for plan in printed if plan.number in changed}


def meeting_supplements(*, meeting: Meeting) -> list[Supplement]:
    """The meeting's supplements with their builds (newest first) and files, for the staff meeting page."""
    builds = Prefetch("builds", queryset=PackBuild.objects.prefetch_related("files").order_by("-created_at"))
    return list(Supplement.objects.filter(meeting=meeting).prefetch_related(builds, "items"))


@dataclass
class PublishedSupplement:
    supplement: Supplement
    build: PackBuild
    public_file: PackFile | None
    item_pdfs: list[PublicPaper]


def published_supplements(*, meeting: Meeting) -> list[PublishedSupplement]:
    """Each supplement's latest publication, in supplement order: the public page lists them under the pack.
    Only the public file and public items' PDFs (none is ever made from an exempt item)."""
    listed = []
    for supplement in Supplement.objects.filter(meeting=meeting).prefetch_related(_published_builds()):
        if not supplement.published_builds:
            continue
        build = supplement.published_builds[0]
        listed.append(
            PublishedSupplement(
                supplement=supplement,
                build=build,
                public_file=next((f for f in build.files.all() if f.visibility == Visibility.PUBLIC), None),
                item_pdfs=[p for p in build.public_papers.all() if p.kind == PublicPaperKind.ITEM_PDF],
            )
        )
    return listed


def published_supplement_get(*, meeting: Meeting, number: int) -> PublishedSupplement | None:
    return next((found for found in published_supplements(meeting=meeting) if found.supplement.number == number), None)
