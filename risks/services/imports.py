"""Loading registers from structured data: the council's published registers and the 2013-14 plans' section E.

Both are idempotent: a risk whose reference is already in the register is
left as it is (it may have been reviewed since), so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from plans.models import Directorate, Division, Person, PlanYear

from ..models import Register, RegisterLevel
from .ratings import Ratings
from .registers import register_create
from .risks import ActionInput, ControlInput, OwnerInput, RiskDetails, risk_create


def _normalise_name(text: str) -> str:
    """Names as officers write them vary: "Governance & Law", "Governance and Law", "Director of Governance & Law"."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = [word for word in text.split() if word not in {"of", "the"}]
    return " ".join(words)


def person_for_role(role: str, *, people: dict[str, Person] | None = None) -> Person:
    """The person whose job title or name matches ``role``; a new person named after the role if there is none.

    Registers name owners by role ("Head of Business Intelligence"), so the role is the person's name until
    someone links it to a named officer in the admin.
    """
    key = _normalise_name(role)
    if people is not None and key in people:
        return people[key]
    everyone = list(Person.objects.all())
    exact = [p for p in everyone if key in {_normalise_name(p.job_title), _normalise_name(p.name)}]
    # Registers sometimes shorten a title ("Director of Property & Infrastructure" for "... Support").
    shortened = [p for p in everyone if p.job_title and _normalise_name(p.job_title).startswith(key + " ")]
    if exact:
        person = exact[0]
    elif len(shortened) == 1:
        person = shortened[0]
    else:
        person = Person.objects.create(name=role.strip())
    if people is not None:
        people[key] = person
    return person


def _find_directorate(*, plan_year: PlanYear, name: str) -> Directorate | None:
    key = _normalise_name(name)
    for directorate in Directorate.objects.filter(plan_year=plan_year):
        if key in {_normalise_name(directorate.name), _normalise_name(directorate.short_name or "")}:
            return directorate
    return None


def _find_division(*, directorate: Directorate, name: str) -> Division | None:
    key = _normalise_name(name)
    return next((d for d in directorate.divisions.all() if _normalise_name(d.name) == key), None)


@dataclass
class ImportResult:
    register: Register | None
    created: list[str]
    kept: list[str]


def _lines(value) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    return str(value or "")


def _pair(value) -> tuple[int | None, int | None]:
    return (value[0], value[1]) if value else (None, None)


def _register_for(
    *, level: str, directorate: Directorate | None, division: Division | None, plan_year: PlanYear, meta: dict
) -> Register:
    registers = Register.objects.filter(level=level)
    if level == RegisterLevel.DIVISION:
        existing = registers.filter(division=division).first()
    elif level == RegisterLevel.DIRECTORATE:
        existing = registers.filter(directorate=directorate).first()
    else:
        existing = registers.filter(plan_year=plan_year).first()
    if existing is not None:
        return existing
    return register_create(
        level=level,
        plan_year=plan_year,
        directorate=directorate,
        division=division,
        title=meta.get("title", ""),
        as_at=meta.get("as_at", ""),
        status_note=meta.get("status_note", ""),
        note=meta.get("note", ""),
    )


