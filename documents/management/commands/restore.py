"""Restore a backup into an empty database and empty private storage (docs/operations.md, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Check every checksum of the backup in SOURCE, then restore it into this service's database and private "
        "storage, which must both be empty. With --check, only check the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="The backup's folder (it holds manifest.json).")
        parser.add_argument("--check", action="store_true", help="Verify the backup's checksums; restore nothing.")

    def handle(self, *args, source: Path, check: bool = False, **options):
        try:
            if check:
                manifest = backup_verify(source=source)
                self.stdout.write(f"The backup is intact: the database and {len(manifest['files'])} file(s).")
                return
            summary = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {source}: the database and {summary.files} file(s). Run `manage.py migrate` if this "
            "version of the app is newer than the backup."
        )
