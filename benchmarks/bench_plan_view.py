"""Median response time of the plan read view (/plans/<id>/read/) for a plan with 300 actions.

    .venv/bin/python benchmarks/bench_plan_view.py                 # fresh SQLite file database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcc_bench \\
        .venv/bin/python benchmarks/bench_plan_view.py             # fresh test_kcc_bench on PostgreSQL

Migrates a fresh database, builds a divisional plan with 300 actions over 6
priorities (a third of them sub-actions, a milestone per priority), signs a
reader in and times N requests (default 30, after 3 warm-ups) through the
Django test client: URL routing, middleware, permission check, selectors,
template rendering. No network or browser time is included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _django import fresh_database, machine, setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from sample_plans import build_action_heavy_plan

    with fresh_database() as vendor:
        plan = build_action_heavy_plan(actions=args.actions, division_name="Benchmark division")
        user = get_user_model().objects.create_user(username="bench-reader", password="bench-password-123")
        client = Client()
        client.force_login(user)
        url = reverse("plans:plan_read", args=[plan.pk])
        for _ in range(3):
            assert client.get(url).status_code == 200
        # Counted with an execute wrapper: the query log is reset by the request_started signal.
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
            response = client.get(url)
        assert response.status_code == 200
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        timings.sort()
        result = {
            "url": url,
            "actions": args.actions,
            "requests": args.requests,
            "median_ms": round(statistics.median(timings) * 1000, 1),
            "p90_ms": round(timings[int(len(timings) * 0.9) - 1] * 1000, 1),
            "min_ms": round(timings[0] * 1000, 1),
            "max_ms": round(timings[-1] * 1000, 1),
            "queries_per_request": len(queries),
            "response_bytes": len(response.content),
            "database": vendor,
            "machine": machine(),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
