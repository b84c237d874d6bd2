"""Time to render the comparison PDF of the demo HR plan (version 1 against now), before and after issue 16's fix.

    .venv/bin/python benchmarks/bench_comparison_pdf.py             # 3 interleaved rounds, fresh SQLite database
    .venv/bin/python benchmarks/bench_comparison_pdf.py --rounds 5

Migrates a fresh database, runs ``load_demo`` and builds the comparison of the Human Resources plan 2013-14's
first version with the current one (153 changes, the paper the history page offers first). The same comparison
context is rendered by two templates and each HTML is turned into a tagged PDF by ``documents.pdf.html_to_pdf``:

* ``before``: ``templates/print/plan_comparison.html`` as it was at the commit named by ``--baseline`` (the
  change tables sized by WeasyPrint's automatic table layout);
* ``after``: the template in the working tree (fixed table layout).

Rounds interleave before, after, before, after… in one process after a warm-up of each, so both see the same
machine load; wall time (``perf_counter``) and this process's CPU time (``process_time``) are reported per render.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import time

from _django import ROOT, fresh_database, machine, setup_django

TEMPLATE = "templates/print/plan_comparison.html"


def timed(html_to_pdf, html: str) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = html_to_pdf(html)
    return time.perf_counter() - wall, time.process_time() - cpu, len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved before/after rounds (default 3)")
    parser.add_argument("--baseline", default="HEAD", help="git commit of the 'before' template (default HEAD)")
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.template import engines
    from pypdf import PdfReader
    from sample_plans import find_hr_plan

    from documents.pdf import html_to_pdf
    from plans.comparison import plan_comparison

    baseline_source = subprocess.run(
        ["git", "show", f"{args.baseline}:{TEMPLATE}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    engine = engines["django"]
    templates = {
        "before": engine.from_string(baseline_source),
        "after": engine.get_template("print/plan_comparison.html"),
    }

    with fresh_database() as vendor:
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        plan = find_hr_plan()
        context = plan_comparison(plan, "v1", "current")
        context["council_name"] = settings.COUNCIL_NAME
        html = {name: template.render(context) for name, template in templates.items()}
        samples: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in html}
        pages = {}
        for name in html:  # warm-up: fonts, CSS parsing
            pages[name] = len(PdfReader(io.BytesIO(html_to_pdf(html[name]))).pages)
        for _ in range(args.rounds):
            for name in html:
                wall, cpu, _size = timed(html_to_pdf, html[name])
                samples[name]["wall"].append(wall)
                samples[name]["cpu"].append(cpu)
        result = {
            name: {
                "pages": pages[name],
                "html_bytes": len(html[name]),
                "wall_seconds": [round(s, 2) for s in samples[name]["wall"]],
                "cpu_seconds": [round(s, 2) for s in samples[name]["cpu"]],
                "median_wall_seconds": round(statistics.median(samples[name]["wall"]), 2),
                "median_cpu_seconds": round(statistics.median(samples[name]["cpu"]), 2),
            }
            for name in html
        }
        result["changes"] = context["change_count"]
        result["source"] = f"demo HR plan 2013-14, v1 against now, {vendor}; before = {args.baseline}:{TEMPLATE}"
    result["machine"] = machine()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
