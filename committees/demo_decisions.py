"""The demo's decision cycle around the 8 January 2013 meeting (seed 001): the Forward Plan and three decisions.

Read from ``fixtures/decisions_2012_13.json``. Seed 001 gives the decisions' numbers, titles and the items they
rest on: B1 Annual Business Plans (12/01971, the annual key decision of paragraph 3.1), E1 the Kent and Medway BDUK
project (12/02003, exempt under paragraph 3) and F1 the sale of the former Hereson School (12/01882, a Cabinet
Member decision taken without going to the committee). The Forward Plan was published on 1 November 2012, more
than 28 clear days before each decision. The records' wording follows the cover reports in the seed; where the seed
is silent it is the demo's own.

The notices that the meeting would be held partly in private (E1) were given on 10 and 28 December 2012.

Loading again changes nothing: an entry or decision already there (by its number) is kept as people left it.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from plans.demo import FIXTURES_DIR
from plans.demo.files import DemoDataError
from plans.models import Plan

from .models import (
    AgendaItem,
    Appendix,
    AppendixKind,
    Committee,
    Decision,
    ForwardPlanEntry,
    ForwardPlanPublication,
    Meeting,
)
from .services.decisions import decision_publish, decision_record, forward_plan_entry_create, forward_plan_publish
from .services.notices import private_notice_give

FIXTURE = "decisions_2012_13.json"
DATES = {"expected_date", "taken_on", "published_on", "forward_plan_published_on"}


def _dated(spec: dict) -> dict:
    return {key: datetime.date.fromisoformat(value) if key in DATES else value for key, value in spec.items()}


def _item(meeting: Meeting | None, place: list) -> AgendaItem | None:
    if meeting is None:
        return None
    section, position = place
    return meeting.items.filter(section=section).order_by("position", "id")[position - 1 : position].first()


def _approved_plan(number: str) -> Plan | None:
    """The business plan whose annual approval entry ``number`` announces: the first plan sent as an appendix to
    the agenda item with that decision number (B1 Annual Business Plans carries the demo's divisional plans)."""
    appendix = (
        Appendix.objects.filter(kind=AppendixKind.PLAN_SNAPSHOT, paper__item__decision_number=number)
        .select_related("snapshot__plan")
        .order_by("paper__item__meeting__date", "paper__position", "position", "pk")
        .first()
    )
    return appendix.snapshot.plan if appendix is not None else None


def load(*, meeting: Meeting | None, stdout=None, fixtures_dir: Path | None = None) -> None:
    path = Path(fixtures_dir or FIXTURES_DIR) / FIXTURE
    if not path.is_file():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [_dated(spec) for spec in data["entries"]]
        decisions = [_dated(spec) for spec in data["decisions"]]
        published_on = datetime.date.fromisoformat(data["forward_plan_published_on"])
    except (KeyError, ValueError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{FIXTURE}: {error}") from error
    committee = meeting.committee if meeting is not None else Committee.objects.order_by("pk").first()
    made = 0
    for spec in entries:
        existing = ForwardPlanEntry.objects.filter(decision_number=spec["decision_number"]).first()
        if existing is None:
            plan = _approved_plan(spec["decision_number"])
            forward_plan_entry_create(values={"first_committee": committee, "plan": plan, **spec})
            made += 1
        elif existing.plan_id is None and existing.lock_version == 1:
            # Loaded before entries named the plan they approve (issue 13), and never edited since: name it now.
            # An entry that approves no plan is left as it is (setting None again would count as a change).
            plan = _approved_plan(spec["decision_number"])
            if plan is not None:
                made += ForwardPlanEntry.objects.filter(pk=existing.pk, lock_version=1, plan__isnull=True).update(
                    plan=plan
                )
    if not ForwardPlanPublication.objects.exists():
        forward_plan_publish(published_on=published_on, by=None)
    for spec in decisions:
        if Decision.objects.filter(number=spec["number"]).exists():
            continue
        values = {key: value for key, value in spec.items() if key not in {"item", "published_on"}}
        entry = ForwardPlanEntry.objects.get(decision_number=spec["number"])
        decision = decision_record(
            values=values
            | {"key_decision": True, "forward_plan_entry": entry, "agenda_item": _item(meeting, spec["item"])}
        )
        decision_publish(decision=decision, published_on=spec["published_on"])
        made += 1
    if meeting is not None and not meeting.private_notices.exists():
        # E1 is exempt, so the meeting was announced as partly private at 28 and at 5 clear days (regulation 5).
        for stage, given_on in (("first", datetime.date(2012, 12, 10)), ("final", datetime.date(2012, 12, 28))):
            private_notice_give(meeting=meeting, stage=stage, given_on=given_on)
            made += 1
    if stdout is not None:
        stdout.write(
            f"Loaded the Forward Plan and decisions ({made} records)."
            if made
            else "Kept the Forward Plan and decisions: already loaded."
        )
