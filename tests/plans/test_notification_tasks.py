"""Workflow emails go out from a Celery task after the change commits; mail trouble never fails the request."""

import logging

import pytest
from django.contrib.messages import get_messages
from django.core import mail

from kcc_planning.roles import Role
from plans import tasks
from plans.models import PlanStatus, PlanTransition
from plans.services.workflow import plan_transition

from ..factories import ActionFactory, DivisionalPlanFactory, PriorityFactory, officer_for
from ..support.users import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Lead the work stream", accountable_officer="Karen Ray")
    plan.division.officers.update(email="officer@example.gov.uk")
    return plan


@pytest.fixture
def officer(plan):
    return officer_for(plan.division, "officer")


@pytest.fixture
def policy():
    user = user_in(Role.POLICY_TEAM, "policy")
    user.email = "policy@example.gov.uk"
    user.save()
    return user


def submit(client, plan):
    return client.post(f"/plans/{plan.pk}/approval/", {"step": "submit", "submit-reason": "Ready for QA"})


@pytest.mark.usefixtures("policy")
def test_submitting_a_plan_emails_the_policy_team_from_the_task(
    plan, officer, client, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = submit(client, plan)

    assert response.status_code == 302
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == ["policy@example.gov.uk"]
    assert "Ready for QA" in message.body


@pytest.mark.usefixtures("policy")
def test_no_email_is_queued_until_the_change_commits(plan, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_transition(plan=plan, user=officer, step_name="submit", reason="Ready")

    assert mail.outbox == []
    assert len(callbacks) == 1


@pytest.mark.usefixtures("policy")
def test_a_mail_server_that_is_down_does_not_fail_the_submission(
    plan, officer, client, settings, caplog, django_capture_on_commit_callbacks
):
    """The plan is submitted and the officer told so; the failed send is logged for the retry to follow."""
    settings.EMAIL_BACKEND = "tests.plans.mail_backends.MailServerDownBackend"
    client.force_login(officer)

    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = submit(client, plan)

    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.pk}/approval/"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Done: ")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert mail.outbox == []
    # In-process (no broker) the send is tried once and logged with its traceback; a worker retries it.
    [warning] = [r for r in caplog.records if r.name == "plans.tasks"]
    assert warning.levelno == logging.WARNING
    assert "plans.send_transition_email could not send" in warning.getMessage()
    assert "Connection refused" in warning.getMessage()
    assert warning.exc_info[0] is ConnectionRefusedError
    assert PlanTransition.objects.filter(plan=plan, name="submit").exists()


def test_a_worker_retries_a_mail_error(plan, officer, policy, settings, monkeypatch):
    """Outside eager mode the mail error is raised for autoretry_for to retry with backoff."""
    settings.EMAIL_BACKEND = "tests.plans.mail_backends.MailServerDownBackend"
    record = PlanTransition.objects.create(
        plan=plan, name="submit", from_status="draft", to_status="submitted", actor=officer, reason="Ready"
    )
    retried = []

    def retry(**kwargs):
        retried.append(kwargs)
        raise RuntimeError("retry called")

    task = tasks.send_transition_email
    monkeypatch.setattr(task, "retry", retry)
    task.push_request(is_eager=False, retries=0)
    try:
        with pytest.raises(RuntimeError, match="retry called"):
            task.run(transition_id=record.pk)
    finally:
        task.pop_request()

    assert isinstance(retried[0]["exc"], ConnectionRefusedError)
    assert retried[0]["countdown"] >= 0


def test_a_broker_that_cannot_take_the_task_is_logged_never_raised(
    plan, officer, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broker_down(**kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tasks.send_transition_email, "delay", broker_down)

    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        plan_transition(plan=plan, user=officer, step_name="submit", reason="Ready")

    [record] = [r for r in caplog.records if r.name == "plans.tasks"]
    assert record.levelno == logging.ERROR
    assert "Could not queue plans.send_transition_email" in record.getMessage()
    assert record.exc_info[0] is ConnectionRefusedError


def test_the_email_tasks_retry_mail_errors_with_backoff_and_limits():
    for task in (tasks.send_transition_email, tasks.send_comment_email):
        assert set(task.autoretry_for) == {OSError, __import__("smtplib").SMTPException}
        assert task.retry_backoff
        assert task.max_retries == 8
        assert task.soft_time_limit < task.time_limit
        assert task.acks_late


def test_a_worker_that_gives_up_logs_an_error(caplog):
    task = tasks.send_transition_email
    error = ConnectionRefusedError(111, "Connection refused")

    with caplog.at_level(logging.INFO):
        task.on_failure(error, "task-123", (), {"transition_id": 5}, None)

    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert record.reference == "task-123"
    assert "gave up" in record.getMessage()


def test_a_new_comment_is_queued_on_commit(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(tasks.send_comment_email, "delay", lambda **kwargs: queued.append(kwargs))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tasks.comment_email_queue(comment_id=42)
    assert queued == []
    callbacks[0]()

    assert queued == [{"comment_id": 42}]