@transaction.atomic
def register_import(*, data: dict, say: Callable[[str], None] = lambda message: None) -> ImportResult:
    """Load a register in the fixture format (see ``fixtures/risks_bss_directorate_register_2012.json``)."""
    meta = data["register"]
    plan_year = PlanYear.objects.filter(start_year=meta["plan_year"]).first()
    if plan_year is None:
        say(f"Skipped {meta.get('title', 'register')}: there is no plan year {meta['plan_year']}.")
        return ImportResult(None, [], [])
    directorate = division = None
    if meta["level"] != RegisterLevel.CORPORATE:
        directorate = _find_directorate(plan_year=plan_year, name=meta["directorate"])
        if directorate is None:
            say(f"Skipped {meta.get('title', 'register')}: no directorate {meta['directorate']!r} in {plan_year}.")
            return ImportResult(None, [], [])
    if meta["level"] == RegisterLevel.DIVISION:
        division = _find_division(directorate=directorate, name=meta["division"])
        if division is None:
            say(f"Skipped {meta.get('title', 'register')}: no division {meta['division']!r} in {directorate}.")
            return ImportResult(None, [], [])
    register = _register_for(
        level=meta["level"], directorate=directorate, division=division, plan_year=plan_year, meta=meta
    )
    reviewed_on = datetime.date.fromisoformat(data["reviewed_on"])
    people: dict[str, Person] = {}
    existing = set(register.risks.values_list("reference", flat=True))
    created, kept = [], []
    for item in data["risks"]:
        if item["reference"] in existing:
            kept.append(item["reference"])
            continue
        current, target = _pair(item.get("current")), _pair(item.get("target"))
        risk_create(
            register=register,
            details=RiskDetails(
                reference=item["reference"],
                title=item["title"],
                source_cause=_lines(item.get("source_cause")),
                risk_events=_lines(item.get("risk_events")),
                consequences=_lines(item.get("consequences")),
                owners=[
                    OwnerInput(person=person_for_role(role, people=people), role=role)
                    for role in item.get("owners", [])
                ],
                controls=[ControlInput(title=c["title"], owner=c.get("owner", "")) for c in item.get("controls", [])],
                actions=[
                    ActionInput(title=a["title"], owner=a.get("owner", ""), due_text=a.get("due", ""))
                    for a in item.get("actions", [])
                ],
            ),
            ratings=Ratings(current[0], current[1], target[0], target[1]),
            reviewed_on=reviewed_on,
            review_note=data.get("review_note", ""),
        )
        created.append(item["reference"])
    say(f"{register}: {len(created)} risks added, {len(kept)} already there.")
    return ImportResult(register, created, kept)


@dataclass(frozen=True)
class SectionERow:
    """One row of a 2013-14 plan's RISKS | MITIGATION table."""

    risk: str
    mitigation: str


def _title_key(text: str) -> str:
    return " ".join(text.split()).lower()


@transaction.atomic
def section_e_import(
    *, register: Register, rows: Sequence[SectionERow], prefix: str, reviewed_on: datetime.date, note: str = ""
) -> ImportResult:
    """Turn a plan's simple risk/mitigation table into register entries.

    Each risk becomes a register risk (title = the risk text) with the
    mitigation as its control. The plans gave no ratings, so the risks start
    as "assessment in progress". A risk whose text is already in the register is skipped.
    """
    known = {_title_key(title) for title in register.risks.values_list("title", flat=True)}
    used = set(register.risks.values_list("reference", flat=True))
    number = 0
    created, kept = [], []
    for row in rows:
        if _title_key(row.risk) in known:
            kept.append(row.risk)
            continue
        number += 1
        while f"{prefix}{number}" in used:
            number += 1
        reference = f"{prefix}{number}"
        used.add(reference)
        risk_create(
            register=register,
            details=RiskDetails(
                reference=reference,
                title=row.risk,
                controls=[ControlInput(title=row.mitigation)] if row.mitigation.strip() else [],
            ),
            ratings=Ratings.in_progress(),
            reviewed_on=reviewed_on,
            review_note=note,
        )
        known.add(_title_key(row.risk))
        created.append(reference)
    return ImportResult(register, created, kept)


def section_e_data_import(*, data: dict, say: Callable[[str], None] = lambda message: None) -> list[ImportResult]:
    """Load every division's section E in the fixture format (see ``fixtures/risks_section_e_2013_14.json``)."""
    plan_year = PlanYear.objects.filter(start_year=data["plan_year"]).first()
    if plan_year is None:
        say(f"Skipped section E risks: there is no plan year {data['plan_year']}.")
        return []
    directorate = _find_directorate(plan_year=plan_year, name=data["directorate"])
    if directorate is None:
        say(f"Skipped section E risks: no directorate {data['directorate']!r} in {plan_year}.")
        return []
    results = []
    for unit in data["divisions"]:
        division = _find_division(directorate=directorate, name=unit["division"])
        if division is None:
            say(f"Skipped section E of {unit['division']!r}: no such division in {directorate}.")
            continue
        register = _register_for(
            level=RegisterLevel.DIVISION, directorate=directorate, division=division, plan_year=plan_year, meta={}
        )
        result = section_e_import(
            register=register,
            rows=[SectionERow(risk=row["risk"], mitigation=row.get("mitigation", "")) for row in unit["rows"]],
            prefix=unit["prefix"],
            reviewed_on=datetime.date.fromisoformat(data["reviewed_on"]),
            note=data.get("review_note", ""),
        )
        say(f"{register}: {len(result.created)} risks added, {len(result.kept)} already there.")
        results.append(result)
    return results
