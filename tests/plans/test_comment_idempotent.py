"""A member's comment form sent twice (a double click) makes one comment, one audit entry and one email."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kcc_planning.roles import Role
from plans.models import AuditEvent, Comment, SnapshotKind
from plans.services.comments import comment_create
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..support.users import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    admin = user_in(Role.ADMINISTRATOR, "comment_admin")
    plan = DivisionalPlanFactory()
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Reduce demand")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Path", decided_on=datetime.date(2013, 3, 1))
    return plan.snapshots.get(kind=SnapshotKind.COMMITTEE)


@pytest.fixture
def member(db):
    return user_in(Role.COMMITTEE_MEMBER, "comment_member")


def test_the_same_form_sent_twice_makes_one_comment(client, snapshot, member, django_capture_on_commit_callbacks):
    """Both sends go back to the plan; the officers get one comment, one audit entry and one email."""
    client.force_login(member)
    url = reverse("plans:comment_create", args=[snapshot.plan_id, snapshot.pk]) + "?section=priorities"
    form_page = client.get(url).content.decode()
    assert 'name="submit_token"' in form_page
    data = {"section": "priorities", "body": "Is this costed?", "submit_token": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks() as callbacks:
        first = client.post(url, data)
        second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.filter(snapshot=snapshot).count() == 1
    assert AuditEvent.objects.filter(action="comment").count() == 1
    assert len(callbacks) == 1  # the email to the officers, queued once


def test_two_forms_make_two_comments(snapshot, member):
    """Different tokens are different comments, even with the same words: only a resend is folded."""
    for _ in range(2):
        comment_create(
            snapshot=snapshot,
            author=member,
            section="priorities",
            row_key="",
            body="Is this costed?",
            submit_token=uuid.uuid4(),
        )
    assert Comment.objects.filter(snapshot=snapshot).count() == 2


def test_another_members_token_is_refused(snapshot, member):
    """A token belongs to the form it was given to: someone else sending it gets no access to that comment."""
    token = uuid.uuid4()
    comment_create(
        snapshot=snapshot, author=member, section="priorities", row_key="", body="Is this costed?", submit_token=token
    )
    other = user_in(Role.COMMITTEE_MEMBER, "other_member")
    with pytest.raises(PermissionDenied):
        comment_create(
            snapshot=snapshot, author=other, section="priorities", row_key="", body="Mine", submit_token=token
        )
