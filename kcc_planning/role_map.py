"""The role map of single sign-on: the identity provider's groups or roles to the app's roles (``Role``).

``OIDC_ROLE_MAP`` (JSON, provider group or role -> one app role or a list) is applied at every sign-in to the claim
named by ``OIDC_GROUPS_CLAIM``: mapped roles are added, roles the map manages but the provider no longer gives are
removed, and groups the map never names (given by hand in the app) are left alone.
"""

import json
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .roles import Role


def parse_role_map(raw: str | Mapping) -> dict[str, frozenset[str]]:
    """``OIDC_ROLE_MAP`` as provider name -> app role names; a value may be one role or a list of them.

    An app role that is not a ``Role`` is a configuration error, not a silently ignored typo.
    """
    mapping = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(mapping, dict):
        raise ImproperlyConfigured("OIDC_ROLE_MAP must be a JSON object: provider group or role -> app role(s).")
    known = {role.value for role in Role}
    parsed: dict[str, frozenset[str]] = {}
    for provider_name, roles in mapping.items():
        names = [roles] if isinstance(roles, str) else roles
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ImproperlyConfigured(f"OIDC_ROLE_MAP[{provider_name!r}] must be a role name or a list of them.")
        unknown = sorted(set(names) - known)
        if unknown:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP[{provider_name!r}] names unknown app roles {unknown}; known: {sorted(known)}."
            )
        parsed[provider_name] = frozenset(names)
    return parsed


def managed_roles(role_map: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The app roles the map decides: every role it names, whatever provider name leads to it."""
    return frozenset().union(*role_map.values()) if role_map else frozenset()


def mapped_roles(provider_groups: Iterable[str], role_map: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The app roles that the provider's groups or roles give, through the map."""
    return frozenset().union(*(role_map.get(name, frozenset()) for name in provider_groups))


def provider_groups(claims: Mapping) -> list[str]:
    """The groups or roles claim as a list; a provider may send a lone value as a string."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    return [value] if isinstance(value, str) else [str(item) for item in value]


@transaction.atomic
def user_roles_sync(*, user, groups: Iterable[str], role_map: Mapping[str, frozenset[str]]) -> None:
    """Gives ``user`` exactly the mapped roles of ``groups`` among the roles the map manages; others untouched."""
    wanted = mapped_roles(groups, role_map)
    managed = managed_roles(role_map)
    held = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    to_remove = held - wanted
    if to_remove:
        user.groups.remove(*Group.objects.filter(name__in=to_remove))
    to_add = wanted - held
    if to_add:
        user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in sorted(to_add)))
