"""Response time and query count of the performance dashboard for 300 KPIs × 12 monthly periods.

    .venv/bin/python benchmarks/bench_performance_dashboard.py               # fresh SQLite file database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcc_bench_perf \\
        .venv/bin/python benchmarks/bench_performance_dashboard.py           # fresh test_kcc_bench_perf on PostgreSQL
    .venv/bin/python benchmarks/bench_performance_dashboard.py --pdf         # also time the dashboard PDF once

Migrates a fresh database and builds a 2017-18 directorate plan with 300
monthly KPIs (percentages, counts, money and days, both polarities, each
linked to two of 11 priorities) and 12 actuals each (3,600 actuals), plus 20
activity indicators with four quarters of actuals. Signs a reader in and
times N requests (default 20, after 3 warm-ups) of the dashboard at March 2018,
so every KPI shows a full year's trend chart: URL routing, middleware,
permission check, selectors (RAG, direction, trend), SVG and template
rendering through the Django test client. No network or browser time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from decimal import Decimal

from _django import fresh_database, machine, setup_django

UNITS = (("percentage", 90, 95), ("count", 1000, 1200), ("money", 6_500_000, 8_000_000), ("days", 35, 28))


def build(kpi_count: int, activity_count: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from performance import periods
    from performance.models import ActivityActual, ActivityIndicator, Kpi, KpiActual
    from performance.services import period_get_or_create
    from plans.models import Directorate, Plan, PlanKind, PlanYear, Priority

    year = PlanYear.objects.create(start_year=2017)
    directorate = Directorate.objects.create(plan_year=year, name="Benchmark directorate")
    plan = Plan.objects.create(kind=PlanKind.DIRECTORATE, directorate=directorate)
    priorities = Priority.objects.bulk_create(
        [Priority(plan=plan, title=f"Priority {n}", position=n) for n in range(1, 12)]
    )
    kpis = []
    for n in range(kpi_count):
        unit, floor, target = UNITS[n % len(UNITS)]
        polarity = "lower" if unit == "days" else "higher"
        kpis.append(
            Kpi(
                plan=plan,
                position=n,
                reference=f"BK{n:03d}",
                description=f"Benchmark indicator {n} measured monthly",
                unit=unit,
                polarity=polarity,
                frequency="monthly",
                floor_status="value",
                floor=Decimal(floor),
                target_status="value",
                target=Decimal(target),
                previous_status="value",
                previous=Decimal(target),
            )
        )
    kpis = Kpi.objects.bulk_create(kpis)
    links = Kpi.priorities.through
    links.objects.bulk_create(
        [links(kpi_id=k.pk, priority_id=priorities[i % 11].pk) for i, k in enumerate(kpis)]
        + [links(kpi_id=k.pk, priority_id=priorities[(i + 3) % 11].pk) for i, k in enumerate(kpis)]
    )
    months = [period_get_or_create(code=spec.code) for spec in periods.months_of(2017)]
    now = timezone.now()
    actuals = []
    for i, kpi in enumerate(kpis):
        for m, month in enumerate(months):
            swing = Decimal((i * 7 + m * 13) % 21 - 10) / 100  # ±10% around the target, deterministic
            actuals.append(
                KpiActual(kpi=kpi, period=month, value=(kpi.target * (1 + swing)).quantize(Decimal(1)), entered_at=now)
            )
    KpiActual.objects.bulk_create(actuals, batch_size=1000)
    indicators = ActivityIndicator.objects.bulk_create(
        [
            ActivityIndicator(
                plan=plan,
                position=n,
                reference=f"BA{n:02d}",
                description=f"Benchmark activity {n}",
                unit="count",
                q1_lower=100,
                q1_upper=200,
                q2_lower=100,
                q2_upper=200,
                q3_lower=100,
                q3_upper=200,
                q4_lower=100,
                q4_upper=200,
            )
            for n in range(activity_count)
        ]
    )
    quarters = [period_get_or_create(code=spec.code) for spec in periods.quarters_of(2017)]
    ActivityActual.objects.bulk_create(
        [
            ActivityActual(indicator=a, period=q, value=150 + n, entered_at=now)
            for a in indicators
            for n, q in enumerate(quarters)
        ]
    )
    user = get_user_model().objects.create_user(username="bench-reader", password="bench-password-123")
    return plan, user, len(actuals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kpis", type=int, default=300)
    parser.add_argument("--activity", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--period", default="2018-M03")
    parser.add_argument("--pdf", action="store_true", help="Also render the dashboard PDF once and time it.")
    args = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    with fresh_database() as vendor:
        started = time.perf_counter()
        plan, user, actual_count = build(args.kpis, args.activity)
        build_seconds = time.perf_counter() - started
        client = Client()
        client.force_login(user)
        url = f"{reverse('performance:dashboard', args=[plan.pk])}?period={args.period}"
        for _ in range(3):
            assert client.get(url).status_code == 200
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.count(b"<svg") == args.kpis + args.activity
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        timings.sort()
        result = {
            "url": url,
            "kpis": args.kpis,
            "kpi_actuals": actual_count,
            "activity_indicators": args.activity,
            "requests": args.requests,
            "median_ms": round(statistics.median(timings) * 1000, 1),
            "p90_ms": round(timings[int(len(timings) * 0.9) - 1] * 1000, 1),
            "min_ms": round(timings[0] * 1000, 1),
            "max_ms": round(timings[-1] * 1000, 1),
            "queries_per_request": len(queries),
            "response_bytes": len(response.content),
            "setup_seconds": round(build_seconds, 1),
            "database": vendor,
            "machine": machine(),
        }
        if args.pdf:
            from io import BytesIO

            from pypdf import PdfReader

            from documents.pdf import html_to_pdf
            from performance import periods
            from performance.documents import dashboard_html

            started = time.perf_counter()
            pdf = html_to_pdf(dashboard_html(plan, periods.parse(args.period)))
            result["pdf_seconds"] = round(time.perf_counter() - started, 1)
            result["pdf_pages"] = len(PdfReader(BytesIO(pdf)).pages)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
