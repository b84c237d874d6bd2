"""The monitoring report of a plan for a reporting period, as one plain JSON document (issue 12).

Mid-year and year-end monitoring as the council presents it to Cabinet Committee: headline counts
by status, then per priority the actions with their status, commentary and slipped dates, the
milestones due and achieved, then the plan's KPIs (performance) and the unit's risks (risks), both
through ``plans.extensions``. Every figure is counted from the rows here, never typed.

The document is JSON from the start (dates as ISO text), so the live page, the PDF and an agenda
appendix frozen when its pack was built (committees/monitoring.py) are drawn from the same shape by
the same templates: ``monitoring_report_context`` turns any of them into what the templates show.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils import timezone

from .. import extensions
from ..models import Plan, ProgressStatus, Rag, ReportingPeriod
from ..periods import period_label
from ..progress.selectors import plan_progress

VERSION = 1
NOT_REPORTED = "not_reported"
NOT_REPORTED_LABEL = "No progress reported"


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _status(row) -> dict:
    """An item's status words and colour key, commentary and slipped date, from its latest word by this period."""
    update = row.current
    if update is None:
        return {
            "status": NOT_REPORTED,
            "status_label": NOT_REPORTED_LABEL,
            "rag": Rag.NONE.value,
            "rag_label": Rag.NONE.label,
            "tag": "govuk-tag--grey",
            "commentary": "",
            "reported_for": "",
            "this_period": False,
            "revised_date": "",
            "revised_reason": "",
            "slipped": False,
        }
    status = ProgressStatus(update.status)
    return {
        "status": status.value,
        "status_label": status.label,
        "rag": status.rag.value,
        "rag_label": status.rag.label,
        "tag": status.tag_class,
        "commentary": update.commentary,
        "reported_for": period_label(update.period.code),
        "this_period": row.updated,
        "revised_date": _iso(update.revised_date),
        "revised_reason": update.revised_reason,
        "slipped": update.revised_date is not None,
    }


def stage_name(ends_on: datetime.date) -> str:
    """The name the council gives the report: mid-year at the end of September, year-end at the end of March."""
    return {9: "Mid-Year", 3: "Year-End"}.get(ends_on.month, "")


