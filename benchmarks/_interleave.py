"""Timing pages against a baseline page in one process: the common arguments, warm-ups, interleaved rounds, and
wall time beside this process's CPU time (on a shared machine wall time is mostly waiting for a CPU)."""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _django import machine


def page_arguments(doc: str) -> argparse.Namespace:
    """--directorates, --actions, --rounds and --requests, with ``doc`` as the help text."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--directorates", type=int, default=10)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=10, help="requests per page per round")
    return parser.parse_args()


def timed(client, url: str) -> tuple[float, float]:
    """One GET through the test client: (wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return time.perf_counter() - wall, time.process_time() - cpu


def queries(client, url: str) -> int:
    from django.db import connection

    counted = []
    with connection.execute_wrapper(lambda execute, sql, *rest: counted.append(sql) or execute(sql, *rest)):
        client.get(url)
    return len(counted)


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(round(len(ordered) * 0.95)) - 1)] * 1000, 1),
        "min_ms": round(ordered[0] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def interleave(client, urls: dict[str, str], *, rounds: int, requests: int, warmups: int = 2) -> dict:
    """Each page ``warmups`` times (templates, caches), then ``rounds`` rounds of ``requests`` requests to each page
    in turn, so every page sees the same machine load. {page name: {"wall": summary, "cpu": summary}}."""
    for url in urls.values():
        for _ in range(warmups):
            timed(client, url)
    samples = {name: {"wall": [], "cpu": []} for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            for _ in range(requests):
                wall, cpu = timed(client, url)
                samples[name]["wall"].append(wall)
                samples[name]["cpu"].append(cpu)
    return {name: {"wall": summary(values["wall"]), "cpu": summary(values["cpu"])} for name, values in samples.items()}


def print_result(args: argparse.Namespace, *, built: str, built_in: float, pages: dict, vendor: str, **more) -> None:
    """The run as JSON: what was built (the plans, then ``built``) and how long that took, the pages' timings, and
    ``more`` (queries, sizes)."""
    plans = f"{args.directorates} directorates × {args.actions} actions (+{args.actions // 10} milestones) × 4 quarters"
    result = {
        "data": plans + built,
        "built_in_s": round(built_in, 1),
        "rounds": args.rounds,
        "requests_per_round": args.requests,
        "pages": pages,
        **more,
        "database": vendor,
        "machine": machine(),
    }
    print(json.dumps(result, indent=2))
