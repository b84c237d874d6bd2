"""Permission changes go on the audit trail wherever they are made (admin, shell, demo loader).

Signals are used here only to *observe* changes to who may edit what; they make no decisions.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save, pre_save
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


# Flags on the user that give powers beyond any group: superuser (every permission) and staff (the admin site).
WATCHED_FLAGS = ("is_superuser", "is_staff")
_FLAGS_BEFORE = "_audit_flags_before"


def _note_flags(sender, instance, raw=False, **kwargs):
    """Before a user is saved, note the flags as stored, to compare after the save."""
    update_fields = kwargs.get("update_fields")
    if raw or (update_fields is not None and not set(WATCHED_FLAGS) & set(update_fields)):
        return  # e.g. the last_login update at every sign-in: nothing watched can change
    before = None
    if instance.pk is not None:
        before = sender.objects.filter(pk=instance.pk).values(*WATCHED_FLAGS).first()
    setattr(instance, _FLAGS_BEFORE, before)


def _record_flags(sender, instance, created, raw=False, **kwargs):
    """After the save, audit any change to superuser or staff status (granting one at creation included)."""
    if raw or not hasattr(instance, _FLAGS_BEFORE):
        return
    before = getattr(instance, _FLAGS_BEFORE) or dict.fromkeys(WATCHED_FLAGS, False)
    delattr(instance, _FLAGS_BEFORE)
    after = {flag: bool(getattr(instance, flag)) for flag in WATCHED_FLAGS}
    changed = {flag for flag in WATCHED_FLAGS if bool(before[flag]) != after[flag]}
    if not changed:
        return
    audit_record(
        actor=current_user(),
        action="permission change",
        subject=f"user status: {instance.get_username()}",
        before={flag: bool(before[flag]) for flag in WATCHED_FLAGS if flag in changed},
        after={"user": instance.pk, **{flag: after[flag] for flag in WATCHED_FLAGS if flag in changed}},
    )


def connect() -> None:
    for through in WATCHED:
        m2m_changed.connect(_record, sender=through, dispatch_uid=f"audit-{through._meta.label}")
    user_model = get_user_model()
    pre_save.connect(_note_flags, sender=user_model, dispatch_uid="audit-user-flags-before")
    post_save.connect(_record_flags, sender=user_model, dispatch_uid="audit-user-flags-after")
