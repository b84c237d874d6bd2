"""Time to roll a 300-action plan forward into next year (``plans.rollforward.plan_roll_forward``).

    .venv/bin/python benchmarks/bench_roll_forward.py              # 6 plans: 6 roll forwards, 6 baselines
    .venv/bin/python benchmarks/bench_roll_forward.py --plans 10 --actions 300

Migrates a fresh database and builds 2017-18 as ``bench_progress.py`` does (approved directorate plans with 300
actions, 30 milestones and an update for every item in each quarter, so about a seventh of the actions are
complete and stay behind), with 10 KPIs with actuals and a register of 10 risks each, and a 2018-19 structure
in which every directorate continues. Each plan is rolled forward once (a roll forward cannot be repeated),
interleaved with the baseline: reading the same plan into the document a snapshot freezes
(``plans.versions.plan_document_data``), the other whole-plan operation. Wall and CPU time per operation;
queries per roll forward for a 300-action and a 30-action plan.
"""

from __future__ import annotations

import argparse
import json
import time

from _django import fresh_database, machine, setup_django
from bench_council_view import add_kpis_and_risks
from bench_progress import build, summary


def next_year(plans) -> None:
    from plans.models import Directorate, PlanYear

    year, _ = PlanYear.objects.get_or_create(start_year=2018)
    for plan in plans:
        Directorate.objects.create(plan_year=year, name=plan.directorate.name, continues=plan.directorate)


def timed(operation) -> tuple[float, float, int]:
    from django.db import connection

    counted = []
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(lambda execute, sql, *rest: counted.append(sql) or execute(sql, *rest)):
        operation()
    return time.perf_counter() - wall, time.process_time() - cpu, len(counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=6)
    parser.add_argument("--actions", type=int, default=300)
    args = parser.parse_args()
    setup_django()

    from plans.models import PlanYear
    from plans.rollforward import plan_roll_forward
    from plans.versions import plan_document_data

    with fresh_database() as vendor:
        plans, user = build(directorates=args.plans, actions=args.actions, milestones=args.actions // 10)
        small, _ = build(directorates=1, actions=30, milestones=3, name="Small directorate")
        add_kpis_and_risks([*plans, *small])
        next_year([*plans, *small])
        year = PlanYear.objects.get(start_year=2018)
        plan_document_data(plan=small[0])  # warm-up
        samples = {"roll forward": {"wall": [], "cpu": []}, "plan document (baseline)": {"wall": [], "cpu": []}}
        query_counts = []
        carried = None
        for plan in plans:
            wall, cpu, counted = timed(lambda plan=plan: plan_document_data(plan=plan))
            samples["plan document (baseline)"]["wall"].append(wall)
            samples["plan document (baseline)"]["cpu"].append(cpu)
            result = {}
            wall, cpu, counted = timed(
                lambda plan=plan, result=result: result.update(
                    r=plan_roll_forward(plan=plan, plan_year=year, actor=user)
                )
            )
            samples["roll forward"]["wall"].append(wall)
            samples["roll forward"]["cpu"].append(cpu)
            query_counts.append(counted)
            carried = result["r"].summary
        _, _, small_queries = timed(lambda: plan_roll_forward(plan=small[0], plan_year=year, actor=user))
        output = {
            "data": f"{args.plans} approved plans × {args.actions} actions (+{args.actions // 10} milestones), 4 "
            "quarters of updates, 10 KPIs and 10 risks each",
            "what_one_roll_forward_did": carried,
            "operations": {
                name: {"wall": summary(values["wall"]), "cpu": summary(values["cpu"])}
                for name, values in samples.items()
            },
            "queries": {
                f"roll forward, {args.actions} actions": sorted(set(query_counts)),
                "roll forward, 30 actions": small_queries,
            },
            "database": vendor,
            "machine": machine(),
        }
    print(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
