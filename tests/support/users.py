"""Users in each role, for workflow, permission and committee tests."""

from django.contrib.auth.models import Group

from kcc_planning.roles import Role

from ..factories import PersonFactory, UserFactory


def user_in(role: Role | None, username: str):
    """A user (with a Person record) in ``role``'s group, or in no group when ``role`` is None."""
    user = UserFactory(username=username)
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    PersonFactory(user=user, name=user.get_full_name())
    return user


def cabinet_member_for(portfolio, username: str = "cabinet_member"):
    user = UserFactory(username=username)
    person = PersonFactory(user=user, name=user.get_full_name(), job_title="Cabinet Member")
    portfolio.cabinet_member = person
    portfolio.save()
    return user
