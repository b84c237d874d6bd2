"""``python manage.py load_demo [--no-users]``: the seeds' organisation and plans, other apps' demo data, logins."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...demo import DEMO_PASSWORD, FIXTURES_DIR, DemoDataError, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo organisation and plans from fixtures/*.json (transcribed from the seeds), the other apps' "
        "demo data, and create demo users. Running it again changes nothing (officers' edits are kept); it only "
        "puts back demo paper files missing from storage, e.g. after restoring the database without media/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo users.")
        parser.add_argument(
            "--fixtures-dir", type=Path, default=FIXTURES_DIR, help=f"Folder of fixture files (default {FIXTURES_DIR})."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = demo_load(
                fixtures_dir=options["fixtures_dir"],
                with_users=not options["no_users"],
                stdout=self.stdout,
            )
        except DemoDataError as error:
            raise CommandError(f"Demo not loaded, nothing was changed: {error}") from error

        if result.users:
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
            width = max(len(user.username) for user in result.users)
            for user in result.users:
                self.stdout.write(f"  {user.username.ljust(width)}  {user.access}")
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")
