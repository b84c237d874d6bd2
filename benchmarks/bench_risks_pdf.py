"""Time to render the Business Strategy & Support directorate risk register (December 2012) to a tagged PDF.

    .venv/bin/python benchmarks/bench_risks_pdf.py

Migrates a fresh database, creates the 2013-14 Business Strategy & Support
directorate and its divisions, loads the risk fixtures as the demo does
(``risks.demo.load``: BSS1-BSS6 with all 36 controls and 23 actions), then
builds the print HTML and renders it with WeasyPrint (``pdf_variant="pdf/ua-1"``)
in this process: one warm-up, then N timed renders (default 5); the median is reported.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import time

from _django import fresh_database, machine, setup_django

DIVISIONS = (
    "Human Resources",
    "Governance & Law",
    "Business Strategy",
    "Finance & Procurement",
    "ICT",
    "Property & Infrastructure Support",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from plans.models import Directorate, Division, PlanYear
    from risks import demo
    from risks.documents import build_register_html
    from risks.models import Register, RegisterLevel

    with fresh_database() as vendor:
        year = PlanYear.objects.create(start_year=2013)
        directorate = Directorate.objects.create(plan_year=year, name="Business Strategy & Support", short_name="BSS")
        for name in DIVISIONS:
            Division.objects.create(directorate=directorate, name=name)
        demo.load()
        register = Register.objects.get(level=RegisterLevel.DIRECTORATE, directorate=directorate)

        pdf = html_to_pdf(build_register_html(register, {}))  # warm-up: fonts, CSS parsing
        html_times, pdf_times = [], []
        for _ in range(args.renders):
            started = time.perf_counter()
            html = build_register_html(register, {})
            built = time.perf_counter()
            pdf = html_to_pdf(html)
            html_times.append(built - started)
            pdf_times.append(time.perf_counter() - built)
        totals = sorted(h + p for h, p in zip(html_times, pdf_times, strict=True))
        result = {
            "register": str(register),
            "risks": register.risks.count(),
            "pages": len(PdfReader(io.BytesIO(pdf)).pages),
            "pdf_bytes": len(pdf),
            "renders": args.renders,
            "median_s": round(statistics.median(totals), 2),
            "min_s": round(totals[0], 2),
            "max_s": round(totals[-1], 2),
            "median_html_s": round(statistics.median(html_times), 3),
            "median_weasyprint_s": round(statistics.median(pdf_times), 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "database": vendor,
            "machine": machine(),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
