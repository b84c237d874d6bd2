"""Demo logins, one for each kind of access the app gives.

Roles are granted the same way an administrator grants them (a Person linked
to the user, added to a division's officers or a directorate's leads), so the
demo exercises the real permission rules in ``plans.rules`` and ``kcc_planning.roles``.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from kcc_planning.roles import Role

from ..models import Directorate, Division, Person
from .files import DemoDataError

# A fixed password is acceptable for a local demo only; README documents it.
DEMO_PASSWORD = "kent-demo-2013"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    job_title: str
    access: str
    # (plan year start, directorate name, division name or None) the user is an officer of / lead for.
    officer_of: tuple[int, str, str] | None = None
    lead_for: tuple[int, str] | None = None
    group: Role | None = None
    superuser: bool = False


DEMO_USERS = (
    DemoUser(
        "hr_officer",
        "Demo",
        "HR Officer",
        "Officer, Human Resources",
        "edits the Human Resources 2013-14 plan",
        officer_of=(2013, "Business Strategy & Support", "Human Resources"),
    ),
    DemoUser(
        "gl_officer",
        "Demo",
        "Governance Officer",
        "Officer, Governance & Law",
        "edits the Governance & Law 2013-14 plan",
        officer_of=(2013, "Business Strategy & Support", "Governance & Law"),
    ),
    DemoUser(
        "bss_lead",
        "Demo",
        "BSS Lead",
        "Directorate lead, Business Strategy & Support",
        "Business Strategy & Support 2013-14 lead: approves its divisions' plans",
        lead_for=(2013, "Business Strategy & Support"),
    ),
    DemoUser(
        "scs_lead",
        "Demo",
        "S&CS Lead",
        "Directorate lead, Strategic and Corporate Services",
        "edits and approves the Strategic and Corporate Services 2017-18 plan",
        lead_for=(2017, "Strategic and Corporate Services"),
    ),
    DemoUser(
        "member",
        "Demo",
        "Committee Member",
        "Member, Policy and Resources Cabinet Committee",
        "committee member: reads every plan and comments on those with the committee, edits none",
        group=Role.COMMITTEE_MEMBER,
    ),
    DemoUser(
        "policy_officer",
        "Demo",
        "Policy Officer",
        "Policy and Strategic Relationships team",
        "policy team: quality assurance (returns or clears plans, sends them to committee, publishes)",
        group=Role.POLICY_TEAM,
    ),
    DemoUser(
        "dem_services",
        "Demo",
        "Democratic Services",
        "Democratic Services Officer",
        "democratic services: sends plans to committee, publishes plans and agenda packs",
        group=Role.DEMOCRATIC_SERVICES,
    ),
    DemoUser(
        "admin",
        "Demo",
        "Administrator",
        "System administrator",
        "superuser: Django admin and every plan",
        superuser=True,
    ),
)


def _directorate(year: int, name: str) -> Directorate:
    found = Directorate.objects.filter(plan_year__start_year=year, name=name).first()
    if found is None:
        raise DemoDataError(f"demo users: directorate {name!r} ({year}) was not loaded from the organisation files")
    return found


def _division(year: int, directorate: str, name: str) -> Division:
    found = _directorate(year, directorate).divisions.filter(name=name).first()
    if found is None:
        raise DemoDataError(f"demo users: division {name!r} of {directorate!r} ({year}) was not loaded")
    return found


def _changed(instance, values: dict) -> bool:
    changed = instance.pk is None
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def demo_users_create() -> list[DemoUser]:
    """Create the demo users, or put right what differs from the list (a forgotten password, a lost role).

    A user already as listed is not saved again (a second ``load_demo`` changes nothing); the password is
    set again only when the printed one no longer works, so the printed logins always work.
    """
    User = get_user_model()
    password = None
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        changed = _changed(
            user,
            {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@example.gov.uk",
                "is_staff": spec.superuser,
                "is_superuser": spec.superuser,
                "is_active": True,
            },
        )
        if user.pk is None or not user.check_password(DEMO_PASSWORD):
            # One hash for all: the password is the same and public, and each hash costs a fifth of a second.
            password = password or make_password(DEMO_PASSWORD)
            user.password = password
            changed = True
        if changed:
            user.full_clean()
            user.save()

        person = Person.objects.filter(user=user).first() or Person(user=user)
        values = {
            "name": f"{spec.first_name} {spec.last_name}",
            "job_title": f"{spec.job_title} (demo login)",
            "email": user.email,
        }
        if _changed(person, values):
            person.full_clean()
            person.save()

        # Added only when missing: even an empty add() is recorded in the audit trail as a permission change.
        if spec.officer_of is not None:
            division = _division(*spec.officer_of)
            if not division.officers.filter(pk=person.pk).exists():
                division.officers.add(person)
        if spec.lead_for is not None:
            directorate = _directorate(*spec.lead_for)
            if not directorate.leads.filter(pk=person.pk).exists():
                directorate.leads.add(person)
        if spec.group is not None:
            # Roles such as the policy team are Django groups named in kcc_planning.roles.Role.
            group = Group.objects.get_or_create(name=spec.group.value)[0]
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
    return list(DEMO_USERS)