def monitoring_report_read(*, plan: Plan, period: ReportingPeriod, today: datetime.date | None = None) -> dict:
    """The report of ``plan`` for one of its reporting periods (``report_period``) as JSON.

    Overdue is judged as at the end of the period, or today while the period is still running, so the
    report of a closed period reads the same whenever it is produced. A fixed number of queries.
    """
    today = today or timezone.localdate()
    as_at = min(today, period.ends_on)
    progress = plan_progress(plan=plan, period=period, as_of=as_at)
    by_priority: dict[int, dict[str, list]] = {p.pk: {"actions": [], "milestones": []} for p in progress.priorities}
    action_counts: Counter = Counter()
    milestone_counts: Counter = Counter()
    totals: Counter = Counter()
    for row in progress.rows():
        item = row.item
        status = _status(row)
        if row.kind == "action":
            printed = {
                "key": f"action:{item.pk}",
                "number": item.number,
                "title": item.title,
                "officer": item.accountable_officer,
                "start": item.start_text,
                "end": item.end_text,
                "sub": "." in item.number,
                **status,
            }
            action_counts[printed["status"]] += 1
            totals["actions"] += 1
            totals["slipped_actions"] += printed["slipped"]
            totals["actions_updated"] += row.updated
            by_priority[item.priority_id]["actions"].append(printed)
            continue
        achieved = row.current.achieved_on if row.current is not None else None
        due_by_end = bool(row.due_date and row.due_date <= period.ends_on)
        printed = {
            "key": f"milestone:{item.pk}",
            "letter": item.letter,
            "action_number": item.action_number or "",
            "title": item.title,
            "due": item.due_text,
            "due_by": _iso(row.due_date),
            "achieved_on": _iso(achieved),
            "due_by_period_end": due_by_end,
            "overdue": row.overdue,
            **status,
        }
        milestone_counts[printed["status"]] += 1
        totals["milestones"] += 1
        totals["milestones_due"] += due_by_end
        totals["milestones_due_achieved"] += bool(due_by_end and achieved)
        totals["milestones_achieved_in_period"] += bool(achieved and period.starts_on <= achieved <= period.ends_on)
        totals["milestones_overdue"] += row.overdue
        totals["slipped_milestones"] += printed["slipped"]
        totals["milestones_updated"] += row.updated
        by_priority[item.priority_id]["milestones"].append(printed)
    statuses = [(status.value, status.label, status.rag.value, status.tag_class) for status in ProgressStatus]
    statuses.append((NOT_REPORTED, NOT_REPORTED_LABEL, Rag.NONE.value, "govuk-tag--grey"))
    return {
        "version": VERSION,
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "unit_name": plan.unit_name,
            "kind": plan.kind,
            "directorate": plan.directorate.name,
            "year": plan.plan_year.label,
        },
        "period": {
            "code": period.code,
            "label": period_label(period.code),
            "starts_on": _iso(period.starts_on),
            "ends_on": _iso(period.ends_on),
            "stage": stage_name(period.ends_on),
        },
        "as_at": _iso(as_at),
        "produced_on": _iso(today),
        "status_counts": [
            {
                "status": value,
                "label": label,
                "rag": rag,
                "rag_label": Rag(rag).label,
                "tag": tag,
                "actions": action_counts[value],
                "milestones": milestone_counts[value],
            }
            for value, label, rag, tag in statuses
        ],
        "totals": dict(totals),
        "priorities": [
            {"number": priority.number, "title": priority.title, **by_priority[priority.pk]}
            for priority in progress.priorities
        ],
        "sections": extensions.monitoring_sections_frozen(plan=plan, period=period),
    }


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def summary_lines(document: dict) -> list[str]:
    """The headline in words, counted from the document (the officer's opening paragraph, never typed)."""
    totals = Counter(document["totals"])
    ends_on = _date(document["period"]["ends_on"])
    lines = []
    by_status = [f"{row['actions']} {row['label'].lower()}" for row in document["status_counts"] if row["actions"]]
    if totals["actions"]:
        line = f"The plan has {_plural(totals['actions'], 'action')}: {_listed(by_status)}."
        slipped = totals["slipped_actions"]
        if slipped:
            line += f" {_plural(slipped, 'action')} now {_verb(slipped, 'has', 'have')} a revised date."
        lines.append(line)
    else:
        lines.append("The plan has no actions.")
    if totals["milestones"]:
        achieved, overdue = totals["milestones_due_achieved"], totals["milestones_overdue"]
        lines.append(
            f"{achieved} of the {_plural(totals['milestones_due'], 'milestone')} due by {ends_on:%-d %B %Y} "
            f"{_verb(achieved, 'has', 'have')} been achieved ({totals['milestones_achieved_in_period']} during the "
            f"period); {_plural(overdue, 'milestone')} {_verb(overdue, 'is', 'are')} overdue."
        )
    return lines


def monitoring_report_context(document: dict) -> dict:
    """What the page and print templates show, from a live or frozen document: dates as dates, parts thawed."""
    period = document["period"]
    priorities = [
        {
            **priority,
            "actions": [{**row, "revised_date": _date(row["revised_date"])} for row in priority["actions"]],
            "milestones": [
                {
                    **row,
                    "revised_date": _date(row["revised_date"]),
                    "due_by": _date(row["due_by"]),
                    "achieved_on": _date(row["achieved_on"]),
                }
                for row in priority["milestones"]
            ],
        }
        for priority in document["priorities"]
    ]
    totals = Counter(document["totals"])
    return {
        "report": document,
        "report_plan": document["plan"],
        "period": {**period, "starts_on": _date(period["starts_on"]), "ends_on": _date(period["ends_on"])},
        "as_at": _date(document["as_at"]),
        "produced_on": _date(document["produced_on"]),
        # The statuses something has, in the order of the status list.
        "status_counts": [row for row in document["status_counts"] if row["actions"] or row["milestones"]],
        "totals": totals,
        "summary_lines": summary_lines(document),
        "priorities": priorities,
        "sections": extensions.monitoring_sections_thawed(document["sections"]),
    }
