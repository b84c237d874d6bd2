"""The role map of single sign-on (OIDC_ROLE_MAP): provider groups or roles to the app's roles, by configuration."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from kcc_planning.oidc import CouncilOIDCBackend
from kcc_planning.role_map import (
    managed_roles,
    mapped_roles,
    parse_role_map,
    provider_groups,
    user_roles_sync,
)
from kcc_planning.roles import Role

from ..factories import UserFactory

MAP = parse_role_map(
    '{"sg-policy": "Policy team", "sg-democratic": ["Democratic services", "Committee members"],'
    ' "BusinessPlanning.Admin": "Administrators", "sg-policy-leads": ["Policy team"]}'
)


def test_a_value_may_be_one_role_or_a_list():
    """A provider name leads to one role (a string) or several (a list)."""
    assert MAP["sg-policy"] == {"Policy team"}
    assert MAP["sg-democratic"] == {"Democratic services", "Committee members"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"sg-policy": "Policy"}', "unknown app roles ['Policy']"),
        ('{"sg-policy": ["Policy team", "Superusers"]}', "unknown app roles ['Superusers']"),
        ('["Policy team"]', "must be a JSON object"),
        ('{"sg-policy": 3}', "must be a role name or a list"),
    ],
)
def test_a_map_naming_no_app_role_is_a_configuration_error(raw, message):
    """A typo in a role name stops sign-in with a clear error instead of quietly giving nobody the role."""
    with pytest.raises(ImproperlyConfigured, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_role_map(raw)


def test_an_empty_map_manages_and_gives_nothing():
    """With no map, single sign-on gives and takes away no role."""
    assert parse_role_map("{}") == {}
    assert managed_roles({}) == frozenset()
    assert mapped_roles(["sg-policy"], {}) == frozenset()


def test_mapped_roles_are_the_union_over_the_provider_groups():
    """Every group the provider gives counts; groups the map does not name give nothing."""
    assert mapped_roles(["sg-all-staff", "sg-policy", "sg-democratic"], MAP) == {
        "Policy team",
        "Democratic services",
        "Committee members",
    }
    assert mapped_roles(["sg-all-staff"], MAP) == frozenset()


def test_the_map_manages_every_role_it_names():
    """Only these roles are added and removed at sign-in."""
    assert managed_roles(MAP) == {role.value for role in Role}


def test_provider_groups_accepts_a_list_or_a_lone_value(settings):
    """The claim named by OIDC_GROUPS_CLAIM (``roles`` for Entra ID app roles) is read as a list."""
    settings.OIDC_GROUPS_CLAIM = "roles"
    assert provider_groups({"roles": "BusinessPlanning.Admin"}) == ["BusinessPlanning.Admin"]
    assert provider_groups({"roles": ["a", "b"], "groups": ["c"]}) == ["a", "b"]
    assert provider_groups({"groups": ["c"]}) == []


@pytest.mark.django_db
def test_sync_adds_and_removes_managed_roles_and_leaves_the_rest():
    """Roles the provider stopped giving go, new ones come, and a group the map does not manage stays."""
    user = UserFactory()
    user.groups.add(Group.objects.create(name=Role.ADMINISTRATOR.value), Group.objects.create(name="Risk champions"))

    user_roles_sync(user=user, groups=["sg-democratic"], role_map=MAP)

    assert set(user.groups.values_list("name", flat=True)) == {
        "Democratic services",
        "Committee members",
        "Risk champions",
    }


@pytest.mark.django_db
def test_sync_with_a_map_that_does_not_name_a_role_leaves_it():
    """A role given by hand stays when the map does not manage it."""
    user = UserFactory()
    user.groups.add(Group.objects.create(name=Role.ADMINISTRATOR.value))

    user_roles_sync(user=user, groups=[], role_map=parse_role_map('{"sg-policy": "Policy team"}'))

    assert set(user.groups.values_list("name", flat=True)) == {Role.ADMINISTRATOR.value}


def test_claims_without_the_username_claim_or_with_group_overage_are_refused(settings):
    """No stable identifier: no sign-in. Entra ID's group overage (groups left out, ``_claim_names`` instead)
    is refused rather than read as "in no group", which would strip everyone's roles."""
    settings.OIDC_USERNAME_CLAIM = "oid"
    settings.OIDC_GROUPS_CLAIM = "groups"
    backend = CouncilOIDCBackend.__new__(CouncilOIDCBackend)  # the checks need no provider settings

    assert backend.verify_claims({"oid": "0f1e", "groups": []})
    assert not backend.verify_claims({"sub": "pairwise-only"})
    assert not backend.verify_claims({"oid": "0f1e", "_claim_names": {"groups": "src1"}})
