"""Demo progress through the year: ``fixtures/progress_*.json``, a plan's quarterly updates as its officers wrote them.

Rows name actions by number ("2.3") and milestones by priority and letter ("2C"), as the plan prints them.
Progress is only ever recorded on an approved plan, so a plan the demo has not seen approved yet is
skipped with a note: approve it (the demo's path to approval) and run ``load_demo`` again. A plan that has
any progress already is kept as it is, so a second ``load_demo`` never overwrites what officers recorded.
Every row goes through ``progress_save``, so the fixtures obey the officers' rules (a slipped date says why).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from django.contrib.auth import get_user_model

from ..models import PROGRESS_STATUSES, Plan, ProgressUpdate
from ..progress.selectors import plan_period_get
from ..progress.services import RowInput, progress_save
from ..selectors import plan_priorities
from .files import DemoDataError

_MILESTONE = re.compile(r"^(\d+)([A-Z]+)$")


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&", "and")).strip().casefold()


def spec_plan(spec: dict) -> Plan | None:
    """The plan a demo file names by year, directorate and (for a divisional plan) division, if loaded."""
    start_year = int(str(spec["plan_year"])[:4])
    for plan in Plan.objects.filter(directorate__plan_year__start_year=start_year).select_related(
        "directorate__plan_year", "division"
    ):
        if _normal(plan.directorate.name) != _normal(spec["directorate"]):
            continue
        if _normal(plan.division.name if plan.division_id else "") == _normal(spec.get("division", "")):
            return plan
    return None


def _items(plan: Plan) -> dict[str, object]:
    """ "2.3" → action, "2C" → milestone C of priority 2."""
    items: dict[str, object] = {}
    for priority in plan_priorities(plan=plan):
        for top in priority.top_actions:
            for action in (top, *top.children):
                items[action.number] = action
        for milestone in priority.milestones.all():
            items[f"{priority.number}{milestone.letter}"] = milestone
    return items


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _rows(path: Path, items: dict, rows: list[dict]) -> list[RowInput]:
    inputs = []
    for row in rows:
        name = row.get("action") or row.get("milestone")
        item = items.get(name)
        if item is None or ("milestone" in row and not _MILESTONE.match(name)):
            raise DemoDataError(
                f"{path.name}: the plan has no {'milestone' if 'milestone' in row else 'action'} {name}"
            )
        inputs.append(
            RowInput(
                item=item,
                status=row["status"],
                commentary=row.get("commentary", ""),
                revised_date=_date(row.get("revised_date")),
                revised_reason=row.get("revised_reason", ""),
                achieved_on=_date(row.get("achieved_on")),
            )
        )
    return inputs


def progress_demo_load(*, fixtures_dir: Path, stdout=None) -> list[str]:
    """Load each progress fixture into its plan where it applies; returns what was done, one line each."""
    said = []
    for path in sorted(Path(fixtures_dir).glob("progress_*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        plan = spec_plan(spec)
        name = f"{spec.get('division') or spec['directorate']} {spec['plan_year']}"
        if plan is None:
            said.append(f"Progress for {name}: skipped, the plan is not loaded.")
        elif plan.status not in PROGRESS_STATUSES:
            said.append(
                f"Progress for {name}: not loaded yet, the plan is {plan.get_status_display().lower()}. "
                "Approve it, then run load_demo again to load its mid-year progress."
            )
        elif ProgressUpdate.objects.filter(period__plan=plan).exists():
            said.append(f"Progress for {name}: kept as recorded (already loaded or entered by officers).")
        else:
            user = get_user_model().objects.filter(username=spec.get("updated_by", "")).first()
            items = _items(plan)
            count = 0
            for code, rows in spec["periods"].items():
                period = plan_period_get(plan=plan, code=code)
                written = progress_save(
                    plan=plan, period_code=code, rows=_rows(path, items, rows), user=user, today=period.closes_on
                )
                count += len(written)
            said.append(f"Progress for {name}: loaded {count} updates for {', '.join(spec['periods'])}.")
        if stdout is not None:
            stdout.write(said[-1])
    return said
