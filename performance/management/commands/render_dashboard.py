"""``python manage.py render_dashboard PLAN_ID --period 2017-Q2 --output FILE.pdf``: the committee PDF."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.pdf import html_to_pdf
from plans.models import Plan
from plans.selectors import plan_get

from ... import periods
from ...documents import dashboard_html


class Command(BaseCommand):
    help = "Render a plan's performance dashboard for a period to a tagged PDF (the same layout as the PDF download)."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--period", required=True, help=periods.FORMAT_HELP)
        parser.add_argument("--output", type=Path, required=True, help="Where to write the PDF.")

    def handle(self, *args, **options):
        try:
            plan = plan_get(plan_id=options["plan_id"])
        except Plan.DoesNotExist:
            raise CommandError(f"There is no plan with id {options['plan_id']}.") from None
        try:
            spec = periods.parse(options["period"])
        except periods.PeriodError as error:
            raise CommandError(str(error)) from None
        if not periods.belongs_to_year(spec, plan.plan_year.start_year):
            raise CommandError(f"{spec.code} ({spec.label}) is not in {plan.plan_year.label}, the year of this plan.")
        started = time.perf_counter()
        pdf = html_to_pdf(dashboard_html(plan, spec))
        output: Path = options["output"]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output} ({len(pdf):,} bytes) in {time.perf_counter() - started:.1f} s: "
                f"{plan.unit_name} dashboard at the end of {spec.label}."
            )
        )
