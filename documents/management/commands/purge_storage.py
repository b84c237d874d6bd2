"""Apply the retention policy to private storage (docs/operations.md, "Retention"); Celery beat runs it daily."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from documents.retention import purge_storage


class Command(BaseCommand):
    help = (
        "Delete expired render jobs and unpublished pack builds (rows and files), trim the pack part cache to its "
        "budget and remove orphan files from private storage. Published packs are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted, with the bytes; delete nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        report = purge_storage(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for deletion in report.deletions:
            size = f" ({deletion.size} bytes)" if deletion.size else ""
            self.stdout.write(f"{verb} {deletion.kind} {deletion.name}{size}")
        files = sum(1 for deletion in report.deletions if deletion.is_file)
        rows = len(report.deletions) - files
        self.stdout.write(
            f"{verb} {rows} row(s) and {files} file(s): {report.bytes} bytes ({filesizeformat(report.bytes)})."
        )
