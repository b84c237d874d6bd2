"""Agenda pack build against WeasyPrint alone on the same parts, interleaved in one process; rebuild; workers.

    .venv/bin/python benchmarks/bench_pack_build.py                  # seed size, double and twice it, 3 rounds each
    .venv/bin/python benchmarks/bench_pack_build.py --rounds 5 --sizes seed
    REDIS_URL=redis://127.0.0.1:6379/0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcc_planning \\
        .venv/bin/python benchmarks/bench_pack_build.py --workers 1,2,4  # also real Celery workers

The pack is the 8 January 2013 meeting as loaded by ``load_demo`` (seed 001), with B1's Appendix B padded by
further committee snapshots of the demo divisional plans (each with its own unit name, so none is a cache hit):
11 of them make the seed-sized pack (186 pages); "double" adds as many more as make it twice as many pages
(``--double-extra N`` sets the padding instead); "twice" is the seed-sized meeting with every item that has papers
printed a second time, as an item of its own (each paper, appendix and upload again; generated ones made to
differ in a word, so they are rendered again, not taken from the part cache): twice the content, part for part.

Each size runs in a fresh process on a fresh database, and inside it the modes take turns, round after round
(pack, baseline, merge, rebuild; then baseline, pack, merge, rebuild; ...), so load on this shared machine, and
whatever running second costs, falls on both alike:

- ``pack``: ``build_packs`` from an empty part cache (uploads stay placed, as they are from the upload check):
  every part rendered, laid out, front sheets and stamps, both packs merged, stamped and outlined.
- ``baseline``: WeasyPrint alone (``html_to_pdf``, the same ``pdf_variant``; the stamp sheet untagged, as the
  pack renders it) on exactly the HTML the cold build rendered, one document after another; nothing else timed.
- ``rebuild``: after ``pack``, one cover report (C1) changes and the packs are built again.

Wall and CPU time (``time.process_time``: this process only) are reported, min and median over the rounds.
``--workers``: the build through Celery (parts as tasks, then the merge) with 1, 2 and 4 worker processes, from
request to "done", the same parts rendered from an empty cache; beside it the critical path measured in the same
run: the largest part's WeasyPrint time plus the merge (a build with every part cached).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from _django import ROOT, fresh_database, machine, setup_django

SEED_EXTRA = 11


def renamed_snapshot(source, suffix: str):
    """A copy of a plan snapshot whose unit name ends in ``suffix``: its HTML differs, so it is really rendered (an
    identical copy would come from the part cache and flatter the pack)."""
    from plans.models import PlanSnapshot
    from plans.services.workflow import snapshot_checksum

    document = copy.deepcopy(source.document)
    document["plan"]["division_name"] = f"{document['plan']['division_name']} {suffix}"
    # A real checksum: the builder refuses to print a snapshot that fails its integrity check.
    return PlanSnapshot.objects.create(
        plan=source.plan,
        kind=source.kind,
        version=source.version,
        document=document,
        checksum=snapshot_checksum(document),
    )


def prepare(extra: int):
    from committees import services
    from committees.models import AppendixKind, Meeting
    from plans.demo import demo_load

    demo_load(with_users=False)
    # The meeting of the seed's pack (the demo also holds 22 November 2012, whose minutes it carries).
    meeting = Meeting.objects.get(date=datetime.date(2013, 1, 8))
    report = meeting.items.get(section="B").papers.get()
    snapshots = [a.snapshot for a in report.appendices.filter(kind=AppendixKind.PLAN_SNAPSHOT)]
    for number in range(extra):
        snapshot = renamed_snapshot(snapshots[number % len(snapshots)], f"(unit {number + 1})")
        services.appendix_add(
            paper=report,
            title=f"Divisional business plan, further unit {number + 1}",
            kind=AppendixKind.PLAN_SNAPSHOT,
            document_id=snapshot.pk,
            continues_previous=True,
        )
    return meeting


def repeat_items(meeting) -> int:
    """Print every item that has papers a second time, as a new item at the end of its section: cover reports with
    "(repeated)" after their titles, uploads uploaded again (the same file, placed from the cache as the first
    was), plan snapshots frozen again with the unit's name changed, and the other appendices after them, so that
    each gets another label ("Appendix B" for an "Appendix A"). Every generated part differs from its first
    print, so the part cache gives none of them: WeasyPrint renders twice the seed meeting's parts. Returns the
    number of items repeated."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from committees import services
    from committees.models import AppendixKind, PaperKind
    from committees.services.agenda import AGENDA_ITEM_FIELDS, COVER_REPORT_FIELDS
    from documents import storage

    repeated = 0
    for item in list(meeting.items.order_by("section", "position")):
        papers = list(item.papers.order_by("position", "pk"))
        if not papers:
            continue
        values = {name: getattr(item, name) for name in AGENDA_ITEM_FIELDS}
        values["title"] = f"{item.title} (repeated)"
        copy = services.agenda_item_create(meeting=meeting, values=values)
        repeated += 1
        for paper in papers:
            if paper.kind == PaperKind.UPLOAD:
                data = storage.verified_bytes(name=paper.file_name, checksum=paper.checksum)
                upload = SimpleUploadedFile(f"{paper.title}.pdf", data, content_type="application/pdf")
                services.paper_upload(item=copy, title=f"{paper.title} (repeated)", upload=upload)
                continue
            values = {name: getattr(paper, name) for name in COVER_REPORT_FIELDS}
            values["title"] = f"{paper.title} (repeated)"
            report = services.cover_report_create(item=copy, values=values)
            appendices = sorted(paper.appendices.all(), key=lambda a: (a.position, a.pk))
            snapshots = [a for a in appendices if a.kind == AppendixKind.PLAN_SNAPSHOT]
            for number, appendix in enumerate(snapshots + [a for a in appendices if a not in snapshots]):
                document_id = appendix.subject_id
                if appendix.kind == AppendixKind.PLAN_SNAPSHOT:
                    document_id = renamed_snapshot(appendix.snapshot, "(repeated)").pk
                services.appendix_add(
                    paper=report,
                    title=appendix.title,
                    kind=appendix.kind,
                    document_id=document_id,
                    continues_previous=appendix.continues_previous and number > 0,
                    options=appendix.options,
                )
    return repeated


