"""Time to render a business plan to a tagged PDF (HTML build + WeasyPrint), in one process.

    .venv/bin/python benchmarks/bench_plan_pdf.py              # the demo HR plan 2013-14, in a fresh database
    .venv/bin/python benchmarks/bench_plan_pdf.py --plan-id 3  # any plan in the configured database

Without --plan-id the script migrates a fresh database, runs ``load_demo`` and
renders the Human Resources divisional plan 2013-14 (seed 001). If
``load_demo`` is not available it builds a plan of the HR plan's size
(6 priorities, 28 top-level actions, 60 sub-actions) instead, and says so.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import time

from _django import fresh_database, machine, setup_django


def measure(plan, runs: int) -> dict:
    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from plans.plan_renderer import build_plan_html

    html_seconds, pdf_seconds, total_seconds = [], [], []
    pdf = b""
    for _ in range(runs):
        started = time.perf_counter()
        html = build_plan_html(plan, {})
        built = time.perf_counter()
        pdf = html_to_pdf(html)
        finished = time.perf_counter()
        html_seconds.append(built - started)
        pdf_seconds.append(finished - built)
        total_seconds.append(finished - started)
    return {
        "plan": str(plan),
        "actions": sum(priority.actions.count() for priority in plan.priorities.all()),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
        "runs": runs,
        "median_seconds": round(statistics.median(total_seconds), 3),
        "min_seconds": round(min(total_seconds), 3),
        "max_seconds": round(max(total_seconds), 3),
        "median_html_seconds": round(statistics.median(html_seconds), 3),
        "median_weasyprint_seconds": round(statistics.median(pdf_seconds), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def demo_hr_plan():
    """The HR plan from ``load_demo``, or a plan built to its size when the demo loader is missing."""
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from sample_plans import build_hr_sized_plan, find_hr_plan

    try:
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    except CommandError as error:
        print(f"load_demo unavailable ({error}); building an HR-sized plan instead")
    plan = find_hr_plan()
    if plan is not None:
        return plan, "demo HR plan (load_demo)"
    return build_hr_sized_plan(), "HR-sized plan built by benchmarks/sample_plans.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plan-id", type=int, help="render this plan from the configured database")
    parser.add_argument("--runs", type=int, default=5, help="renders to time after one warm-up (default 5)")
    args = parser.parse_args()
    setup_django()
    from plans.selectors import plan_get

    if args.plan_id:
        plan, source = plan_get(plan_id=args.plan_id), f"plan {args.plan_id} from the configured database"
        measure(plan, 1)  # warm-up: fonts, templates, CSS parsing
        result = measure(plan, args.runs)
    else:
        with fresh_database() as vendor:
            plan, source = demo_hr_plan()
            plan = plan_get(plan_id=plan.pk)
            measure(plan, 1)  # warm-up: fonts, templates, CSS parsing
            result = measure(plan, args.runs)
            source += f", {vendor}"
    result["source"] = source
    result["machine"] = machine()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
