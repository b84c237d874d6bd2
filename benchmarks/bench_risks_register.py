"""Response time of the register page and the heat map page for a register of 500 risks.

    .venv/bin/python benchmarks/bench_risks_register.py                 # fresh SQLite file database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcc_bench_risks \\
        .venv/bin/python benchmarks/bench_risks_register.py             # fresh test_kcc_bench_risks on PostgreSQL

Migrates a fresh database and builds a divisional register of 500 risks
(ratings spread over all 25 cells, one in ten "assessment in progress", two
owners, three controls, two actions and two reviews each). Signs a reader in
and times N requests (default 20, after 3 warm-ups) of each page through the
Django test client: routing, middleware, permission check, selectors, rating
and banding, template rendering. No network or browser time is included.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import time

from _django import fresh_database, machine, setup_django


def build_register(size: int):
    from plans.models import Directorate, Division, Person, PlanYear
    from risks.models import Control, Register, RegisterLevel, Review, Risk, RiskAction, RiskOwner

    year, _ = PlanYear.objects.get_or_create(start_year=2013)
    directorate = Directorate.objects.create(plan_year=year, name="Benchmark directorate")
    division = Division.objects.create(directorate=directorate, name="Benchmark division")
    register = Register.objects.create(
        level=RegisterLevel.DIVISION, plan_year=year, directorate=directorate, division=division
    )
    people = Person.objects.bulk_create(
        [Person(name=f"Owner {n}", job_title=f"Head of Service {n}") for n in range(20)]
    )
    risks = []
    for n in range(size):
        rated = n % 10 != 9
        likelihood, impact = n % 5 + 1, (n // 5) % 5 + 1
        risks.append(
            Risk(
                register=register,
                reference=f"BM{n + 1}",
                position=n + 1,
                title=f"Benchmark risk {n + 1}: failure to deliver a key service because of a shortage of staff",
                source_cause="A long-standing cause.\nAnd a second cause.",
                risk_events="Event one.\nEvent two.",
                consequences="Consequence one.\nConsequence two.",
                current_likelihood=likelihood if rated else None,
                current_impact=impact if rated else None,
                target_likelihood=max(1, likelihood - 1) if rated else None,
                target_impact=max(1, impact - 1) if rated else None,
                next_review_on=datetime.date(2013, 6, 30) if n % 7 == 0 else None,
            )
        )
    risks = Risk.objects.bulk_create(risks)
    RiskOwner.objects.bulk_create(
        [
            RiskOwner(risk=r, person=people[(i + k) % len(people)], position=k + 1)
            for i, r in enumerate(risks)
            for k in range(2)
        ]
    )
    Control.objects.bulk_create(
        [
            Control(risk=r, title=f"Control {k + 1} for {r.reference}", owner="Head of Internal Audit", position=k + 1)
            for r in risks
            for k in range(3)
        ]
    )
    RiskAction.objects.bulk_create(
        [
            RiskAction(
                risk=r,
                title=f"Action {k + 1}",
                owner="Director of ICT",
                due_text="March 2014",
                due_on=datetime.date(2014, 3, 31),
                position=k + 1,
            )
            for r in risks
            for k in range(2)
        ]
    )
    Review.objects.bulk_create(
        [
            Review(
                risk=r,
                reviewed_on=datetime.date(2013, 4 + k, 1),
                current_likelihood=r.current_likelihood,
                current_impact=r.current_impact,
                target_likelihood=r.target_likelihood,
                target_impact=r.target_impact,
                note="Quarterly review.",
            )
            for r in risks
            for k in range(2)
        ]
    )
    return register


def time_page(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(3):
        assert client.get(url).status_code == 200
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        response = client.get(url)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    timings.sort()
    return {
        "url": url,
        "median_ms": round(statistics.median(timings) * 1000, 1),
        "p90_ms": round(timings[max(int(len(timings) * 0.9) - 1, 0)] * 1000, 1),
        "min_ms": round(timings[0] * 1000, 1),
        "max_ms": round(timings[-1] * 1000, 1),
        "queries_per_request": len(queries),
        "response_bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--risks", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    with fresh_database() as vendor:
        register = build_register(args.risks)
        user = get_user_model().objects.create_user(username="bench-reader", password="bench-password-123")
        client = Client()
        client.force_login(user)
        result = {
            "risks": args.risks,
            "requests": args.requests,
            "register_page": time_page(client, reverse("risks:register_detail", args=[register.pk]), args.requests),
            "heat_map_page": time_page(client, reverse("risks:register_heatmap", args=[register.pk]), args.requests),
            "csv_export": time_page(client, reverse("risks:register_export_csv", args=[register.pk]), args.requests),
            "database": vendor,
            "machine": machine(),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
