"""``python manage.py build_pack <meeting-id> --full|--public --output FILE.pdf``: a meeting's agenda pack, now.

Uses the same builder as the Celery task (committees/packs/builder.py), without
Celery and without recording a build. The file is written to a temporary file
next to the output and moved into place, so an interrupted run leaves nothing.
"""

import datetime
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...clear_days import latest_publication_date, publication_date_check
from ...models import Meeting
from ...packs.builder import PackError, build_packs


class Command(BaseCommand):
    help = "Build a meeting's full or public agenda pack to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int, help="The meeting's id (as in /committees/meetings/<id>/).")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--full", action="store_true", help="The members' pack, with exempt items.")
        which.add_argument("--public", action="store_true", help="The public pack: exempt items replaced by notices.")
        parser.add_argument("--output", "-o", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--published-on",
            help=(
                "Date of publication printed on the front sheet (YYYY-MM-DD; default the last working day that "
                "gives five clear days). Refused after the meeting; a late or long-past date is a warning."
            ),
        )

    def handle(self, *args, meeting_id: int, full: bool, public: bool, output: str, published_on=None, **options):
        meeting = Meeting.objects.filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(f"There is no meeting with id {meeting_id}.")
        try:
            dated = datetime.date.fromisoformat(published_on) if published_on else latest_publication_date(meeting.date)
        except ValueError:
            raise CommandError("--published-on must be a date like 2012-12-28.") from None
        # The same rule as the build form: refused after the meeting, warned (not refused) when late or long past.
        check = publication_date_check(published_on=dated, meeting=meeting.date, today=timezone.localdate())
        if check.errors:
            raise CommandError(f"--published-on {dated.isoformat()}: {'; '.join(check.errors)}.")
        for warning in check.warnings:
            self.stderr.write(f"Warning: {warning}.")
        target = Path(output).resolve()
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        started = time.perf_counter()
        try:
            built = build_packs(meeting_id=meeting_id, published_on=dated)
        except PackError as error:
            raise CommandError(str(error)) from error
        data = built.public if public else built.full
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, target)
        ranges = ", ".join(f"{number} {first}-{last}" for number, (first, last) in built.ranges.items())
        self.stdout.write(
            f"Wrote {'public' if public else 'full'} pack to {target}: {built.page_count} pages, {len(data):,} bytes "
            f"in {time.perf_counter() - started:.1f} s ({built.rendered_parts} parts rendered, "
            f"{built.cached_parts} from cache). Items: {ranges}."
        )
