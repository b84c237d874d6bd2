"""Response time of the council-wide view (/plans/council/) with 10 directorates × 300 actions × 4 periods.

    .venv/bin/python benchmarks/bench_council_view.py                  # 3 interleaved rounds of 10 requests each
    .venv/bin/python benchmarks/bench_council_view.py --rounds 5 --requests 20

Migrates a fresh database and builds plan year 2017-18 as ``bench_progress.py`` does (10 approved directorate
plans, each with 300 actions, 30 milestones and an update for every action and milestone in each of the 4
quarters), then gives each plan 10 KPIs with Q1-Q2 actuals (a third of them red) and a directorate register of
10 risks (half of them high and not reviewed since April), so every kind of exception is found. Signed in as
a member of staff, it times the council-wide page against the plan list page as the baseline, interleaved
council, list, council, list… after warm-ups, so both see the same machine load. Wall time (``perf_counter``)
and this process's CPU time (``process_time``) per request. Queries are counted for the page with one small
directorate and again with the whole council, to show they do not grow with the data.
"""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

from _django import fresh_database, setup_django
from _interleave import interleave, page_arguments, print_result, queries, timed
from bench_progress import build


def add_kpis_and_risks(plans) -> None:
    from django.utils import timezone

    from performance.models import Kpi, KpiActual
    from performance.services import period_get_or_create
    from risks.models import Register, RegisterLevel, Review, Risk

    periods = [period_get_or_create(code=code) for code in ("2017-Q1", "2017-Q2")]
    entered = timezone.now()
    for plan in plans:
        kpis = Kpi.objects.bulk_create(
            [
                Kpi(
                    plan=plan,
                    reference=f"K{index:02d}",
                    description=f"Percentage of requests answered on time ({index})",
                    floor_status="value",
                    floor=Decimal(90),
                    target_status="value",
                    target=Decimal(95),
                    position=index,
                )
                for index in range(10)
            ]
        )
        KpiActual.objects.bulk_create(
            [
                KpiActual(kpi=kpi, period=period, value=Decimal(80 if index % 3 == 0 else 96), entered_at=entered)
                for index, kpi in enumerate(kpis)
                for period in periods
            ]
        )
        register = Register.objects.create(
            level=RegisterLevel.DIRECTORATE, plan_year=plan.directorate.plan_year, directorate=plan.directorate
        )
        risks = Risk.objects.bulk_create(
            [
                Risk(
                    register=register,
                    reference=f"R{index}",
                    title=f"Risk {index}",
                    current_likelihood=5 if index % 2 else 2,
                    current_impact=4,
                    position=index,
                )
                for index in range(10)
            ]
        )
        Review.objects.bulk_create(
            [
                Review(risk=risk, reviewed_on=datetime.date(2017, 4, 1), current_likelihood=5, current_impact=4)
                for risk in risks
            ]
        )


def main() -> None:
    args = page_arguments(__doc__)
    setup_django()

    from django.test import Client
    from django.urls import reverse

    from plans.models import Action, ProgressUpdate

    with fresh_database() as vendor:
        small, user = build(directorates=1, actions=30, milestones=3, name="Small directorate")
        add_kpis_and_risks(small)
        client = Client()
        client.force_login(user)
        urls = {
            "council": reverse("plans:council_view") + "?year=2017",
            "plan list (baseline)": reverse("plans:plan_list"),
        }
        timed(client, urls["council"])
        small_queries = queries(client, urls["council"])
        started = time.perf_counter()
        plans, _ = build(directorates=args.directorates, actions=args.actions, milestones=args.actions // 10)
        add_kpis_and_risks(plans)
        built_in = time.perf_counter() - started
        pages = interleave(client, urls, rounds=args.rounds, requests=args.requests)
        page = client.get(urls["council"])
        print_result(
            args,
            built=", 10 KPIs and 10 risks each, plus one small directorate",
            built_in=built_in,
            pages=pages,
            vendor=vendor,
            actions=Action.objects.count(),
            updates=ProgressUpdate.objects.count(),
            queries={
                "council, 1 small directorate": small_queries,
                f"council, {args.directorates + 1} directorates": queries(client, urls["council"]),
            },
            council_page_bytes=len(page.content),
        )


if __name__ == "__main__":
    main()
