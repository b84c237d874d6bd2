"""``python manage.py render_plan <plan-id> --output FILE.pdf``: the plan's PDF, made here and now.

Uses the same print HTML and renderer as the "Download as PDF" job, without
Celery. The file is written to a temporary file next to the output and moved
into place, so an interrupted run never leaves a half-written PDF behind.
"""

import io
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pypdf import PdfReader

from documents.pdf import html_to_pdf

from ...models import Plan
from ...plan_renderer import build_plan_html
from ...selectors import plan_get


class Command(BaseCommand):
    help = "Render a business plan to a tagged PDF file (the same output as 'Download as PDF')."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int, help="The plan's id (as in /plans/<id>/).")
        parser.add_argument("--output", "-o", required=True, help="Where to write the PDF, e.g. plan.pdf.")

    def handle(self, *args, plan_id: int, output: str, **options):
        try:
            plan = plan_get(plan_id=plan_id)
        except Plan.DoesNotExist:
            raise CommandError(f"There is no plan with id {plan_id}.") from None
        target = Path(output).expanduser().resolve()
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        started = time.perf_counter()
        pdf = html_to_pdf(build_plan_html(plan, {}))
        seconds = time.perf_counter() - started
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(pdf)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {target} ({pages} pages, {len(pdf):,} bytes) in {seconds:.2f} s: {plan}")
        )
