"""Peak memory and time for the hostile and the largest accepted inputs (issue 11: bounded memory).

    .venv/bin/python benchmarks/bench_hostile_memory.py

Each case runs in a fresh process of its own, so its peak RSS (``VmHWM``, reset just before the work) is the
work's alone. Cases:

* ``pdf_bomb_check``: the upload check of a 4-page PDF whose pages inflate to 60 MB each (refused). The check
  runs in a memory-limited child process; the figure is that child's peak, as it reports it.
* ``pdf_largest_check``: the check of the largest PDF accepted (2 pages of 60 MB content each).
* ``pack_build_large_papers``: building both packs of a meeting with five such papers (this process's peak).
* ``xlsx_largest_read``: reading the largest workbook of actuals accepted (the row budget, commentary in each).
* ``xlsx_bomb_read``: a 168 KB workbook that unpacks to 55 MB (refused).

Prints one JSON object; docs/benchmarks.md ("Memory under hostile input") records it. The aim is every case
under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from _django import ROOT, fresh_database, machine, setup_django

AIM_MB = 500
CASES = ("pdf_bomb_check", "pdf_largest_check", "pack_build_large_papers", "xlsx_largest_read", "xlsx_bomb_read")


def _peak_during(work):
    sys.path.insert(0, str(ROOT))
    from tests.support import memory

    started, cpu = time.perf_counter(), time.process_time()
    result, peak = memory.peak_rss_during(work)
    return result, peak, time.perf_counter() - started, time.process_time() - cpu


def _pdf_case(name: str) -> dict:
    from committees import uploads
    from tests.support import hostile_pdfs

    pages = 4 if name == "pdf_bomb_check" else 2
    data = hostile_pdfs.bomb(pages=pages, megabytes_per_page=60)

    def check():
        # The check the upload form runs (check_pdf), without the form's wrapping of a refusal into a field
        # error, which drops the child's peak.
        try:
            header, _ = uploads._run_child(data, place=True)
            return "accepted", header["peak_rss_bytes"]
        except uploads.PdfRefused as refused:
            return f"refused ({refused.code})", refused.peak_rss_bytes

    (outcome, child_peak), _, seconds, _ = _peak_during(check)
    return {"outcome": outcome, "file_kb": len(data) // 1024, "peak_rss_mb": child_peak // 2**20, "seconds": seconds}


def _pack_case() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from committees import services
    from committees.packs import builder
    from tests.committees.factories import AgendaItemFactory, MeetingFactory
    from tests.support import hostile_pdfs

    with fresh_database():
        meeting = MeetingFactory()
        for number in range(5):
            item = AgendaItemFactory(meeting=meeting, section="B", title=f"Large report {number}")
            data = hostile_pdfs.bomb(pages=2, megabytes_per_page=60)
            services.paper_upload(item=item, title=f"Large paper {number}", upload=SimpleUploadedFile("big.pdf", data))
        built, peak, seconds, cpu = _peak_during(lambda: builder.build_packs(meeting_id=meeting.pk))
    return {"outcome": f"built, {built.page_count} pages", "peak_rss_mb": peak // 2**20, "seconds": seconds, "cpu": cpu}


def _xlsx_case(name: str) -> dict:
    from performance.importing import ImportFileError, read_file
    from tests.performance import test_import_budgets as budgets

    if name == "xlsx_largest_read":
        data = budgets._workbook([["reference", "period", "value", "commentary"], *budgets._FULL_ROWS])
    else:
        data = budgets._with_sheet(budgets._repeated_cells(55 * 1024 * 1024 // 38))

    def read():
        try:
            return f"read {len(read_file(name='actuals.xlsx', data=data))} rows"
        except ImportFileError:
            return "refused"

    outcome, peak, seconds, cpu = _peak_during(read)
    return {
        "outcome": outcome,
        "file_kb": len(data) // 1024,
        "peak_rss_mb": peak // 2**20,
        "seconds": seconds,
        "cpu": cpu,
    }


def child(name: str) -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc_planning.settings_test")
    setup_django()
    if name.startswith("pdf_"):
        result = _pdf_case(name)
    elif name == "pack_build_large_papers":
        result = _pack_case()
    else:
        result = _xlsx_case(name)
    print(json.dumps({key: round(value, 2) if isinstance(value, float) else value for key, value in result.items()}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        child(args.case)
        return 0
    results: dict = {}
    for name in CASES:
        output = subprocess.run(
            [sys.executable, __file__, "--case", name], check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout
        results[name] = json.loads(output.strip().splitlines()[-1])
    results["all_under_aim"] = all(case["peak_rss_mb"] < AIM_MB for case in results.values())
    results["aim_mb"] = AIM_MB
    results["machine"] = machine()
    results["load_average"] = Path("/proc/loadavg").read_text().split()[:3]
    print(json.dumps(results, indent=2))
    return 0 if results["all_under_aim"] else 1


if __name__ == "__main__":
    sys.exit(main())
