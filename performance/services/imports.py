"""Writes for imports of actuals: hold a checked file for confirmation, then commit it all or not at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from plans.models import Plan

from ..importing import ImportCheck, RawRow, check_rows, read_file
from ..models import ActualImport, EntrySource, ImportStatus
from .actuals import ActualEntry, WriteResult, actuals_write
from .indicators import period_get_or_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ImportRejected(Exception):
    """A file with problems: nothing was written. ``check`` holds the row-by-row report."""

    def __init__(self, check: ImportCheck, message: str = "The file has problems, so nothing was imported."):
        super().__init__(message)
        self.check = check


class ImportAlreadyDone(Exception):
    """The import was committed or cancelled already (a second click, or another tab)."""


def actual_import_prepare(
    *, plan: Plan, name: str, data: bytes, user: User | None
) -> tuple[ImportCheck, ActualImport | None]:
    """Read and check a file. A file without problems is held for confirmation; one with problems is not.

    Raises ``importing.ImportFileError`` when the file cannot be read at all.
    """
    raw_rows = read_file(name=name, data=data)
    check = check_rows(plan=plan, raw_rows=raw_rows)
    if not check.ok:
        return check, None
    held = ActualImport(
        plan=plan,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        file_name=name[-255:],
        rows=[row.as_list() for row in raw_rows],
        row_count=len(raw_rows),
    )
    held.full_clean()
    held.save()
    return check, held


@transaction.atomic
def import_rows_commit(*, plan: Plan, raw_rows: list[RawRow], user: User | None, source: str) -> WriteResult:
    """Check the rows again and write them in one transaction: all of them, or (on any problem) none."""
    check = check_rows(plan=plan, raw_rows=raw_rows)
    if not check.ok:
        raise ImportRejected(check)
    stored_periods = {code: period_get_or_create(code=code) for code in {row.spec.code for row in check.rows}}
    entries = [
        ActualEntry(row.indicator, stored_periods[row.spec.code], row.value, row.raw.commentary) for row in check.rows
    ]
    return actuals_write(entries=entries, user=user, source=source)


@transaction.atomic
def actual_import_commit(*, actual_import: ActualImport, user: User | None) -> WriteResult:
    """Commit a held import. The row lock makes a double submit commit once and report the second."""
    held = (
        ActualImport.objects.select_for_update().select_related("plan__directorate__plan_year").get(pk=actual_import.pk)
    )
    if held.status != ImportStatus.PREVIEWED:
        raise ImportAlreadyDone(held.get_status_display())
    raw_rows = [RawRow.from_list(items) for items in held.rows]
    result = import_rows_commit(plan=held.plan, raw_rows=raw_rows, user=user, source=EntrySource.IMPORT)
    held.status = ImportStatus.COMMITTED
    held.committed_at = timezone.now()
    held.save(update_fields=["status", "committed_at"])
    return result


@transaction.atomic
def actual_import_cancel(*, actual_import: ActualImport) -> None:
    held = ActualImport.objects.select_for_update().get(pk=actual_import.pk)
    if held.status != ImportStatus.PREVIEWED:
        raise ImportAlreadyDone(held.get_status_display())
    held.status = ImportStatus.CANCELLED
    held.rows = []
    held.save(update_fields=["status", "rows"])
