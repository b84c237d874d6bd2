"""Who may open what: every role × every page of plans, risks, performance, committees and documents × whose object.

One table (``MATRIX``) says, for each view, the status a permitted user gets and who is permitted
where; everyone else signed in gets 403, and anonymous users are sent to sign in. The tests are
generated from it, one per cell (role × view × place).

Places (whose object a request is about), seen from the role's own unit:
- ``division``: the plan, register… of the role's own division
- ``directorate``: the directorate plan or register of the role's own directorate
- ``elsewhere``: a division's plan or register in another directorate
- ``council``: a committee meeting, which belongs to no unit
- ``none``: no object at all (the lists, a new meeting)
- ``missing``: an id that does not exist (404 for everyone signed in)

The data is built once per module and every test runs in a transaction that is rolled back,
so a permitted POST (a deletion, an approval) cannot change what the next test sees.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
import rules
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from committees import services as committee_services
from committees.clear_days import latest_publication_date
from committees.models import (
    Appendix,
    AppendixKind,
    BuildStatus,
    Meeting,
    PackBuild,
    PackFile,
    Supplement,
    Visibility,
)
from documents import storage
from documents.models import RenderJob, RenderStatus
from kcc_planning.roles import Role
from performance.models import ActualImport
from plans.models import KeyDecision, Plan
from plans.services.comments import comment_create
from plans.services.workflow import plan_transition
from risks.models import Register

from ..committees.factories import AgendaItemFactory, CoverReportFactory, MeetingFactory, pdf_bytes
from ..factories import (
    ActionFactory,
    DirectorateFactory,
    DirectoratePlanFactory,
    DivisionalPlanFactory,
    DivisionFactory,
    PlanYearFactory,
    PortfolioFactory,
    PriorityFactory,
    UserFactory,
    lead_for,
    officer_for,
)
from ..performance.factories import ActivityIndicatorFactory, KpiFactory
from ..risks.factories import CorporateRegisterFactory, DirectorateRegisterFactory, DivisionRegisterFactory, RiskFactory
from ..support.users import cabinet_member_for, user_in

ROLES = (
    "anonymous",
    "reader",  # signed in, no role: any member of staff
    "officer",  # an officer of the own division
    "other_unit_officer",  # an officer of another division of the same directorate
    "lead",  # a lead of the own directorate
    "cabinet",  # the Cabinet Member for the own division's portfolio
    "policy",
    "democratic",
    "committee",
    "administrators",  # the Administrators group
    "superuser",
)
SIGNED_IN = ROLES[1:]

UNIT_PLACES = ("division", "directorate", "elsewhere")
COUNCIL = ("council",)
NO_OBJECT = ("none",)
PLAN_AND_MISSING = (*UNIT_PLACES, "missing")
EVERYWHERE = frozenset({*UNIT_PLACES, *COUNCIL, *NO_OBJECT})
OWN_UNITS = frozenset({"division", "directorate"})

# Who is permitted where (role → places); the rest of the signed-in roles are refused.
EVERYONE_SIGNED_IN: Mapping[str, frozenset[str]] = dict.fromkeys(SIGNED_IN, EVERYWHERE)
ADMINISTRATORS = {"administrators": EVERYWHERE, "superuser": EVERYWHERE}
# Officers write their division's plan and register, leads their directorate's.
UNIT_AUTHORS = {**ADMINISTRATORS, "officer": frozenset({"division"}), "lead": frozenset({"directorate"})}
AUDIT_READERS = {**UNIT_AUTHORS, "lead": OWN_UNITS, "policy": EVERYWHERE}
# The Cabinet Member comments on (and approves) the plans of the divisions in their portfolio.
COMMENTERS = {**ADMINISTRATORS, "committee": EVERYWHERE, "cabinet": OWN_UNITS}
APPROVERS = {**ADMINISTRATORS, "lead": OWN_UNITS, "cabinet": OWN_UNITS}
MEETING_MANAGERS = {**ADMINISTRATORS, "democratic": EVERYWHERE}
FULL_PACK_READERS = {**MEETING_MANAGERS, "committee": EVERYWHERE}


def no_args(objects) -> list:
    return []


def no_data(objects) -> dict:
    return {}


def an_incomplete_form(objects) -> dict:
    """Binds the view's form without filling any field in, so the POST branch runs and saves nothing."""
    return {"incomplete": "yes"}


