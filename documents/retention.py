"""Retention of private storage (docs/operations.md, "Retention"): what ``purge_storage`` deletes, and when.

Each app that keeps files in private storage registers an ``Owner`` from ``AppConfig.ready()``: the folders its
rows record files in, the names those rows reference, and (optionally) its own retention step. This app cannot
import the apps above it, so the orphan sweep learns every referenced name from this registry.

One run (``purge_storage``):

1. every owner's retention step (render jobs finished more than N days ago; unpublished pack builds; the pack
   part cache down to its budget…), each deleting its rows first and their files after the rows are gone;
2. the orphan sweep: in the owners' folders, files no row references, last written more than
   ``orphan_min_age_hours`` ago (a younger file may be a write in progress whose row is not saved yet).

With ``dry_run`` nothing is deleted: the report lists what would be, with the bytes.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from . import storage

logger = logging.getLogger(__name__)

DEFAULTS = {
    "render_jobs_days": 30,
    "unpublished_builds_days": 30,
    "part_cache_max_mb": 500,
    "part_cache_max_days": 90,
    "orphan_min_age_hours": 24,
}


def policy() -> dict[str, int]:
    """The retention settings (``settings.RETENTION``) over the defaults."""
    merged = dict(DEFAULTS)
    merged.update(getattr(settings, "RETENTION", {}) or {})
    return merged


@dataclass(frozen=True)
class Deletion:
    kind: str  # "render job", "render job file", "orphan file"…
    name: str  # a row's id, or a file's name relative to private storage
    size: int = 0  # bytes, for files
    is_file: bool = False


@dataclass
class PurgeReport:
    dry_run: bool
    now: datetime.datetime
    deletions: list[Deletion] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(deletion.size for deletion in self.deletions)

    def count(self, kind: str) -> int:
        return sum(1 for deletion in self.deletions if deletion.kind == kind)

    def older_than(self, **delta: float) -> datetime.datetime:
        return self.now - datetime.timedelta(**delta)

    def row(self, kind: str, name: str) -> None:
        self.deletions.append(Deletion(kind, name))

    def file(self, kind: str, name: str) -> None:
        """Delete (or, in a dry run, list) a stored file by its name relative to private storage."""
        size = storage.size(name)
        if size is None:
            return  # already gone: nothing to report
        if not self.dry_run:
            size = storage.delete(name)
            if not size and storage.exists(name):
                return
        self.deletions.append(Deletion(kind, name, size, is_file=True))

    def delete_rows(
        self, *, kind: str, file_kind: str, rows, files: Callable[[list], Iterable[str]], batch: int = 500
    ) -> None:
        """Delete the rows of ``rows`` (a queryset, re-checked under a lock) and then the files they recorded.

        In batches, each in its own transaction. Files go only after their rows are committed: a crash in between
        leaves unreferenced files, which the orphan sweep removes, never a row pointing at a deleted file.
        """
        candidates = list(rows.values_list("pk", flat=True))
        for start in range(0, len(candidates), batch):
            with transaction.atomic():
                locked = rows.filter(pk__in=candidates[start : start + batch]).select_for_update(of=("self",))
                ids = list(locked.values_list("pk", flat=True))  # still due, now that no one can change them
                names = [name for name in files(ids) if name]
                if not self.dry_run:
                    rows.model._default_manager.filter(pk__in=ids).delete()
            for pk in ids:
                self.row(kind, str(pk))
            for name in names:
                self.file(file_kind, name)


@dataclass(frozen=True)
class Owner:
    """An app's share of private storage.

    ``folders``: the folders (relative to private storage) holding only files its rows record; the orphan sweep
    looks in these and nowhere else. ``referenced()``: every name (relative to private storage) a row of the app
    references now. ``purge(report)``: the app's own retention step, run before the orphan sweep.
    """

    key: str
    folders: tuple[str, ...]
    referenced: Callable[[], Iterable[str]]
    purge: Callable[[PurgeReport], None] | None = None


_owners: dict[str, Owner] = {}


def register(owner: Owner) -> Owner:
    """Add ``owner``; registering the same owner twice is harmless, a clash of keys is not."""
    existing = _owners.get(owner.key)
    if existing is not None and existing != owner:
        raise ImproperlyConfigured(f"Two private storage owners use the key {owner.key!r}.")
    _owners[owner.key] = owner
    return owner


def owners() -> list[Owner]:
    return [_owners[key] for key in sorted(_owners)]


def referenced_names() -> set[str]:
    names: set[str] = set()
    for owner in owners():
        names.update(name for name in owner.referenced() if name)
    return names


def sweep_orphans(report: PurgeReport) -> None:
    """Delete files in the owners' folders that no row references and that were last written long enough ago."""
    cutoff = report.older_than(hours=policy()["orphan_min_age_hours"]).timestamp()
    referenced = referenced_names()  # read before listing: a file recorded after this is young, so it is kept
    for owner in owners():
        for folder in owner.folders:
            # Links on the local disk are never listed: removing one would delete whatever it points at.
            for stored in storage.iterate(folder):
                if stored.name in referenced:
                    continue
                if stored.modified > cutoff:
                    continue  # maybe a write in progress (a ``.part`` file, or a file whose row is coming)
                report.file("orphan file", stored.name)


def purge_storage(*, dry_run: bool = False, now: datetime.datetime | None = None) -> PurgeReport:
    """Apply the retention policy to private storage (see the module's docstring)."""
    report = PurgeReport(dry_run=dry_run, now=now or timezone.now())
    for owner in owners():
        if owner.purge is not None:
            owner.purge(report)
    sweep_orphans(report)
    logger.info(
        "purge_storage%s: %d deletions, %d bytes", " (dry run)" if dry_run else "", len(report.deletions), report.bytes
    )
    return report


# This app's own share: render jobs.


def _render_job_names() -> Iterable[str]:
    from .models import RenderJob

    return RenderJob.objects.exclude(file_name="").values_list("file_name", flat=True).iterator()


def purge_render_jobs(report: PurgeReport) -> None:
    """Render jobs (rows and PDFs) that finished more than ``render_jobs_days`` ago."""
    from .models import RenderJob, RenderStatus

    rows = RenderJob.objects.filter(
        status__in=[RenderStatus.DONE, RenderStatus.FAILED],
        finished_at__lt=report.older_than(days=policy()["render_jobs_days"]),
    )
    report.delete_rows(
        kind="render job",
        file_kind="render job file",
        rows=rows,
        files=lambda ids: RenderJob.objects.filter(pk__in=ids).values_list("file_name", flat=True),
    )


RENDER_JOBS = Owner(
    key="documents.render_jobs", folders=(storage.FOLDER,), referenced=_render_job_names, purge=purge_render_jobs
)