def empty_part_cache() -> int:
    """Delete every rendered part; placed uploads (a ``.pdf`` with its ``.json``) stay, as after the upload check."""
    from committees.packs.cache import CACHE_FOLDER
    from documents import storage

    names = [stored.name for stored in storage.iterate(CACHE_FOLDER)]
    placed = {name.rsplit(".", 1)[0] for name in names if name.endswith(".json")}
    removed = 0
    for name in names:
        if name.rsplit(".", 1)[0] not in placed:
            removed += storage.delete(name) > 0
    return removed


class Clock:
    def __enter__(self):
        gc.collect()  # every round starts with the same (empty) heap of garbage, outside the timing
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def recorded_renders(meeting) -> list[tuple[str, bool]]:
    """The HTML of every render a cold build makes (in order), recorded by a build that is not timed."""
    from committees.packs import builder

    htmls: list[tuple[str, bool]] = []
    original = builder.PartCache.pdf

    def record(self, html, *, tagged=True):
        if not self.has(self.key(html, tagged=tagged)):
            htmls.append((html, tagged))
        return original(self, html, tagged=tagged)

    empty_part_cache()
    builder.PartCache.pdf = record
    try:
        builder.build_packs(meeting_id=meeting.pk)
    finally:
        builder.PartCache.pdf = original
    return htmls


def round_pack(meeting) -> dict:
    from committees.packs.builder import build_packs

    empty_part_cache()
    with Clock() as clock:
        built = build_packs(meeting_id=meeting.pk)
    pages, rendered = built.page_count, built.rendered_parts
    return {"wall": clock.wall, "cpu": clock.cpu, "pages": pages, "rendered": rendered}


def round_baseline(htmls) -> dict:
    from committees.packs.cache import untagged_pdf
    from documents.pdf import html_to_pdf

    sizes = []
    with Clock() as clock:
        for html, tagged in htmls:
            started = time.process_time()
            html_to_pdf(html) if tagged else untagged_pdf(html)
            sizes.append(time.process_time() - started)
    return {"wall": clock.wall, "cpu": clock.cpu, "renders": len(htmls), "largest_part_cpu": max(sizes)}


def round_rebuild(meeting, number: int) -> dict:
    from committees.packs.builder import build_packs

    paper = meeting.items.get(section="C", position=1).papers.get()
    paper.summary += f" (Amended after the agenda was first built, {number}.)"
    paper.save()
    with Clock() as clock:
        built = build_packs(meeting_id=meeting.pk)
    rendered, cached = built.rendered_parts, built.cached_parts
    return {"wall": clock.wall, "cpu": clock.cpu, "rendered": rendered, "cached": cached}


def round_merge(meeting) -> dict:
    """A build with every part cached: the merge and stamping alone (the last step of the worker path)."""
    from committees.packs.builder import build_packs

    with Clock() as clock:
        build_packs(meeting_id=meeting.pk)
    return {"wall": clock.wall, "cpu": clock.cpu}


