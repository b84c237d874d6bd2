"""Who may do what to a plan (django-rules predicates).

Views and the workflow ask ``user.has_perm("plans.<perm>", plan)``; nothing else checks roles.

Roles that depend on the plan are decided here, and risks and performance reuse them for
registers and indicators (a register carries ``division`` and ``directorate`` like a plan):
- officer: an officer of the plan's division (``Division.officers``)
- directorate lead / corporate director: ``Directorate.leads`` or its ``corporate_director``
- cabinet member: the Cabinet Member holding the portfolio the plan's division reports to

Roles that do not depend on the plan (policy team, democratic services, committee members,
administrators, any signed-in reader) are the council-wide ones in ``kcc_planning.roles``.
"""

import rules

from kcc_planning.roles import (
    is_administrator,
    is_committee_member,
    is_democratic_services,
    is_policy_team,
    is_staff_reader,
)


def _person(user):
    return getattr(user, "person", None) if user.is_authenticated else None


@rules.predicate
def is_division_officer(user, plan) -> bool:
    person = _person(user)
    if person is None or plan is None or not plan.division_id:
        return False
    return plan.division.officers.filter(pk=person.pk).exists()


@rules.predicate
def is_directorate_lead(user, plan) -> bool:
    person = _person(user)
    if person is None or plan is None:
        return False
    directorate = plan.directorate
    return directorate.corporate_director_id == person.pk or directorate.leads.filter(pk=person.pk).exists()


@rules.predicate
def is_portfolio_holder(user, plan) -> bool:
    """The Cabinet Member for the portfolio the plan's division (or any division of a directorate plan) reports to."""
    person = _person(user)
    if person is None or plan is None:
        return False
    if plan.division_id:
        portfolio = plan.division.portfolio
        return portfolio is not None and portfolio.cabinet_member_id == person.pk
    return plan.directorate.divisions.filter(portfolio__cabinet_member=person).exists()


@rules.predicate
def is_directorate_plan(user, plan) -> bool:
    return plan is not None and plan.division_id is None


@rules.predicate
def plan_is_editable(user, plan) -> bool:
    return plan is not None and plan.is_editable


@rules.predicate
def plan_takes_progress(user, plan) -> bool:
    """Progress is reported on an approved plan (and through its published, mid-year and year-end steps)."""
    from .models import PROGRESS_STATUSES

    return plan is not None and plan.status in PROGRESS_STATUSES


is_plan_author = is_division_officer | (is_directorate_plan & is_directorate_lead)
may_write_plan = is_administrator | is_plan_author

rules.add_perm("plans.view_plan", is_staff_reader)
rules.add_perm("plans.change_plan", may_write_plan & plan_is_editable)
rules.add_perm("plans.render_plan", is_staff_reader)
rules.add_perm("plans.view_history", is_staff_reader)
rules.add_perm("plans.view_audit", is_administrator | is_plan_author | is_directorate_lead | is_policy_team)

# The path to approval.
rules.add_perm("plans.submit_plan", may_write_plan)
rules.add_perm("plans.review_plan", is_policy_team | is_administrator)
rules.add_perm("plans.send_plan_to_committee", is_policy_team | is_democratic_services | is_administrator)
rules.add_perm("plans.approve_plan", is_directorate_lead | is_portfolio_holder | is_administrator)
rules.add_perm("plans.publish_plan", is_democratic_services | is_policy_team | is_administrator)
rules.add_perm("plans.report_on_plan", may_write_plan)
# Progress through the year: the plan's own officers record it; the approved text never changes.
rules.add_perm("plans.update_progress", may_write_plan & plan_takes_progress)

# Member comments on what the committee is considering.
rules.add_perm("plans.comment_on_plan", is_committee_member | is_portfolio_holder | is_administrator)
rules.add_perm("plans.reply_to_comment", may_write_plan)

# Issue 12: start next year's draft from an approved plan (its authors, its directorate's leads, the policy team).
rules.add_perm("plans.roll_forward_plan", (may_write_plan | is_directorate_lead | is_policy_team) & plan_takes_progress)
# Issue 12: the council-wide view of a plan year reads every plan, as any member of staff may.
rules.add_perm("plans.view_council", is_staff_reader)
