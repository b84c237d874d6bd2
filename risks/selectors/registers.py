"""Reads about registers: the list, one register, its owners and the priorities it may threaten, units without one."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from plans.models import Directorate, Division, Person, Plan, PlanYear, Portfolio, Priority

from ..models import Register, RegisterLevel


def register_base_queryset() -> QuerySet[Register]:
    return Register.objects.select_related("plan_year", "directorate__plan_year", "division__directorate__plan_year")


def register_list(*, plan_year: PlanYear | None = None) -> QuerySet[Register]:
    registers = register_base_queryset().annotate(risk_count=Count("risks"))
    if plan_year is not None:
        registers = registers.filter(plan_year=plan_year)
    return registers


def register_get(*, register_id: int) -> Register:
    return register_base_queryset().get(pk=register_id)


def register_years() -> QuerySet[PlanYear]:
    """Every plan year, newest first (the register list's year picker)."""
    return PlanYear.objects.all()


def register_year(*, start_year: int | None = None) -> PlanYear | None:
    """The year the register list shows: the one asked for (None if there is no such year), or by default
    the newest year that has a register, else the newest year."""
    years = register_years()
    if start_year is not None:
        return years.filter(start_year=start_year).first()
    return years.filter(risk_registers__isnull=False).first() or years.first()


def register_risk_count(*, register: Register) -> int:
    """How many risks the register holds, whatever a filter shows."""
    return register.risks.count()


def register_owners(*, register: Register) -> QuerySet[Person]:
    """People who own at least one of the register's risks (the owner filter's choices)."""
    return Person.objects.filter(risk_ownerships__risk__register=register).distinct().order_by("name")


def register_owner_candidates(*, register: Register) -> QuerySet[Person]:
    """People who may own a register's risks: everyone on record except people whose login is switched off."""
    return Person.objects.filter(Q(user__is_active=True) | Q(user__isnull=True)).order_by("name")


def register_owner_groups(*, register: Register) -> list[tuple[str, list[tuple[Person, str]]]]:
    """The people offered as risk owners, in groups: each directorate of the register's year (its corporate director,
    then the head of each division, with the division named), the year's Cabinet Members, then everyone else on
    record. An owner holds a post: a login that holds none (a demo login, an officer who only edits plans) is not
    offered. Each entry is (person, the division they head or "")."""
    people = {person.pk: person for person in register_owner_candidates(register=register)}
    offered: set[int] = set()

    def take(person_id: int | None, division: str = "") -> list[tuple[Person, str]]:
        if person_id is None or person_id not in people or person_id in offered:
            return []
        offered.add(person_id)
        return [(people[person_id], division)]

    directorates = (
        Directorate.objects.filter(plan_year_id=register.plan_year_id)
        .prefetch_related(Prefetch("divisions", queryset=Division.objects.order_by("name")))
        .order_by("name")
    )
    groups = []
    for directorate in directorates:
        members = take(directorate.corporate_director_id)
        for division in directorate.divisions.all():
            members += take(division.head_id, division.name)
        if members:
            groups.append((directorate.name, members))
    holders = Portfolio.objects.filter(plan_year_id=register.plan_year_id).order_by("title")
    cabinet = [entry for portfolio in holders for entry in take(portfolio.cabinet_member_id)]
    if cabinet:
        groups.append(("Cabinet Members", cabinet))
    others = [entry for pk, person in people.items() if person.user_id is None for entry in take(pk)]
    if others:
        groups.append(("Other people on record", others))
    return groups


def register_priorities(*, register: Register) -> QuerySet[Priority]:
    """Plan priorities a register's risks may threaten: those of plans in the register's unit and year."""
    priorities = Priority.objects.select_related("plan__division", "plan__directorate").order_by(
        "plan__division__name", "plan_id", "position", "id"
    )
    if register.level == RegisterLevel.DIVISION:
        return priorities.filter(plan__division=register.division)
    if register.level == RegisterLevel.DIRECTORATE:
        return priorities.filter(plan__directorate=register.directorate)
    return priorities.filter(plan__directorate__plan_year=register.plan_year)


def plan_register(*, plan: Plan) -> Register | None:
    """The register that backs a plan's risk section: the division's, or the directorate's for a directorate plan."""
    registers = register_base_queryset()
    if plan.division_id:
        return registers.filter(level=RegisterLevel.DIVISION, division_id=plan.division_id).first()
    return registers.filter(level=RegisterLevel.DIRECTORATE, directorate_id=plan.directorate_id).first()


def unit_registers_missing(*, plan_year: PlanYear) -> dict[str, QuerySet]:
    """Directorates and divisions of a year that have no register yet (for "Start a register")."""
    return {
        "directorates": Directorate.objects.filter(plan_year=plan_year)
        .exclude(risk_registers__level=RegisterLevel.DIRECTORATE)
        .order_by("name"),
        "divisions": Division.objects.filter(directorate__plan_year=plan_year)
        .exclude(Q(risk_registers__level=RegisterLevel.DIVISION))
        .select_related("directorate")
        .order_by("directorate__name", "name"),
    }


def directorate_get(*, directorate_id: int) -> Directorate:
    """A directorate with its year (what starting its register needs); ``Directorate.DoesNotExist`` if none."""
    return Directorate.objects.select_related("plan_year").get(pk=directorate_id)


def division_get(*, division_id: int) -> Division:
    """A division with its directorate and year; ``Division.DoesNotExist`` if none."""
    return Division.objects.select_related("directorate__plan_year").get(pk=division_id)
