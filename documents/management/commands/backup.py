"""Back up the database and private storage into a new folder (docs/operations.md, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from documents.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and every file in private storage into a new "
        "folder under DESTINATION, with a manifest of SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="The folder to make the backup in.")

    def handle(self, *args, destination: Path, **options):
        try:
            summary = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up to {summary.folder}: the database and {summary.files} file(s), {filesizeformat(summary.bytes)}."
        )
