"""``python manage.py import_actuals FILE --plan ID [--user USERNAME] [--dry-run]``."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan
from plans.selectors import plan_get

from ...importing import ImportFileError, check_rows, read_file, size_error
from ...models import EntrySource
from ...services import ImportRejected, import_rows_commit


class Command(BaseCommand):
    help = (
        "Import actuals from a CSV or XLSX file (columns reference, period, value and optional commentary) into a "
        "plan's indicators. The file is checked first; with any problem, nothing is imported and every problem is "
        "listed by row."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--plan", type=int, required=True, help="The id of the plan the indicators belong to.")
        parser.add_argument("--user", help="Username to record as having entered the actuals.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, but import nothing.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            plan = plan_get(plan_id=options["plan"])
        except Plan.DoesNotExist:
            raise CommandError(f"There is no plan with id {options['plan']}.") from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user called {options['user']!r}.")
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        # Refuse an oversized file before reading it.
        if message := size_error(path.name, path.stat().st_size):
            raise CommandError(message)
        try:
            raw_rows = read_file(name=path.name, data=path.read_bytes())
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        if options["dry_run"]:
            check = check_rows(plan=plan, raw_rows=raw_rows)
            self._report(check)
            if not check.ok:
                raise CommandError(f"{len(check.errors)} problem(s): nothing would be imported.")
            self.stdout.write(
                f"{path.name}: {len(check.rows)} rows are fine ({check.new_count} new, {check.replace_count} "
                "replacing actuals already entered). Nothing was imported (--dry-run)."
            )
            return
        try:
            result = import_rows_commit(plan=plan, raw_rows=raw_rows, user=user, source=EntrySource.COMMAND)
        except ImportRejected as rejected:
            self._report(rejected.check)
            raise CommandError(f"{len(rejected.check.errors)} problem(s): nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(f"{path.name} imported into {plan}: {result.summary()}."))

    def _report(self, check) -> None:
        for error in check.errors:
            self.stderr.write(f"Row {error.line}, {error.column}: {error.message}")