def pages_per_padding_appendix(meeting, extra: int) -> float:
    """Mean pages of the padding appendices (the last ``extra`` parts of B1), to size the double pack: they take
    turns between the demo's plans, which print different lengths."""
    from committees.packs.assemble import page_count
    from committees.packs.builder import PartCache, item_plans

    b1 = next(plan for plan in item_plans(meeting) if plan.number == "B1")
    cache = PartCache()
    return statistics.mean(page_count(cache.pdf(source.html)) for source in b1.sources[-extra:])


def summary(rounds: list[dict]) -> dict:
    out = {}
    for field in ("wall", "cpu"):
        values = [r[field] for r in rounds]
        out[field] = {"min": round(min(values), 2), "median": round(statistics.median(values), 2)}
    return out


def child_size(extra: int, rounds: int, twice: bool = False) -> dict:
    setup_django()
    with fresh_database():
        meeting = prepare(extra)
        repeated = repeat_items(meeting) if twice else 0
        htmls = recorded_renders(meeting)
        results: dict[str, list[dict]] = {"pack": [], "baseline": [], "rebuild": [], "merge": []}
        for number in range(rounds):
            # A, B in even rounds and B, A in odd ones: whatever the order itself costs (a slower second half of
            # a round, the heap a build leaves) falls on both alike.
            if number % 2:
                results["baseline"].append(round_baseline(htmls))
            results["pack"].append(round_pack(meeting))
            if not number % 2:
                results["baseline"].append(round_baseline(htmls))
            results["merge"].append(round_merge(meeting))
            results["rebuild"].append(round_rebuild(meeting, number))
            print(json.dumps({"round": number, **{k: v[-1] for k, v in results.items()}}), file=sys.stderr)
        extra_pages = round(pages_per_padding_appendix(meeting, extra), 2)
    pack, base = summary(results["pack"]), summary(results["baseline"])
    return {
        "extra_appendices": extra,
        "items_repeated": repeated,
        "pages": results["pack"][0]["pages"],
        "parts_rendered": results["pack"][0]["rendered"],
        "renders_in_baseline": results["baseline"][0]["renders"],
        "pack": pack,
        "baseline": base,
        "merge_all_cached": summary(results["merge"]),
        "rebuild": summary(results["rebuild"]),
        "rebuild_rendered": results["rebuild"][0]["rendered"],
        "largest_part_cpu_median": round(statistics.median(r["largest_part_cpu"] for r in results["baseline"]), 2),
        "ratio_pack_to_baseline": {
            f"{field}_of_medians": round(pack[field]["median"] / base[field]["median"], 3) for field in ("wall", "cpu")
        }
        | {f"{field}_per_round_median": _paired(results, field) for field in ("wall", "cpu")},
        "ratio_rebuild_to_pack": {
            field: round(summary(results["rebuild"])[field]["median"] / pack[field]["median"], 3)
            for field in ("wall", "cpu")
        },
        "extra_pages": extra_pages,
        "rounds": results,
    }


def _paired(results: dict, field: str) -> float:
    """The median of each round's own ratio (pack over the baseline run right after it)."""
    return round(
        statistics.median(p[field] / b[field] for p, b in zip(results["pack"], results["baseline"], strict=True)), 3
    )


