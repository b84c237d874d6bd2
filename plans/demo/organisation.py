"""Loading the dated organisation (plan year, people, portfolios, directorates, divisions).

There are no services for reference data (it is kept in the Django admin), so
rows are written here with ``full_clean()``. Rows are found by their natural
keys (year + name) and brought in line with the file, so loading twice leaves
one copy of each.
"""

from django.core.exceptions import ValidationError
from django.db import models

from ..models import Directorate, Division, Person, PlanYear, Portfolio
from .files import DemoDataError, Node, start_year


def _save(instance: models.Model, node: Node) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise node.fail(f"cannot be stored ({details})") from error
    instance.save()


def _upsert(model: type[models.Model], node: Node, keys: dict, values: dict) -> models.Model:
    instance = model.objects.filter(**keys).order_by("pk").first() or model(**keys)
    changed = instance.pk is None
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        _save(instance, node)
    return instance


class PeopleByName:
    """People are not dated (one person holds different posts over the years), so they are found by name."""

    def __init__(self) -> None:
        self._cache: dict[str, Person] = {}

    def upsert(self, node: Node) -> Person:
        name = node.text("name")
        values = {"job_title": node.text("job_title", default="")}
        if node.has("email"):
            values["email"] = node.text("email")
        person = _upsert(Person, node, {"name": name}, values)
        self._cache[name] = person
        return person

    def get(self, name: str | None, node: Node) -> Person | None:
        if name is None:
            return None
        if name not in self._cache:
            person = Person.objects.filter(name=name).order_by("pk").first()
            if person is None:
                raise node.fail(f"names {name!r}, who is not among the file's people")
            self._cache[name] = person
        return self._cache[name]


def organisation_load(*, document: Node, people: PeopleByName) -> PlanYear:
    """Create or update one year's structure from an ``organisation_*.json`` file."""
    year = PlanYear.objects.filter(start_year=start_year(document)).first()
    if year is None:
        year = PlanYear(start_year=start_year(document))
        _save(year, document)

    for person in document.items("people"):
        people.upsert(person)

    portfolios: dict[str, Portfolio] = {}
    for node in document.items("portfolios"):
        title = node.text("title")
        portfolios[title] = _upsert(
            Portfolio,
            node,
            {"plan_year": year, "title": title},
            {"cabinet_member": people.get(node.optional_text("cabinet_member"), node)},
        )

    for node in document.items("directorates"):
        predecessor = _predecessor_directorate(node)
        directorate = _upsert(
            Directorate,
            node,
            {"plan_year": year, "name": node.text("name")},
            {
                "short_name": node.text("short_name", default=""),
                "corporate_director": people.get(node.optional_text("corporate_director"), node),
                "continues": predecessor,
            },
        )
        for division_node in node.items("divisions"):
            portfolio_title = division_node.optional_text("portfolio")
            if portfolio_title is not None and portfolio_title not in portfolios:
                raise division_node.fail(f"names portfolio {portfolio_title!r}, which the file does not list")
            _upsert(
                Division,
                division_node,
                {"directorate": directorate, "name": division_node.text("name")},
                {
                    "head": people.get(division_node.optional_text("head"), division_node),
                    "portfolio": portfolios.get(portfolio_title) if portfolio_title else None,
                    "continues": _predecessor_division(division_node, predecessor),
                },
            )
    return year


def _predecessor_directorate(node: Node) -> Directorate | None:
    if not node.has("continues"):
        return None
    link = node.child("continues")
    found = Directorate.objects.filter(plan_year__start_year=start_year(link), name=link.text("name")).first()
    if found is None:
        raise link.fail(f"continues {link.text('name')!r} ({link.text('plan_year')}), which is not loaded yet")
    return found


def _predecessor_division(node: Node, predecessor: Directorate | None) -> Division | None:
    name = node.optional_text("continues")
    if name is None:
        return None
    if predecessor is None:
        raise node.fail("continues a division, but its directorate does not say which directorate it continues")
    found = predecessor.divisions.filter(name=name).first()
    if found is None:
        raise node.fail(f"continues {name!r}, which is not a division of {predecessor}")
    return found


__all__ = ["DemoDataError", "PeopleByName", "organisation_load"]
