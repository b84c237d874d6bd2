"""Who may open what: every role × every plan page or download × their own plan and someone else's.

One table (``EXPECTED``) states the answer for each cell; the test is generated from it.
"own" is the plan of the role's own division (or directorate or portfolio); "other" is a plan
of another directorate's division.
"""

import pytest
from django.urls import reverse

from plans.rules import Role
from plans.workflow import plan_transition

from ..factories import (
    ActionFactory,
    DirectorateFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PortfolioFactory,
    PriorityFactory,
    UserFactory,
    lead_for,
    officer_for,
)
from .review_factories import cabinet_member_for, user_in

ROLES = ["anonymous", "officer", "lead", "policy", "democratic", "committee", "cabinet", "reader", "admin"]

# view → role → (status on own plan, status on other plan). 302 = sent to sign in.
LOGIN = (302, 302)
READ = (200, 200)
EXPECTED = {
    "overview": {**dict.fromkeys(ROLES, READ), "anonymous": LOGIN},
    "read": {**dict.fromkeys(ROLES, READ), "anonymous": LOGIN},
    "section_edit": {
        **dict.fromkeys(ROLES, (403, 403)),
        "anonymous": LOGIN,
        "officer": (200, 403),
        "admin": (200, 200),
    },
    "priority_edit": {
        **dict.fromkeys(ROLES, (403, 403)),
        "anonymous": LOGIN,
        "officer": (200, 403),
        "admin": (200, 200),
    },
    "workflow": {**dict.fromkeys(ROLES, READ), "anonymous": LOGIN},
    "history": {**dict.fromkeys(ROLES, READ), "anonymous": LOGIN},
    "compare": {**dict.fromkeys(ROLES, READ), "anonymous": LOGIN},
    "audit": {
        **dict.fromkeys(ROLES, (403, 403)),
        "anonymous": LOGIN,
        "officer": (200, 403),
        "lead": (200, 403),
        "policy": READ,
        "admin": READ,
    },
    "audit_csv": {
        **dict.fromkeys(ROLES, (403, 403)),
        "anonymous": LOGIN,
        "officer": (200, 403),
        "lead": (200, 403),
        "policy": READ,
        "admin": READ,
    },
    "snapshot": {**dict.fromkeys(ROLES, READ), "anonymous": LOGIN},
    "comment": {
        **dict.fromkeys(ROLES, (403, 403)),
        "anonymous": LOGIN,
        "committee": READ,
        "cabinet": (200, 403),
        "admin": READ,
    },
    "pdf": {**dict.fromkeys(ROLES, (302, 302)), "anonymous": LOGIN},
    "unknown_plan": {**dict.fromkeys(ROLES, (404, 404)), "anonymous": LOGIN},
}


def _url(view: str, plan, priority, snapshot) -> tuple[str, str]:
    """(method, url) for a view on a plan."""
    return {
        "overview": ("get", reverse("plans:plan_overview", args=[plan.pk])),
        "read": ("get", reverse("plans:plan_read", args=[plan.pk])),
        "section_edit": ("get", reverse("plans:section_edit", args=[plan.pk, "support"])),
        "priority_edit": ("get", reverse("plans:priority_edit", args=[plan.pk, priority.pk])),
        "workflow": ("get", reverse("plans:plan_workflow", args=[plan.pk])),
        "history": ("get", reverse("plans:plan_history", args=[plan.pk])),
        "compare": ("get", reverse("plans:plan_compare", args=[plan.pk]) + "?from=v1&to=current"),
        "audit": ("get", reverse("plans:plan_audit", args=[plan.pk])),
        "audit_csv": ("get", reverse("plans:plan_audit", args=[plan.pk]) + "?format=csv"),
        "snapshot": ("get", reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk])),
        "comment": ("get", reverse("plans:comment_create", args=[plan.pk, snapshot.pk]) + "?section=priorities"),
        "pdf": ("post", reverse("plans:plan_pdf", args=[plan.pk])),
        "unknown_plan": ("get", reverse("plans:plan_overview", args=[987654])),
    }[view]


def _plan_with_committee_snapshot(directorate, portfolio, admin):
    plan = DivisionalPlanFactory(division=DivisionFactory(directorate=directorate, portfolio=portfolio))
    priority = PriorityFactory(plan=plan)
    ActionFactory(priority=priority, accountable_officer="Paul Royel")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Matrix set-up")
    plan.refresh_from_db()
    return plan, priority, plan.snapshots.get()


@pytest.fixture
def world(db):
    """Two plans (own and other), each with a Cabinet Committee snapshot, and a user per role."""
    admin = user_in(Role.ADMINISTRATOR, "matrix_admin")
    own_directorate, other_directorate = DirectorateFactory(), DirectorateFactory()
    own_portfolio = PortfolioFactory(plan_year=own_directorate.plan_year)
    own = _plan_with_committee_snapshot(own_directorate, own_portfolio, admin)
    other = _plan_with_committee_snapshot(other_directorate, None, admin)
    # While a plan is with the committee its officers may edit it again (to answer comments).
    users = {
        "officer": officer_for(own[0].division, "matrix_officer"),
        "lead": lead_for(own_directorate, "matrix_lead"),
        "policy": user_in(Role.POLICY_TEAM, "matrix_policy"),
        "democratic": user_in(Role.DEMOCRATIC_SERVICES, "matrix_democratic"),
        "committee": user_in(Role.COMMITTEE_MEMBER, "matrix_committee"),
        "cabinet": cabinet_member_for(own_portfolio, "matrix_cabinet"),
        "reader": UserFactory(username="matrix_reader"),
        "admin": admin,
    }
    return {"own": own, "other": other, "users": users}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    """The role gets exactly the status the table says for every view, on its own plan and on another's."""
    if role != "anonymous":
        client.force_login(world["users"][role])
    mismatches = []
    for view, expected_by_role in EXPECTED.items():
        for index, which in enumerate(("own", "other")):
            plan, priority, snapshot = world[which]
            method, url = _url(view, plan, priority, snapshot)
            response = getattr(client, method)(url)
            expected = expected_by_role[role][index]
            if response.status_code != expected:
                mismatches.append(f"{view} on {which} plan: got {response.status_code}, expected {expected}")
            elif expected == 302 and role == "anonymous" and not response.url.startswith(reverse("login")):
                mismatches.append(f"{view} on {which} plan: redirected to {response.url}, not to sign in")
    assert mismatches == []
