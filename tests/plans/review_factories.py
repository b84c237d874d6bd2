"""Users in each review role, for workflow and permission tests."""

from django.contrib.auth.models import Group

from plans.rules import Role

from ..factories import PersonFactory, UserFactory


def user_in(role: Role, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    PersonFactory(user=user, name=user.get_full_name())
    return user


def cabinet_member_for(portfolio, username: str = "cabinet_member"):
    user = UserFactory(username=username)
    person = PersonFactory(user=user, name=user.get_full_name(), job_title="Cabinet Member")
    portfolio.cabinet_member = person
    portfolio.save()
    return user
