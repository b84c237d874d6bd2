"""The data of the load test (benchmarks/bench_load.py), built in a process of its own on the new database.

    DATABASE_URL=... .venv/bin/python benchmarks/load_seed.py --actions 300 --users-per-role 3

Loads the demo (``load_demo``), a divisional plan of ``--actions`` actions (benchmarks/sample_plans.py),
``--users-per-role`` users of each role with one known password, and a publication record of the demo meeting's
agenda (the public meeting page reads the record, not the pack file, so no pack is rendered). Prints the ids
benchmarks/locustfile.py reads from the environment, as JSON on the last line.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os

from _django import setup_django

PASSWORD = "load-test-password-2026"
# Roles the users are spread over besides the council-wide groups: (name, group, officer of the big plan's division).
ROLES = (("reader", None, False), ("officer", None, True))


def seed(*, actions: int, users_per_role: int) -> dict:
    """Inside a Django process on the new database: demo, the big plan, users, a publication; the ids as a dict."""
    # The demo's own pack would be rendered and published by load_demo; a publication record stands in for it.
    os.environ.setdefault("DJANGO_DEMO_PUBLISH_PACK", "false")
    setup_django()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone
    from sample_plans import build_action_heavy_plan

    from committees.models import BuildStatus, Meeting, PackBuild
    from committees.selectors import agenda
    from kcc_planning.roles import Role
    from performance.models import Kpi
    from plans.models import Person
    from risks.models import Register

    call_command("load_demo", stdout=io.StringIO())
    plan = build_action_heavy_plan(actions=actions, division_name="Load test division")
    register = Register.objects.annotate(n=Count("risks")).order_by("-n", "pk").first()
    dashboard_plan_id = Kpi.objects.values("plan").annotate(n=Count("pk")).order_by("-n")[0]["plan"]
    meeting = Meeting.objects.get(date=datetime.date(2013, 1, 8))  # the seed pack's meeting
    numbers = [entry.number for entry in agenda(meeting=meeting)]
    now = timezone.now()
    PackBuild.objects.create(
        meeting=meeting,
        status=BuildStatus.DONE,
        progress=100,
        ranges={number: [index + 1, index + 1] for index, number in enumerate(numbers)},
        finished_at=now,
        published_at=now,
        published_on=now.date(),
        version=1,
    )
    hashed = make_password(PASSWORD)  # hashed once: Argon2 on every user would only slow the set-up down
    roles = [*ROLES, *((role.name.lower(), role, False) for role in Role if role is not Role.ADMINISTRATOR)]
    usernames = []
    for name, group, officer in roles:
        for index in range(users_per_role):
            user = get_user_model().objects.create(username=f"load_{name}_{index}", password=hashed)
            if group is not None:
                user.groups.add(Group.objects.get_or_create(name=group.value)[0])
            if officer:
                plan.division.officers.add(Person.objects.create(user=user, name=f"Load {name} {index}"))
            usernames.append(user.username)
    return {
        "LOAD_PLAN_ID": plan.pk,
        "LOAD_REGISTER_ID": register.pk,
        "LOAD_DASHBOARD_PLAN_ID": dashboard_plan_id,
        "LOAD_MEETING_ID": meeting.pk,
        "LOAD_USERNAMES": ",".join(usernames),
        "LOAD_PASSWORD": PASSWORD,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--users-per-role", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(seed(actions=args.actions, users_per_role=args.users_per_role)))
