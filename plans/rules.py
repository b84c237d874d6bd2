"""The one place that decides who may do what to a plan (django-rules predicates).

Views ask ``user.has_perm("plans.change_plan", plan)``; nothing else checks roles.
"""

import rules


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
    return plan.directorate.leads.filter(pk=person.pk).exists()


@rules.predicate
def is_directorate_plan(user, plan) -> bool:
    return plan is not None and plan.division_id is None


is_staff_reader = rules.is_authenticated

may_edit_plan = rules.is_superuser | is_division_officer | (is_directorate_plan & is_directorate_lead)

rules.add_perm("plans.view_plan", is_staff_reader)
rules.add_perm("plans.change_plan", may_edit_plan)
rules.add_perm("plans.render_plan", is_staff_reader)
