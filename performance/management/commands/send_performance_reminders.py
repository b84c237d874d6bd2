"""``python manage.py send_performance_reminders [--date YYYY-MM-DD] [--dry-run]``."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ...services import reminders_send


class Command(BaseCommand):
    help = (
        "Email each KPI or activity indicator owner (or, with no owner, the plan's officers) whose actual for the "
        "last closed period is missing. Each person is reminded once per period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); default: today.")
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date must be written YYYY-MM-DD, not {options['date']!r}.") from None
        batches = reminders_send(today=today, dry_run=options["dry_run"])
        if not batches:
            self.stdout.write("No reminders are due: every actual for the last closed periods is in.")
            return
        verb = "Would remind" if options["dry_run"] else "Reminded"
        for batch in batches:
            if options["dry_run"] or batch.sent:
                self.stdout.write(
                    f"{verb} {batch.person.name} <{batch.email}> of {len(batch.items)} missing actual"
                    f"{'s' if len(batch.items) != 1 else ''} for {batch.spec.label}."
                )
