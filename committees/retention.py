"""Committees' share of private storage, for ``documents.retention`` (docs/operations.md, "Retention").

- Pack builds: a build that was never published (finished, or failed) is deleted, rows and files, once it finished
  more than ``unpublished_builds_days`` ago; the latest finished build of a meeting that has not happened yet
  (or only just) is kept, as it may be about to be published. Published builds are the council's record:
  every published version keeps its row and its files, always.
- The part cache (rendered parts, exempt items' content included): entries not written for
  ``part_cache_max_days`` go, then the oldest until the cache fits ``part_cache_max_mb``. A deleted entry costs
  one render at the next build, nothing more.
- A published build's papers one by one (``public_papers/``) are kept with the build, like its pack files.
- Uploaded papers: a deleted paper's file goes as soon as the deletion is committed, unless another paper
  uses the same file (files are stored by checksum). A published pack never needs it: it is a file of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from documents import retention, storage

from . import uploads
from .decision_notice import FOLDER as DECISIONS_FOLDER
from .models import BuildStatus, Decision, PackBuild, PackFile, Paper, PublicPaper
from .packs.builder import CACHE_FOLDER
from .services.packs import PACKS_FOLDER
from .services.papers import PAPERS_FOLDER


def _referenced() -> Iterable[str]:
    yield from PackFile.objects.values_list("file_name", flat=True).iterator()
    yield from Paper.objects.exclude(file_name="").values_list("file_name", flat=True).iterator()
    yield from PublicPaper.objects.values_list("file_name", flat=True).iterator()
    # Published decision notices are the council's record, kept for good like published packs.
    yield from Decision.objects.exclude(notice_file="").values_list("notice_file", flat=True).iterator()


def purge_pack_builds(report: retention.PurgeReport) -> None:
    """Unpublished builds (rows and files) finished more than ``unpublished_builds_days`` ago."""
    days = retention.policy()["unpublished_builds_days"]
    latest_done = (
        PackBuild.objects.filter(meeting=OuterRef("meeting"), supplement__isnull=True, status=BuildStatus.DONE)
        .order_by("-created_at")
        .values("pk")[:1]
    )
    latest_supplement_done = (
        PackBuild.objects.filter(supplement=OuterRef("supplement"), status=BuildStatus.DONE)
        .order_by("-created_at")
        .values("pk")[:1]
    )
    rows = (
        PackBuild.objects.filter(
            published_at__isnull=True,
            status__in=[BuildStatus.DONE, BuildStatus.FAILED],
            finished_at__lt=report.older_than(days=days),
        )
        # The build a clerk may still publish: the latest finished one, while its meeting is not long past.
        .exclude(pk=Subquery(latest_done), meeting__date__gte=report.older_than(days=days).date())
        # ... and a supplement's latest finished one (main pack rows fail ``supplement__isnull=False``: kept out).
        .exclude(
            supplement__isnull=False,
            pk=Subquery(latest_supplement_done),
            meeting__date__gte=report.older_than(days=days).date(),
        )
    )
    report.delete_rows(
        kind="pack build",
        file_kind="pack build file",
        rows=rows,
        # Only unpublished builds' files: a build published since the query is skipped under the lock.
        files=lambda ids: PackFile.objects.filter(build__in=ids, build__published_at__isnull=True).values_list(
            "file_name", flat=True
        ),
    )


def _cache_entries() -> list[tuple[float, int, list[str]]]:
    """(last written, bytes, names) of each cache entry: a part's PDF, or an upload's placed PDF and its text."""
    entries: dict[str, list] = {}
    for stored in storage.iterate(CACHE_FOLDER):
        file_name = stored.name[len(CACHE_FOLDER) + 1 :]
        if "/" in file_name:
            continue  # the cache is one flat folder: anything deeper is not its own
        # A temporary file (``.part.*.tmp``) is its own entry; a key's .pdf and .json go together.
        key = file_name if file_name.startswith(".") else file_name.rsplit(".", 1)[0]
        mtime, size, names = entries.setdefault(key, [0.0, 0, []])
        entries[key] = [max(mtime, stored.modified), size + stored.size, [*names, file_name]]
    return sorted((mtime, size, names) for mtime, size, names in entries.values())


def purge_part_cache(report: retention.PurgeReport) -> None:
    """Trim the pack part cache: stale entries and temporary files, then the oldest until it fits its budget."""
    settings = retention.policy()
    stale = report.older_than(days=settings["part_cache_max_days"]).timestamp()
    in_progress = report.older_than(hours=settings["orphan_min_age_hours"]).timestamp()
    budget = settings["part_cache_max_mb"] * 1024 * 1024
    kept = []
    for mtime, size, names in _cache_entries():
        temporary = names[0].startswith(".")
        if (temporary and mtime < in_progress) or (not temporary and mtime < stale):
            for name in names:
                report.file("part cache file", f"{CACHE_FOLDER}/{name}")
        elif not temporary:
            kept.append((mtime, size, names))
    total = sum(size for _mtime, size, _names in kept)
    for _mtime, size, names in kept:  # oldest first
        if total <= budget:
            break
        for name in names:
            report.file("part cache file", f"{CACHE_FOLDER}/{name}")
        total -= size


def purge(report: retention.PurgeReport) -> None:
    purge_pack_builds(report)
    purge_part_cache(report)


def paper_file_release(file_name: str) -> None:
    """Delete an uploaded paper's file once no paper uses it (run after the deletion of a paper is committed)."""
    if not file_name.startswith(f"{uploads.FOLDER}/"):
        return
    if Paper.objects.filter(file_name=file_name).exists():
        return
    storage.delete(file_name)


OWNER = retention.Owner(
    key="committees",
    folders=(PACKS_FOLDER, uploads.FOLDER, PAPERS_FOLDER, DECISIONS_FOLDER),
    referenced=_referenced,
    purge=purge,
)
