"""Response time of the progress page (/plans/<id>/progress/<period>/) with 10 directorates × 300 actions × 4 periods.

    .venv/bin/python benchmarks/bench_progress.py                  # 3 interleaved rounds of 10 requests each
    .venv/bin/python benchmarks/bench_progress.py --rounds 5 --requests 20

Migrates a fresh database and builds plan year 2017-18 with 10 approved directorate plans, each with 300 actions
over 6 priorities (a third of them sub-actions) and 30 milestones, and an update for every action and milestone
in each of the 4 quarters (13,200 updates in all). Signed in as the first directorate's lead, it times the Q4
page with its form (every row editable), against the plan read view of the same plan as the baseline, interleaved
progress, read, progress, read… in one process after warm-ups, so both see the same machine load. Wall time
(``perf_counter``) and this process's CPU time (``process_time``) per request; queries per request are counted
for the 300-action plan and for a 30-action plan, to show they do not grow with the plan.
"""

from __future__ import annotations

import datetime
import time

from _django import fresh_database, setup_django
from _interleave import interleave, page_arguments, print_result, queries, summary

# bench_roll_forward and bench_council_view build their data with ``build`` (and once took ``summary`` from here).
__all__ = ["build", "summary"]

STATUSES = ["on_track", "on_track", "at_risk", "off_track", "complete", "not_started", "deferred"]


def build(*, directorates: int, actions: int, milestones: int, name: str = "Directorate"):
    from django.contrib.auth import get_user_model

    from plans.models import (
        Action,
        Directorate,
        Milestone,
        Person,
        Plan,
        PlanKind,
        PlanStatus,
        PlanYear,
        Priority,
        ProgressUpdate,
        ReportingPeriod,
    )
    from plans.periods import plan_year_periods

    year, _ = PlanYear.objects.get_or_create(start_year=2017)
    plans = []
    for number in range(directorates):
        directorate = Directorate.objects.create(plan_year=year, name=f"{name} {number + 1}")
        plan = Plan.objects.create(kind=PlanKind.DIRECTORATE, directorate=directorate, status=PlanStatus.APPROVED)
        priorities = [
            Priority.objects.create(plan=plan, title=f"Priority {index + 1}", position=index) for index in range(6)
        ]
        made = []
        for index in range(actions):
            priority = priorities[index * 6 // actions]
            parent = made[-1] if index % 3 == 2 and made[-1].priority_id == priority.pk else None
            made.append(
                Action.objects.create(
                    priority=priority,
                    parent=parent if parent is not None and parent.parent_id is None else None,
                    title=f"Action {index + 1}: deliver the next stage of the programme with partners",
                    accountable_officer="Paul Royel",
                    end_text="March 2018",
                    position=index,
                )
            )
        marks = [
            Milestone.objects.create(
                priority=priorities[index * 6 // milestones],
                title=f"Milestone {index + 1} agreed by DMT",
                due_text="September 2017",
                due_month=datetime.date(2017, 9, 1),
                position=index,
            )
            for index in range(milestones)
        ]
        updates = []
        for dates in plan_year_periods(start_year=2017, kind="quarter"):
            period = ReportingPeriod.objects.create(
                plan=plan,
                code=dates.code,
                kind=dates.kind,
                starts_on=dates.starts_on,
                ends_on=dates.ends_on,
                opens_on=dates.opens_on,
                closes_on=dates.closes_on,
            )
            for index, action in enumerate(made):
                updates.append(
                    ProgressUpdate(
                        period=period, action=action, status=STATUSES[index % 7], commentary="Progress as planned."
                    )
                )
            for milestone in marks:
                updates.append(ProgressUpdate(period=period, milestone=milestone, status="on_track"))
        ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
        plans.append(plan)
    user, _ = get_user_model().objects.get_or_create(username="bench-lead")
    person, _ = Person.objects.get_or_create(name="Bench Lead", user=user)
    plans[0].directorate.leads.add(person)
    return plans, user


def main() -> None:
    args = page_arguments(__doc__)
    setup_django()

    from django.test import Client
    from django.urls import reverse

    from plans.models import Plan, ProgressUpdate

    with fresh_database() as vendor:
        started = time.perf_counter()
        plans, user = build(directorates=args.directorates, actions=args.actions, milestones=args.actions // 10)
        built_in = time.perf_counter() - started
        small, _ = build(directorates=1, actions=30, milestones=3, name="Small directorate")
        client = Client()
        client.force_login(user)
        plan: Plan = plans[0]
        urls = {
            "progress": reverse("plans:progress_period", args=[plan.pk, "2017-Q4"]),
            "read (baseline)": reverse("plans:plan_read", args=[plan.pk]),
        }
        pages = interleave(client, urls, rounds=args.rounds, requests=args.requests)
        small_url = reverse("plans:progress_period", args=[small[0].pk, "2017-Q4"])
        page = client.get(urls["progress"])
        print_result(
            args,
            built="",
            built_in=built_in,
            pages=pages,
            vendor=vendor,
            updates=ProgressUpdate.objects.count(),
            queries={
                f"progress, {args.actions} actions": queries(client, urls["progress"]),
                "progress, 30 actions": queries(client, small_url),
                f"read, {args.actions} actions": queries(client, urls["read (baseline)"]),
            },
            progress_page_bytes=len(page.content),
        )


if __name__ == "__main__":
    main()
