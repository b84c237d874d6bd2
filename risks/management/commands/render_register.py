"""``python manage.py render_register <register-id> --output FILE.pdf``: the register paper, rendered now.

Uses the same HTML and PDF pipeline as the "Download as PDF" button, without a job queue.
"""

import io
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pypdf import PdfReader

from documents.pdf import html_to_pdf

from ...documents import build_register_html
from ...models import Register


class Command(BaseCommand):
    help = "Render a risk register to a tagged PDF (summary profile, scales, heat map, then each risk)."

    def add_arguments(self, parser):
        parser.add_argument("register_id", type=int)
        parser.add_argument("--output", "-o", type=Path, required=True, help="Where to write the PDF.")

    def handle(self, *args, register_id: int, output: Path, **options):
        register = Register.objects.filter(pk=register_id).first()
        if register is None:
            raise CommandError(f"There is no register {register_id}.")
        if output.parent and not output.parent.exists():
            raise CommandError(f"The folder {output.parent} does not exist.")
        started = time.perf_counter()
        pdf = html_to_pdf(build_register_html(register, {}))
        output.write_bytes(pdf)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        self.stdout.write(
            f"Wrote {output} ({pages} pages, {len(pdf) / 1024:.0f} KiB) in {time.perf_counter() - started:.1f} s."
        )
