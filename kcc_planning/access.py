"""Fetching the object a request is about, with its object-level permission check: the one way every app does it.

Not there → 404, there but the user may not → 403. Views are ``login_required``, so anonymous
users are sent to sign in before this runs. The 404 comes first: a missing object says nothing
about permissions, and an object the user may not see is still reported as forbidden rather
than hidden (every signed-in member of staff may read every plan, register and meeting anyway).
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model
from django.http import Http404

FetchedModel = TypeVar("FetchedModel", bound=Model)


def object_for(
    request,
    *,
    fetch: Callable[[], FetchedModel],
    perm: str,
    missing: str,
    checked_on: Callable[[FetchedModel], Model] | None = None,
) -> FetchedModel:
    """What ``fetch()`` returns, or 404 with ``missing`` if it raises DoesNotExist; 403 unless the user has ``perm``.

    The permission is asked about the fetched object, or about ``checked_on(obj)`` when the rules
    are written for its parent (a risk is edited by whoever may edit its register).
    """
    try:
        obj = fetch()
    except ObjectDoesNotExist:
        raise Http404(missing) from None
    if not request.user.has_perm(perm, obj if checked_on is None else checked_on(obj)):
        raise PermissionDenied
    return obj
