"""Permission changes go on the audit trail wherever they are made (admin, shell, demo loader).

Signals are used here only to *observe* changes to who may edit what; they make no decisions.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from simple_history.models import HistoricalRecords

from .audit import audit_record
from .models import Directorate, Division

WATCHED = {
    Division.officers.through: ("division officers", "officers"),
    Directorate.leads.through: ("directorate leads", "leads"),
    get_user_model().groups.through: ("user groups", "groups"),
}


def current_user():
    """The signed-in user of the request being handled, as django-simple-history's middleware recorded it."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _record(sender, instance, action, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    label, _ = WATCHED[sender]
    audit_record(
        actor=current_user(),
        action="permission change",
        subject=f"{label}: {instance}",
        before=None,
        after={"change": action.removeprefix("post_"), "ids": sorted(pk_set or [])},
    )


def connect() -> None:
    for through in WATCHED:
        m2m_changed.connect(_record, sender=through, dispatch_uid=f"audit-{through._meta.label}")