@dataclass(frozen=True)
class View:
    """One request to make on each place's object, who is permitted to make it, and what they get (``ok``)."""

    url_name: str
    args: Callable[[SimpleNamespace], list]
    may: Mapping[str, frozenset[str]]
    ok: int = 200
    method: str = "get"
    query: str = ""
    data: Callable[[SimpleNamespace], dict] = no_data
    places: tuple[str, ...] = UNIT_PLACES
    label: str = ""

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.url_name}{f' ({self.label})' if self.label else ''}"

    def expected(self, role: str, place: str) -> int:
        if role == "anonymous":
            return 302
        if place == "missing":
            return 404
        return self.ok if place in self.may.get(role, ()) else 403


def approval(objects) -> dict:
    return {
        "step": "approve",
        "approve-reason": "Approved by the Cabinet Committee.",
        "approve-decision_number": "12/01971",
        "approve-decided_on": "8/1/2013",
    }


def the_units_register(objects) -> dict:
    """Start the register of the place's unit; it exists already, so a permitted user is sent back to the list."""
    return {"level": objects.unit_level, "unit": objects.unit}


MATRIX = (
    # Plans.
    View("home:my_work", no_args, EVERYONE_SIGNED_IN, places=NO_OBJECT),
    View("plans:plan_list", no_args, EVERYONE_SIGNED_IN, places=NO_OBJECT),
    View("plans:plan_overview", lambda o: [o.plan], EVERYONE_SIGNED_IN, places=PLAN_AND_MISSING),
    View("plans:plan_read", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    View("plans:section_edit", lambda o: [o.plan, "priorities"], UNIT_AUTHORS),
    View("plans:section_edit", lambda o: [o.plan, "priorities"], UNIT_AUTHORS, method="post", data=an_incomplete_form),
    View("plans:priority_edit", lambda o: [o.plan, o.priority], UNIT_AUTHORS),
    View("plans:priority_edit", lambda o: [o.plan, o.priority], UNIT_AUTHORS, method="post", data=an_incomplete_form),
    View("plans:plan_pdf", lambda o: [o.plan], EVERYONE_SIGNED_IN, ok=302, method="post"),
    View("plans:plan_workflow", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    View("plans:plan_workflow", lambda o: [o.plan], APPROVERS, ok=302, method="post", data=approval, label="approve"),
    View("plans:plan_history", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    View("plans:plan_compare", lambda o: [o.plan], EVERYONE_SIGNED_IN, query="?from=v1&to=current"),
    View(
        "plans:plan_compare_pdf",
        lambda o: [o.plan],
        EVERYONE_SIGNED_IN,
        ok=302,
        method="post",
        data=lambda o: {"from": "v1", "to": "current"},
    ),
    View("plans:snapshot_view", lambda o: [o.plan, o.snapshot], EVERYONE_SIGNED_IN),
    View("plans:comment_create", lambda o: [o.plan, o.snapshot], COMMENTERS, query="?section=priorities"),
    View(
        "plans:comment_create",
        lambda o: [o.plan, o.snapshot],
        COMMENTERS,
        ok=302,
        method="post",
        data=lambda o: {"section": "priorities", "body": "Why is this late?"},
    ),
    # Replying to members' comments is for those who write the plan.
    View(
        "plans:comment_respond",
        lambda o: [o.plan, o.comment],
        UNIT_AUTHORS,
        ok=302,
        method="post",
        data=lambda o: {"body": "Done."},
    ),
    View("plans:plan_audit", lambda o: [o.plan], AUDIT_READERS),
    View("plans:plan_audit", lambda o: [o.plan], AUDIT_READERS, query="?format=csv", label="csv"),
    # Issue 12: the monitoring report (a draft plan's page says there is none; its PDF request goes back to it).
    View("plans:monitoring_report", lambda o: [o.plan], EVERYONE_SIGNED_IN, places=PLAN_AND_MISSING),
    View("plans:monitoring_report_pdf", lambda o: [o.plan], EVERYONE_SIGNED_IN, ok=302, method="post"),
    # Risk registers: read by everyone, written by the unit's officers or leads.
    View("risks:register_list", no_args, EVERYONE_SIGNED_IN, places=NO_OBJECT),
    View("risks:register_start", no_args, UNIT_AUTHORS, ok=302, method="post", data=the_units_register),
    View("risks:register_detail", lambda o: [o.register], EVERYONE_SIGNED_IN, places=PLAN_AND_MISSING),
    View("risks:register_heatmap", lambda o: [o.register], EVERYONE_SIGNED_IN),
    View("risks:register_export_csv", lambda o: [o.register], EVERYONE_SIGNED_IN),
    View("risks:register_export_xlsx", lambda o: [o.register], EVERYONE_SIGNED_IN),
    View("risks:register_pdf", lambda o: [o.register], EVERYONE_SIGNED_IN, ok=302, method="post"),
    View("risks:risk_create", lambda o: [o.register], UNIT_AUTHORS),
    View("risks:risk_create", lambda o: [o.register], UNIT_AUTHORS, method="post", data=an_incomplete_form),
    View("risks:risk_detail", lambda o: [o.risk], EVERYONE_SIGNED_IN, places=PLAN_AND_MISSING),
    View("risks:risk_edit", lambda o: [o.risk], UNIT_AUTHORS),
    View("risks:risk_edit", lambda o: [o.risk], UNIT_AUTHORS, method="post", data=an_incomplete_form),
    View("risks:risk_review", lambda o: [o.risk], UNIT_AUTHORS),
    View("risks:risk_review", lambda o: [o.risk], UNIT_AUTHORS, method="post", data=an_incomplete_form),
    View("risks:risk_delete", lambda o: [o.risk], UNIT_AUTHORS),
    View("risks:risk_delete", lambda o: [o.risk], UNIT_AUTHORS, ok=302, method="post"),
    # Performance: read by everyone, recorded and defined by those who write the plan.
    View("performance:dashboard_list", no_args, EVERYONE_SIGNED_IN, places=NO_OBJECT),
    View("performance:plan_indicators", lambda o: [o.plan], EVERYONE_SIGNED_IN, places=PLAN_AND_MISSING),
    View("performance:dashboard", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    View("performance:dashboard_pdf", lambda o: [o.plan], EVERYONE_SIGNED_IN, ok=302, method="post"),
    View("performance:kpi_create", lambda o: [o.plan], UNIT_AUTHORS),
    View("performance:kpi_create", lambda o: [o.plan], UNIT_AUTHORS, ok=400, method="post", data=an_incomplete_form),
    View("performance:kpi_edit", lambda o: [o.plan, o.kpi], UNIT_AUTHORS),
    View("performance:activity_create", lambda o: [o.plan], UNIT_AUTHORS),
    View("performance:activity_edit", lambda o: [o.plan, o.activity], UNIT_AUTHORS),
    View(
        "performance:activity_edit",
        lambda o: [o.plan, o.activity],
        UNIT_AUTHORS,
        ok=400,
        method="post",
        data=an_incomplete_form,
    ),
    View("performance:entry_index", lambda o: [o.plan], UNIT_AUTHORS),
    View("performance:period_entry", lambda o: [o.plan, "2013-Q1"], UNIT_AUTHORS),
    View(
        "performance:period_entry",
        lambda o: [o.plan, "2013-Q1"],
        UNIT_AUTHORS,
        ok=302,
        method="post",
        data=an_incomplete_form,
    ),
    View("performance:import_upload", lambda o: [o.plan], UNIT_AUTHORS),
    View("performance:import_upload", lambda o: [o.plan], UNIT_AUTHORS, ok=400, method="post", data=an_incomplete_form),
    View("performance:import_confirm", lambda o: [o.plan, o.held_import], UNIT_AUTHORS),
    View(
        "performance:import_confirm",
        lambda o: [o.plan, o.held_import],
        UNIT_AUTHORS,
        ok=302,
        method="post",
        data=lambda o: {"action": "cancel"},
    ),
    View("performance:export_kpis_csv", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    View("performance:export_activity_csv", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    View("performance:export_json", lambda o: [o.plan], EVERYONE_SIGNED_IN),
    # Committees: meetings belong to no unit; democratic services run them.
    View("committees:meeting_list", no_args, EVERYONE_SIGNED_IN, places=NO_OBJECT),
    View("committees:meeting_create", no_args, MEETING_MANAGERS, places=NO_OBJECT),
    View(
        "committees:meeting_create",
        no_args,
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=NO_OBJECT,
    ),
    View("committees:meeting_detail", lambda o: [o.meeting], EVERYONE_SIGNED_IN, places=(*COUNCIL, "missing")),
    View("committees:item_create", lambda o: [o.meeting], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:item_create",
        lambda o: [o.meeting],
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
    ),
    View("committees:item_edit", lambda o: [o.meeting, o.item], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:item_edit",
        lambda o: [o.meeting, o.item],
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
    ),
    View(
        "committees:item_move",
        lambda o: [o.meeting, o.item],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        data=lambda o: {"direction": "down"},
        places=COUNCIL,
    ),
    # Deleting asks first: the GET is the confirmation page, only the POST deletes (issue 16 item 5).
    View("committees:item_delete", lambda o: [o.meeting, o.item], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:item_delete",
        lambda o: [o.meeting, o.item],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        places=COUNCIL,
    ),
    View(
        "committees:section_reorder",
        lambda o: [o.meeting, "B"],
        MEETING_MANAGERS,
        method="post",
        data=lambda o: {"order": o.section_b_reversed},
        places=COUNCIL,
    ),
    View("committees:report_create", lambda o: [o.meeting, o.item], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:report_create",
        lambda o: [o.meeting, o.item],
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
    ),
    View("committees:paper_upload", lambda o: [o.meeting, o.item], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:paper_upload",
        lambda o: [o.meeting, o.item],
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
    ),
    View("committees:paper_detail", lambda o: [o.meeting, o.report], EVERYONE_SIGNED_IN, places=COUNCIL),
    View(
        "committees:paper_detail",
        lambda o: [o.meeting, o.exempt_report],
        FULL_PACK_READERS,
        places=COUNCIL,
        label="exempt",
    ),
    View(
        "committees:paper_detail",
        lambda o: [o.meeting, o.report],
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
        label="add an appendix",
    ),
    View("committees:report_edit", lambda o: [o.meeting, o.report], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:report_edit",
        lambda o: [o.meeting, o.report],
        MEETING_MANAGERS,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
    ),
    View("committees:paper_delete", lambda o: [o.meeting, o.upload], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:paper_delete",
        lambda o: [o.meeting, o.upload],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        places=COUNCIL,
    ),
    View("committees:paper_file", lambda o: [o.meeting, o.upload], EVERYONE_SIGNED_IN, places=COUNCIL),
    View(
        "committees:paper_file",
        lambda o: [o.meeting, o.exempt_upload],
        FULL_PACK_READERS,
        places=COUNCIL,
        label="exempt",
    ),
    View("committees:appendix_delete", lambda o: [o.meeting, o.appendix], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:appendix_delete",
        lambda o: [o.meeting, o.appendix],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        places=COUNCIL,
    ),
    View(
        "committees:pack_build",
        lambda o: [o.meeting],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        data=lambda o: {"published_on": latest_publication_date(Meeting.objects.get(pk=o.meeting).date).isoformat()},
        places=COUNCIL,
    ),
    View("committees:pack_build_status", lambda o: [o.meeting, o.build], EVERYONE_SIGNED_IN, places=COUNCIL),
    View(
        "committees:pack_publish",
        lambda o: [o.meeting, o.build],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        places=COUNCIL,
    ),
    View(
        "committees:pack_download",
        lambda o: [o.meeting, o.build, "public"],
        EVERYONE_SIGNED_IN,
        places=COUNCIL,
        label="public",
    ),
    View(
        "committees:pack_download",
        lambda o: [o.meeting, o.build, "full"],
        FULL_PACK_READERS,
        places=COUNCIL,
        label="full",
    ),
    # Supplementary packs (issue 13): issued and built again by whoever builds packs; followed as packs above.
    View("committees:supplement_create", lambda o: [o.meeting], MEETING_MANAGERS, places=COUNCIL),
    View(
        "committees:supplement_create",
        lambda o: [o.meeting],
        MEETING_MANAGERS,
        ok=400,
        method="post",
        data=an_incomplete_form,
        places=COUNCIL,
    ),
    View(
        "committees:supplement_rebuild",
        lambda o: [o.meeting, 1],
        MEETING_MANAGERS,
        ok=302,
        method="post",
        places=COUNCIL,
    ),
    # The decision cycle (issue 13): the Forward Plan, decisions, minutes and private meeting notices.
    View("committees:forward_plan", no_args, MEETING_MANAGERS, places=NO_OBJECT),
    View("committees:entry_create", no_args, MEETING_MANAGERS, places=NO_OBJECT),
    View("committees:decision_list", no_args, MEETING_MANAGERS, places=NO_OBJECT),
    View("committees:decision_create", no_args, MEETING_MANAGERS, places=NO_OBJECT),
    # A plan's key decision put in the Forward Plan: only those who keep the Forward Plan add or link it.
    View("committees:key_decision_add", lambda o: [o.key_decision], MEETING_MANAGERS),
    View("committees:key_decision_link", lambda o: [o.key_decision], MEETING_MANAGERS),
    View("committees:minutes_detail", lambda o: [o.meeting], MEETING_MANAGERS, places=COUNCIL),
    View("committees:minutes_start", lambda o: [o.meeting], MEETING_MANAGERS, ok=302, method="post", places=COUNCIL),
    View("committees:notices", lambda o: [o.meeting], MEETING_MANAGERS, places=COUNCIL),
    # The document pipeline: a job is followed by whoever may render its subject (every reader of a plan).
    View("documents:render_job_status", lambda o: [o.job], EVERYONE_SIGNED_IN, places=PLAN_AND_MISSING),
    View("documents:render_job_download", lambda o: [o.job], EVERYONE_SIGNED_IN),
)


def _cells():
    for role in ROLES:
        for view in MATRIX:
            for place in view.places:
                expected = view.expected(role, place)
                yield pytest.param(role, view, place, id=f"{role}-{view.name}-{place}-{expected}")


# --- The one set of data ---------------------------------------------------------------------------------------


def _plan_with_committee_snapshot(plan, admin) -> SimpleNamespace:
    """A plan sent to the Cabinet Committee (so editable again, with a snapshot members comment on)."""
    priority = PriorityFactory(plan=plan)
    ActionFactory(priority=priority, accountable_officer="Paul Royel")
    for step in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=step, reason="Matrix set-up")
    snapshot = plan.snapshots.get()
    comment = comment_create(snapshot=snapshot, author=admin, section="priorities", row_key="", body="Is it costed?")
    decision = KeyDecision.objects.create(priority=priority, description="Adopt the operating model", position=1)
    return SimpleNamespace(
        plan=plan.pk, priority=priority.pk, snapshot=snapshot.pk, comment=comment.pk, key_decision=decision.pk
    )


def _stored(folder: str, content: bytes) -> tuple[str, str]:
    """Write ``content`` to private storage as a worker would; (file name, checksum)."""
    checksum = hashlib.sha256(content).hexdigest()
    path = storage.root() / folder / f"{checksum}-{uuid.uuid4().hex}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return str(path.relative_to(storage.root())), checksum


def _finished_job(plan) -> str:
    file_name, checksum = _stored(storage.FOLDER, b"%PDF-1.7 matrix")
    job = RenderJob.objects.create(
        subject=plan,
        options={"renderer": "plan", "options": {}},
        status=RenderStatus.DONE,
        file_name=file_name,
        checksum=checksum,
        page_count=1,
        download_name="plan.pdf",
    )
    return str(job.pk)


def _unit_objects(plan, register, admin) -> SimpleNamespace:
    objects = _plan_with_committee_snapshot(plan, admin)
    objects.register = register.pk
    objects.risk = RiskFactory(register=register).pk
    objects.kpi = KpiFactory(plan=plan).pk
    objects.activity = ActivityIndicatorFactory(plan=plan).pk
    objects.held_import = ActualImport.objects.create(plan=plan, uploaded_by=admin, file_name="actuals.xlsx").pk
    objects.job = _finished_job(plan)
    return objects


def _meeting_objects(division_snapshot: int) -> SimpleNamespace:
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, section="B", title="Annual Business Plans")
    second = AgendaItemFactory(meeting=meeting, section="B", title="Performance Benchmarking")
    report = CoverReportFactory(item=item)
    appendix = Appendix.objects.create(
        paper=report, title="Business plan", kind=AppendixKind.PLAN_SNAPSHOT, snapshot_id=division_snapshot
    )
    upload = committee_services.paper_upload(
        item=item, title="Minutes", upload=SimpleUploadedFile("minutes.pdf", pdf_bytes("MINUTES"))
    )
    exempt = AgendaItemFactory(
        meeting=meeting, section="E", title="Contract award", exempt=True, exempt_paragraph=3, public_title="Contract"
    )
    exempt_report = CoverReportFactory(item=exempt)
    exempt_upload = committee_services.paper_upload(
        item=exempt, title="Tender evaluation", upload=SimpleUploadedFile("tender.pdf", pdf_bytes("TENDER"))
    )
    build = PackBuild.objects.create(
        meeting=meeting, status=BuildStatus.DONE, progress=100, published_on=datetime.date(2012, 12, 21)
    )
    Supplement.objects.create(meeting=meeting, number=1, reason="The contract must be awarded this month.")
    for visibility in (Visibility.FULL, Visibility.PUBLIC):
        file_name, checksum = _stored("packs", b"%PDF-1.7 pack")
        PackFile.objects.create(
            build=build, visibility=visibility, file_name=file_name, checksum=checksum, page_count=1, size=13
        )
    return SimpleNamespace(
        meeting=meeting.pk,
        item=item.pk,
        report=report.pk,
        appendix=appendix.pk,
        upload=upload.pk,
        exempt_report=exempt_report.pk,
        exempt_upload=exempt_upload.pk,
        build=str(build.pk),
        section_b_reversed=[second.pk, item.pk],
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every role's user and the objects of every place, built once and rolled back after the module."""
    private = tmp_path_factory.mktemp("private")
    with django_db_blocker.unblock(), override_settings(PRIVATE_STORAGE_ROOT=private), transaction.atomic():
        admin = user_in(Role.ADMINISTRATOR, "matrix_administrators")
        year = PlanYearFactory(start_year=2013)
        own_directorate = DirectorateFactory(plan_year=year)
        own_division = DivisionFactory(directorate=own_directorate, portfolio=PortfolioFactory(plan_year=year))
        sibling_division = DivisionFactory(directorate=own_directorate)
        elsewhere = DivisionFactory(directorate=DirectorateFactory(plan_year=year))
        places = {
            "division": _unit_objects(
                DivisionalPlanFactory(division=own_division), DivisionRegisterFactory(division=own_division), admin
            ),
            "directorate": _unit_objects(
                DirectoratePlanFactory(directorate=own_directorate),
                DirectorateRegisterFactory(directorate=own_directorate),
                admin,
            ),
            "elsewhere": _unit_objects(
                DivisionalPlanFactory(division=elsewhere), DivisionRegisterFactory(division=elsewhere), admin
            ),
        }
        places["council"] = _meeting_objects(places["division"].snapshot)
        places["none"] = SimpleNamespace()
        places["missing"] = SimpleNamespace(
            plan=987654, register=987654, risk=987654, meeting=987654, job=str(uuid.uuid4())
        )
        users = {
            "reader": UserFactory(username="matrix_reader"),
            "officer": officer_for(own_division, "matrix_officer"),
            "other_unit_officer": officer_for(sibling_division, "matrix_other_unit_officer"),
            "lead": lead_for(own_directorate, "matrix_lead"),
            "cabinet": cabinet_member_for(own_division.portfolio, "matrix_cabinet"),
            "policy": user_in(Role.POLICY_TEAM, "matrix_policy"),
            "democratic": user_in(Role.DEMOCRATIC_SERVICES, "matrix_democratic"),
            "committee": user_in(Role.COMMITTEE_MEMBER, "matrix_committee"),
            "administrators": admin,
            "superuser": UserFactory(username="matrix_superuser", is_superuser=True, is_staff=True),
        }
        # Each role signs in once: a sign-in per test would cost as much as the request under test.
        sessions = {}
        for role, user in users.items():
            signing_in = Client()
            signing_in.force_login(user)
            sessions[role] = signing_in.cookies[django_settings.SESSION_COOKIE_NAME].value
        for place, level, unit in (
            ("division", "division", own_division),
            ("directorate", "directorate", own_directorate),
            ("elsewhere", "division", elsewhere),
        ):
            places[place].unit_level, places[place].unit = level, unit.pk
        corporate = CorporateRegisterFactory(plan_year=year)
        yield SimpleNamespace(
            places=places, users=users, sessions=sessions, private=private, corporate_register=corporate
        )
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _world_storage(settings, world):
    """The module's files stay where the world put them (the shared fixture gives each test a fresh folder)."""
    settings.PRIVATE_STORAGE_ROOT = world.private


@pytest.mark.parametrize(("role", "view", "place"), list(_cells()))
def test_permission_matrix(client, db, world, role, view, place):
    """The role gets exactly the status the table says for the view on that place's object."""
    if role != "anonymous":
        client.cookies[django_settings.SESSION_COOKIE_NAME] = world.sessions[role]
    objects = world.places[place]
    url = reverse(view.url_name, args=view.args(objects)) + view.query
    response = client.post(url, view.data(objects)) if view.method == "post" else client.get(url)
    expected = view.expected(role, place)
    assert response.status_code == expected, f"{view.name} on {place} as {role}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        # Every page's text fields, in every app: the browser must never cut pasted text short (issue 10).
        assert "maxlength" not in response.content.decode(), f"{view.name} has a maxlength field"
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login")), "anonymous users are sent to sign in"


# --- One administrator rule ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_administrators_group_and_a_superuser_get_the_same_answer_from_every_rule(world):
    """Every app's rules treat the Administrators group exactly as a superuser, on every kind of object they judge.

    The rules are asked directly: ``user.has_perm`` says yes to any active superuser without asking them.
    """
    unit_places = [world.places[place] for place in UNIT_PLACES]
    plans = list(Plan.objects.filter(pk__in=[objects.plan for objects in unit_places]))
    registers = [
        *Register.objects.filter(pk__in=[objects.register for objects in unit_places]),
        world.corporate_register,
    ]
    subjects_by_app = {
        "plans": [None, *plans],
        "performance": [None, *plans],
        "risks": [None, *registers],
        "committees": [None, Meeting.objects.get(pk=world.places["council"].meeting)],
    }
    names = [name for name in sorted(rules.permissions.permissions) if name.split(".")[0] in subjects_by_app]
    assert {name.split(".")[0] for name in names} == set(subjects_by_app), "every app's rules are loaded"
    administrators, superuser = world.users["administrators"], world.users["superuser"]
    differences = [
        f"{name} on {subject!r}"
        for name in names
        for subject in subjects_by_app[name.split(".")[0]]
        if rules.has_perm(name, administrators, subject) != rules.has_perm(name, superuser, subject)
    ]
    assert differences == []
