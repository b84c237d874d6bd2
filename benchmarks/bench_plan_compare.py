"""Time to build the comparison of two versions of a 300-action plan (issue 5).

    .venv/bin/python benchmarks/bench_plan_compare.py                 # fresh SQLite file database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcc_bench \\
        .venv/bin/python benchmarks/bench_plan_compare.py             # fresh test_kcc_bench on PostgreSQL

Builds a divisional plan with 300 actions, then saves a second version that
changes 10 actions, removes 5 and adds 5 in one priority. Times (median of N
runs, default 15) the whole comparison the page and PDF use: rebuilding
version 1 from django-simple-history (``as_of``), serialising the current
plan, and matching and word-diffing every section; and, separately, the
diff alone on two ready documents.
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
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    setup_django()

    from sample_plans import build_action_heavy_plan

    from plans.comparison import compare_documents, plan_comparison
    from plans.services import RowInput, priority_save
    from plans.versions import document_for_token, plan_document_data

    with fresh_database() as vendor:
        plan = build_action_heavy_plan(actions=args.actions, division_name="Benchmark division")
        # Make version 1 a real history entry, as an officer's first save would.
        plan.save()
        first_version = plan.lock_version
        priority = plan.priorities.order_by("position").first()
        actions = list(priority.actions.order_by("position", "id"))
        rows = []
        for index, action in enumerate(actions):
            values = {
                "title": action.title + (" (revised)" if index < 10 else ""),
                "sub_action": action.parent_id is not None,
                "accountable_officer": action.accountable_officer,
                "start_text": action.start_text,
                "end_text": action.end_text,
            }
            removing = len(actions) - 5 <= index and action.parent_id is not None
            rows.append(RowInput(id=action.pk, values=values, delete=removing))
        rows += [
            RowInput(
                id=None,
                values={
                    "title": f"New action {n}",
                    "sub_action": True,
                    "accountable_officer": "A N Other",
                    "start_text": "April 2013",
                    "end_text": "March 2014",
                },
            )
            for n in range(5)
        ]
        priority_save(
            priority=priority,
            title=priority.title,
            description=priority.description,
            actions=rows,
            milestones=[],
            key_decisions=[],
        )
        plan.refresh_from_db()

        context = plan_comparison(plan, f"v{first_version}", "current")
        changes = context["change_count"]
        whole, diff_only = [], []
        before = document_for_token(plan=plan, token=f"v{first_version}")[0]
        after = plan_document_data(plan=plan)
        for _ in range(args.runs):
            started = time.perf_counter()
            plan_comparison(plan, f"v{first_version}", "current")
            whole.append(time.perf_counter() - started)
            started = time.perf_counter()
            compare_documents(before, after)
            diff_only.append(time.perf_counter() - started)
        print(
            json.dumps(
                {
                    "benchmark": "plan version comparison",
                    "database": vendor,
                    "actions": sum(len(p["actions"]) for p in before["priorities"]),
                    "changes_found": changes,
                    "runs": args.runs,
                    "median_seconds_whole_comparison": round(statistics.median(whole), 4),
                    "median_seconds_diff_only": round(statistics.median(diff_only), 4),
                    "machine": machine(),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
