"""``python manage.py render_monitoring_report <plan-id> --period 2017-Q2 --output FILE.pdf``: the report, now.

The same print HTML as the page's "Download as PDF" job (``plans.monitoring``), without Celery. The file is
written to a temporary file next to the output and moved into place, so an interrupted run leaves nothing.
"""

import io
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pypdf import PdfReader

from documents import storage
from documents.pdf import html_to_pdf

from ...models import Plan
from ...monitoring import MonitoringError, monitoring_report_html, monitoring_report_read, report_period
from ...periods import period_label
from ...selectors import plan_get


class Command(BaseCommand):
    help = "Render a plan's monitoring report for a reporting period to a tagged PDF file."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int, help="The plan's id (as in /plans/<id>/).")
        parser.add_argument(
            "--period", required=True, help="A quarter as 2017-Q2 (July to September 2017) or a month as 2017-M07."
        )
        parser.add_argument("--output", "-o", required=True, help="Where to write the PDF, e.g. monitoring.pdf.")

    def handle(self, *args, plan_id: int, period: str, output: str, **options):
        try:
            plan = plan_get(plan_id=plan_id)
        except Plan.DoesNotExist:
            raise CommandError(f"There is no plan with id {plan_id}.") from None
        try:
            chosen = report_period(plan=plan, code=period)
        except MonitoringError as error:
            raise CommandError(str(error)) from None
        target = Path(output).expanduser().resolve()
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        started = time.perf_counter()
        pdf = html_to_pdf(monitoring_report_html(monitoring_report_read(plan=plan, period=chosen)))
        seconds = time.perf_counter() - started
        storage.write_atomically(target.parent, target.name, pdf)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {target} ({pages} pages, {len(pdf):,} bytes) in {seconds:.2f} s: {plan.unit_name} "
                f"monitoring report, {period_label(chosen.code)}."
            )
        )
