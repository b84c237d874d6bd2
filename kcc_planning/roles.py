"""Who a user is, whatever they are looking at: the council-wide roles (django-rules predicates).

Every app's ``rules.py`` builds its permissions from these, so "administrator" or "policy team"
means the same in plans, risks, performance and committees. Roles that depend on the object
(an officer of *this* plan's division, the lead of *this* directorate) live in ``plans.rules``.

This is the lowest layer: it imports Django and django-rules, never an app.

Roles held through Django groups (the group name is the ``Role`` value):
- policy team: quality assurance of plans
- democratic services: run committee agendas and packs, publish plans
- committee members: read full packs and comment on plans with the committee
- administrators: everything a superuser may do in the apps (without Django admin or superuser status)
"""

from enum import StrEnum

import rules


class Role(StrEnum):
    POLICY_TEAM = "Policy team"
    DEMOCRATIC_SERVICES = "Democratic services"
    COMMITTEE_MEMBER = "Committee members"
    ADMINISTRATOR = "Administrators"


def _in_group(role: Role):
    @rules.predicate(name=f"is_{role.name.lower()}")
    def predicate(user) -> bool:
        return user.is_authenticated and user.groups.filter(name=role.value).exists()

    return predicate


is_policy_team = _in_group(Role.POLICY_TEAM)
is_democratic_services = _in_group(Role.DEMOCRATIC_SERVICES)
is_committee_member = _in_group(Role.COMMITTEE_MEMBER)
# The one administrator rule of every app: a superuser or a member of the Administrators group.
is_administrator = rules.is_superuser | _in_group(Role.ADMINISTRATOR)

# Plans, registers, indicators and meetings are open to every signed-in member of staff.
is_staff_reader = rules.is_authenticated
