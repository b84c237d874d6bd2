"""Agenda pack build time and peak memory for a seed-sized pack (about 230 pages), against WeasyPrint alone.

    .venv/bin/python benchmarks/bench_pack_build.py            # all four measurements, each in its own process
    .venv/bin/python benchmarks/bench_pack_build.py --extra 11 # how many extra plan appendices pad B1

The pack is the 8 January 2013 meeting as loaded by ``load_demo`` (seed 001),
with B1's Appendix B padded by ``--extra`` further committee snapshots of the
demo divisional plans (each titled differently, so none is a cache hit) to
reach the seed pack's size. Four measurements, each in a fresh process (so
peak RSS is its own) on a fresh database:

- ``pack``: ``build_packs`` from an empty part cache: every part rendered, both
  packs (full and public) assembled, stamped and outlined;
- ``weasyprint_parts``: WeasyPrint alone (``html_to_pdf``) on exactly the HTML the
  pack build renders (every part, both front sheets, notices, filler, stamp
  sheet), one by one: the baseline of issue 6's 1.3× aim;
- ``weasyprint``: WeasyPrint alone rendering the same generated HTML as one
  document (the parts' bodies one after another, each on a new page, with all
  their stylesheets), tagged PDF/UA-1; uploaded PDFs are not HTML and are left out;
- ``rebuild``: build once, change one cover report (C1), build again: the
  second build's time.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import resource
import subprocess
import sys
import time

from _django import fresh_database, machine, setup_django

LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.IGNORECASE | re.DOTALL)


def prepare(extra: int):
    from committees import services
    from committees.models import AppendixKind, Meeting
    from plans.demo import demo_load
    from plans.models import PlanSnapshot
    from plans.services.workflow import snapshot_checksum

    demo_load(with_users=False)
    meeting = Meeting.objects.get()
    report = meeting.items.get(section="B").papers.get()
    snapshots = [a.snapshot for a in report.appendices.filter(kind=AppendixKind.PLAN_SNAPSHOT)]
    for number in range(extra):
        # A snapshot of its own with a different unit name, so its HTML differs and it is really rendered
        # (an identical copy would come from the part cache and flatter the pack).
        source = snapshots[number % len(snapshots)]
        document = copy.deepcopy(source.document)
        document["plan"]["division_name"] = f"{document['plan']['division_name']} (unit {number + 1})"
        # A real checksum: the builder refuses to print a snapshot that fails its integrity check.
        snapshot = PlanSnapshot.objects.create(
            plan=source.plan,
            kind=source.kind,
            version=source.version,
            document=document,
            checksum=snapshot_checksum(document),
        )
        services.appendix_add(
            paper=report,
            title=f"Divisional business plan, further unit {number + 1}",
            kind=AppendixKind.PLAN_SNAPSHOT,
            document_id=snapshot.pk,
            continues_previous=True,
        )
    return meeting


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_pack(meeting) -> dict:
    from committees.packs.builder import build_packs

    started = time.perf_counter()
    built = build_packs(meeting_id=meeting.pk)
    seconds = time.perf_counter() - started
    return {
        "pages": built.page_count,
        "seconds": round(seconds, 2),
        "rendered_parts": built.rendered_parts,
        "full_bytes": len(built.full),
        "public_bytes": len(built.public),
        "ranges": built.ranges,
    }


def run_weasyprint(meeting) -> dict:
    from committees.agenda import number_items
    from committees.packs.builder import item_plans
    from committees.packs.content import front_sheet_html
    from documents.pdf import html_to_pdf

    plans = item_plans(meeting)
    htmls = [
        front_sheet_html(
            meeting=meeting,
            members=list(meeting.committee.members.all()),
            items=number_items(meeting.items.all()),
            ranges={},
            public=False,
            published_on=None,
        )
    ]
    htmls += [source.html for plan in plans for source in plan.sources if source.html]
    links, bodies = [], []
    for html in htmls:
        for link in LINK.findall(html):
            if link not in links:
                links.append(link)
        match = BODY.search(html)
        bodies.append(f'<div style="break-before: page">{match.group(1) if match else html}</div>')
    document = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Agenda pack</title>'
        + "".join(links)
        + "</head><body>"
        + "".join(bodies)
        + "</body></html>"
    )
    started = time.perf_counter()
    pdf = html_to_pdf(document)
    seconds = time.perf_counter() - started
    import io

    from pypdf import PdfReader

    return {"pages": len(PdfReader(io.BytesIO(pdf)).pages), "seconds": round(seconds, 2), "parts": len(htmls)}


def run_weasyprint_parts(meeting) -> dict:
    """WeasyPrint alone on exactly the HTML the pack renders: every part of the full pack, rendered one by one."""
    from committees.packs import builder, cache
    from documents.pdf import html_to_pdf

    htmls = []
    original = builder.PartCache.pdf

    def record(self, html, *, tagged=True):
        htmls.append((html, tagged))
        return original(self, html, tagged=tagged)

    builder.PartCache.pdf = record
    builder.build_packs(meeting_id=meeting.pk)  # to collect the HTML of every part (timed below, not here)
    builder.PartCache.pdf = original
    started = time.perf_counter()
    pages = 0
    import io

    from pypdf import PdfReader

    for html, tagged in htmls:
        # Rendered as the pack renders it: the stamp sheet untagged, everything else tagged.
        pdf = html_to_pdf(html) if tagged else cache.untagged_pdf(html)
        pages += len(PdfReader(io.BytesIO(pdf)).pages)
    return {"parts": len(htmls), "part_pages": pages, "seconds": round(time.perf_counter() - started, 2)}


def run_rebuild(meeting) -> dict:
    from committees.packs.builder import build_packs

    first = build_packs(meeting_id=meeting.pk)
    paper = meeting.items.get(section="C", position=1).papers.get()
    paper.summary += " (Amended after the agenda was first built.)"
    paper.save()
    started = time.perf_counter()
    built = build_packs(meeting_id=meeting.pk)
    seconds = time.perf_counter() - started
    return {
        "pages": built.page_count,
        "seconds": round(seconds, 2),
        "rendered_parts": built.rendered_parts,
        "cached_parts": built.cached_parts,
        "first_build_pages": first.page_count,
    }


MODES = {
    "pack": run_pack,
    "weasyprint": run_weasyprint,
    "weasyprint_parts": run_weasyprint_parts,
    "rebuild": run_rebuild,
}


def child(mode: str, extra: int) -> None:
    setup_django()
    with fresh_database():
        meeting = prepare(extra)
        result = MODES[mode](meeting)
    result["peak_rss_mb"] = peak_mb()
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--extra", type=int, default=11, help="Extra plan appendices in B1 (default 11).")
    parser.add_argument("--mode", choices=sorted(MODES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        child(args.mode, args.extra)
        return 0
    results = {}
    for mode in ("pack", "weasyprint_parts", "weasyprint", "rebuild"):
        output = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--extra", str(args.extra)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[mode] = json.loads(output.strip().splitlines()[-1])
    results["pack_vs_weasyprint_parts"] = round(results["pack"]["seconds"] / results["weasyprint_parts"]["seconds"], 2)
    results["pack_vs_weasyprint_one_document"] = round(results["pack"]["seconds"] / results["weasyprint"]["seconds"], 2)
    results["machine"] = machine()
    with open("/proc/loadavg") as handle:
        results["load_average"] = handle.read().split()[:3]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