def child_workers(extra: int, counts: list[int], rounds: int) -> dict:
    """Builds through Celery with N worker processes (one prefork worker, concurrency N) on a queue of our own."""
    queue = f"bench-pack-{uuid.uuid4().hex[:8]}"
    os.environ["CELERY_QUEUE"] = queue
    setup_django()
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis"):
        raise SystemExit("--workers needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    from committees import services
    from committees.models import BuildStatus
    from kcc_planning.celery import app

    app.conf.task_always_eager = False
    out: dict[str, list] = {}
    with fresh_database():
        meeting = prepare(extra)
        htmls = recorded_renders(meeting)
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}",
            "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT),
            "DJANGO_SETTINGS_MODULE": "kcc_planning.settings",
            "CELERY_QUEUE": queue,
        }
        for number in range(rounds):
            out.setdefault("baseline", []).append(round_baseline(htmls))
            out.setdefault("merge", []).append(round_merge(meeting))
            for count in counts:
                command = [str(Path(sys.executable).with_name("celery")), "-A", "kcc_planning", "worker", "-Q", queue]
                command += ["-c", str(count), "-n", f"{queue}-{count}@%h", "-l", "WARNING"]
                command += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
                worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
                try:
                    time.sleep(8)  # the worker's processes start and import Django before the clock starts
                    empty_part_cache()
                    started = time.perf_counter()
                    build = services.pack_build_request(meeting=meeting, requested_by=None)
                    while True:
                        build.refresh_from_db()
                        if build.is_finished:
                            break
                        time.sleep(0.1)
                    seconds = time.perf_counter() - started
                    assert build.status == BuildStatus.DONE, build.error
                    out.setdefault(f"workers_{count}", []).append(
                        {"wall": seconds, "parts": build.parts_total, "cpu": float("nan")}
                    )
                finally:
                    worker.terminate()
                    worker.wait(timeout=60)
                print(json.dumps({"round": number, count: seconds}), file=sys.stderr)
    base = summary(out["baseline"])
    result = {
        "queue": queue,
        "baseline": base,
        "merge_all_cached": summary(out["merge"]),
        "largest_part_cpu_median": round(statistics.median(r["largest_part_cpu"] for r in out["baseline"]), 2),
    }
    for count in counts:
        walls = [r["wall"] for r in out[f"workers_{count}"]]
        result[f"workers_{count}"] = {
            "wall_min": round(min(walls), 2),
            "wall_median": round(statistics.median(walls), 2),
            "ratio_to_baseline_wall_median": round(statistics.median(walls) / base["wall"]["median"], 3),
        }
    result["critical_path_cpu"] = round(
        result["largest_part_cpu_median"] + result["merge_all_cached"]["cpu"]["median"], 2
    )
    return result


def run_child(*args: str) -> dict:
    output = subprocess.run([sys.executable, __file__, *args], check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="Rounds of each mode (default 3).")
    parser.add_argument("--sizes", default="seed,double,twice", help="seed, double, twice (default: all three).")
    parser.add_argument("--double-extra", type=int, default=0, help="Padding of the double size (default: computed).")
    parser.add_argument("--workers", default="", help="Worker counts to measure, e.g. 1,2,4 (needs Redis, PostgreSQL).")
    parser.add_argument("--worker-rounds", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--extra", type=int, default=SEED_EXTRA, help=argparse.SUPPRESS)
    parser.add_argument("--twice", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "size":
        print(json.dumps(child_size(args.extra, args.rounds, args.twice)))
        return 0
    if args.child == "workers":
        counts = [int(n) for n in args.workers.split(",")]
        print(json.dumps(child_workers(args.extra, counts, args.worker_rounds)))
        return 0
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results: dict = {"started": started, "machine": machine()}
    sizes = args.sizes.split(",")
    if "seed" in sizes:
        results["seed"] = run_child("--child", "size", "--extra", str(SEED_EXTRA), "--rounds", str(args.rounds))
    if "double" in sizes:
        extra = args.double_extra or double_extra(results.get("seed"))
        results["double"] = run_child("--child", "size", "--extra", str(extra), "--rounds", str(args.rounds))
    if "twice" in sizes:
        twice = ("--child", "size", "--extra", str(SEED_EXTRA), "--twice", "--rounds", str(args.rounds))
        results["twice"] = run_child(*twice)
    for size in ("double", "twice"):
        if size in results and "seed" in results:
            results[f"{size}_over_seed"] = over_seed(results, size)
    if args.workers:
        results["workers"] = run_child(
            "--child", "workers", "--workers", args.workers, "--worker-rounds", str(args.worker_rounds)
        )
    with open("/proc/loadavg") as handle:
        results["load_average_at_end"] = handle.read().split()[:3]
    for size in ("seed", "double", "twice"):
        results.get(size, {}).pop("rounds", None) if not os.environ.get("BENCH_KEEP_ROUNDS") else None
    print(json.dumps(results, indent=2))
    return 0


def over_seed(results: dict, size: str) -> dict:
    """How much more the pack and WeasyPrint alone took at ``size`` than at the seed size (medians), and the pages."""
    grown = {
        mode: {
            field: round(results[size][mode][field]["median"] / results["seed"][mode][field]["median"], 3)
            for field in ("wall", "cpu")
        }
        for mode in ("pack", "baseline")
    }
    return grown | {"pages": round(results[size]["pages"] / results["seed"]["pages"], 3)}


def double_extra(seed: dict | None) -> int:
    """Padding that makes the pack about twice the seed pack's pages (each padding appendix is one demo plan)."""
    if seed is None:
        return SEED_EXTRA + 18  # a padding appendix prints 10.1 pages on average (``extra_pages`` of the seed size)
    return SEED_EXTRA + round(seed["pages"] / seed["extra_pages"])


if __name__ == "__main__":
    sys.exit(main())
