"""Members' comments are easy to find: the email names the section by its title and links to the comment itself,
and each section's edit page lists its comments."""

import pytest
from django.core import mail
from django.urls import reverse

from kcc_planning.roles import Role
from plans.models import SnapshotKind
from plans.services.comments import comment_create
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, DivisionFactory, PriorityFactory, officer_for
from ..support.users import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot():
    admin = user_in(Role.ADMINISTRATOR, "admin_user")
    plan = DivisionalPlanFactory(division=DivisionFactory(name="Human Resources"))
    officer = officer_for(plan.division, "hr_officer")
    officer.email = "officer@kent.example"
    officer.save()
    ActionFactory(priority=PriorityFactory(plan=plan, title="Prevention"), title="Reduce demand")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Path")
    return plan.snapshots.get(kind=SnapshotKind.COMMITTEE)


def test_the_email_names_the_section_and_links_to_the_comment(
    client, snapshot, settings, django_capture_on_commit_callbacks
):
    """The email says "commented on A. Role/purpose of function", never the slug, and links to the comment's anchor,
    which is on the page the link opens."""
    settings.SITE_URL = "https://plans.kent.example"
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(
            snapshot=snapshot, author=member, section="role-purpose", row_key="", body="Say more about recruitment."
        )
    [email] = [m for m in mail.outbox if "New comment" in m.subject]
    assert "commented on A. Role/purpose of function:" in email.body
    assert "role-purpose:" not in email.body
    path = reverse("plans:snapshot_view", args=[snapshot.plan_id, snapshot.pk])
    assert f"https://plans.kent.example{path}#comment-{comment.pk}" in email.body

    client.force_login(user_in(Role.ADMINISTRATOR, "reader_admin"))
    assert f'id="comment-{comment.pk}"' in client.get(path).content.decode()


def test_a_comment_on_a_row_names_the_row_too(snapshot, django_capture_on_commit_callbacks):
    """A comment on one action says which section and which action."""
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    action_key = snapshot.document["priorities"][0]["actions"][0]["key"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(snapshot=snapshot, author=member, section="priorities", row_key=action_key, body="Costed?")
    [email] = [m for m in mail.outbox if "New comment" in m.subject]
    assert "commented on C. Priorities, actions, milestones, key or significant decisions: Action 1: Reduce demand" in (
        email.body
    )


def test_the_section_edit_page_lists_its_comments(client, snapshot):
    """The officer editing section A sees the members' comments on A, linked to each; not those on C."""
    member = user_in(Role.COMMITTEE_MEMBER, "member")
    on_a = comment_create(snapshot=snapshot, author=member, section="role-purpose", row_key="", body="On A.")
    comment_create(snapshot=snapshot, author=member, section="priorities", row_key="", body="On C.")
    plan = snapshot.plan
    client.force_login(plan.division.officers.get().user)
    page = client.get(reverse("plans:section_edit", args=[plan.pk, "role-purpose"])).content.decode()
    assert "Members' comments on this section (1)" in page
    assert f"#comment-{on_a.pk}" in page
    assert "On A." in page
    assert "On C." not in page
