"""The demo fixtures carry the seeds' plans as printed, and ``load_demo`` loads them safely and repeatably."""

import datetime
import json
import shutil
import time
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from plans import models
from plans.demo import DEMO_PASSWORD, FIXTURES_DIR, demo_load
from plans.demo.files import Node, pounds
from plans.selectors import plan_document, plan_get

pytestmark = pytest.mark.django_db

BSS, SCS = "Business Strategy & Support", "Strategic and Corporate Services"


def divisional_plan(name: str) -> models.Plan:
    return plan_get(plan_id=models.Plan.objects.get(division__name=name, directorate__plan_year__start_year=2013).pk)


def directorate_plan() -> models.Plan:
    return plan_get(plan_id=models.Plan.objects.get(kind=models.PlanKind.DIRECTORATE, directorate__name=SCS).pk)


def all_actions(document: dict) -> list:
    return [
        action for priority in document["priorities"] for top in priority.top_actions for action in [top, *top.children]
    ]


def fixture(name: str) -> dict:
    return json.loads((FIXTURES_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for a class of read-only tests, rolled back after the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load(with_users=False, with_app_demos=False)
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo")
class TestSeedContent:
    """Read-only checks on one load of the demo."""

    def test_hr_plan_has_six_priorities_and_actions_1_to_28(self):
        """The HR plan has the seed's 6 priorities; top-level actions run 1-28 across them; 28.1 is the last."""
        document = plan_document(plan=divisional_plan("Human Resources"))

        assert [p.title for p in document["priorities"]] == [
            "Prevention",
            "Productivity",
            "Partnership",
            "Procurement",
            "People",
            "Financial and Policy Challenges",
        ]
        top_numbers = [top.number for p in document["priorities"] for top in p.top_actions]
        assert top_numbers == [str(n) for n in range(1, 29)]
        numbers = [action.number for action in all_actions(document)]
        assert numbers[-1] == "28.1"
        assert len(numbers) == 28 + 62
        assert document["priorities"][1].top_actions[0].number == "4"  # priority 2 starts at action 4

    def test_hr_milestone_c_of_priority_1_cites_action_2_3_in_june_2013(self):
        """Milestone C of priority 1 cites action 2.3 ("(2.3)" in the seed) and is dated June 2013."""
        priority = plan_document(plan=divisional_plan("Human Resources"))["priorities"][0]
        milestone = priority.milestones.all()[2]

        assert milestone.letter == "C"
        assert milestone.title == "Identify reasons for turnover in SCS and propose interventions to address"
        assert milestone.action_number == "2.3"
        assert milestone.action.title == "Support retention of staff within Children's Specialist Services"
        assert (milestone.due_text, milestone.due_month) == ("June 2013", datetime.date(2013, 6, 1))

    def test_hr_dates_are_kept_exactly_as_printed(self):
        """Start and end text is stored as printed; a month is read only where the text names one."""
        actions = {a.number: a for a in all_actions(plan_document(plan=divisional_plan("Human Resources")))}

        assert actions["1.1"].start_text == "To be agreed – subject to directorate Business Plans"
        assert actions["1.1"].start_month is None
        assert actions["1.3"].end_text == "Ongoing into 2014"
        assert (actions["9.1"].start_text, actions["9.1"].start_month) == ("April13", datetime.date(2013, 4, 1))
        assert actions["25.3"].start_text == "April 2013 TBC (subject to event planning)"
        assert actions["28.1"].accountable_officer == "Lindsay Horne"

    def test_hr_plan_sections_as_printed(self):
        """Executive summary, section B headings, business continuity (3 functions, payroll in 3 days) and section G."""
        plan = divisional_plan("Human Resources")
        document = plan_document(plan=plan)

        assert plan.status == models.PlanStatus.DRAFT
        assert (plan.summary_gross_expenditure, plan.summary_fte) == ("TBC – Feb 2013", "TBC – Feb 2013")
        assert [b.heading for b in document["narrative"]["mtp_contribution"]] == [
            "",
            "HELP THE ECONOMY GROW",
            "PUT THE CITIZEN IN CONTROL",
            "TACKLE DISADVANTAGE",
        ]
        functions = document["critical_functions"]
        assert len(functions) == 3
        assert {f.function: f.timescale for f in functions}["Running of all payrolls"] == "3 days"
        assert len(document["support_requests"]) == 12
        assert document["resource_lines"] == []  # section D is empty in the seed's draft
        assert plan.resources_note == "To be completed in February 2013, once budget is approved by County Council."
        assert [d.description for p in document["priorities"] for d in p.key_decisions.all()] == ["N/A"] * 6

    def test_governance_and_law_plan_is_complete(self):
        """All of the seed's Governance and Law plan: 6 priorities, 18 actions, 21 sub-actions, 17 milestones."""
        plan = divisional_plan("Governance & Law")
        document = plan_document(plan=plan)
        priorities = document["priorities"]

        assert [p.title for p in priorities][:2] == ["PREVENTION", "PRODUCTIVITY"]
        assert [len(p.top_actions) for p in priorities] == [2, 3, 3, 3, 5, 2]
        assert sum(len(top.children) for p in priorities for top in p.top_actions) == 21
        assert [len(p.milestones.all()) for p in priorities] == [3, 2, 2, 3, 4, 3]
        assert sum(len(p.key_decisions.all()) for p in priorities) == 4
        # The seed skips action numbers 3 and 4; numbers are derived, so the app numbers continuously.
        assert [top.number for top in priorities[1].top_actions] == ["3", "4", "5"]
        assert priorities[1].top_actions[0].title.startswith("Increase external income from academies")
        assert priorities[0].description.splitlines()[0].startswith("• provide guidance, training and support")
        assert plan.summary_heads_of_service.startswith("James Pigott, Ben Watts (Legal Services)")
        assert [f.timescale for f in document["critical_functions"]] == ["1 hr", "4 hrs", "3 hrs", "2 hrs", "4 hrs"]
        assert len(document["support_requests"]) == 8

    def test_2017_18_plan_priorities_status_and_tables(self):
        """The directorate plan has its 11 priorities, its committee status, 57 services and 24 commissioning rows."""
        plan = directorate_plan()
        document = plan_document(plan=plan)

        assert len(document["priorities"]) == 11
        assert document["priorities"][9].title == (
            "Maximise opportunities to increase apprenticeships in Kent through the Apprenticeship Levy."
        )
        assert (plan.status, plan.status_note) == (
            models.PlanStatus.WITH_COMMITTEE,
            "Final draft for Cabinet Committee, 23rd February 2017",
        )
        assert len(document["priority_progress"]) == 13
        assert len(document["priority_progress"][0].progress_points) == 5
        assert len(document["services"]) == 57
        assert document["services"][-1].contract_end == "Amey and Skanska - October 2019; Kier - January 2020"
        assert {s.group for s in document["services"]} >= {
            "Services provided by Invicta Law (commissioned by General Counsel)"
        }
        sections = set(document["narrative"])
        assert sections == {
            "executive_summary",
            "foreword",
            "role_purpose",
            "operating_environment",
            "risks",
            "priorities",
            "od_priorities",
            "monitoring",
        }

    def test_2017_18_commissioning_values_are_pounds_with_their_qualifier(self):
        """Expected values are Decimal pounds: '£36.3m' → 36,300,000; '£1.1m (p/a)' keeps 'p/a'; 'N/A' → no value."""
        rows = {row.name: row for row in plan_document(plan=directorate_plan())["commissioning"]}

        assert len(rows) == 24
        assert (rows["Agilisys contract"].expected_value, rows["Agilisys contract"].expected_value_note) == (
            Decimal("36300000"),
            "",
        )
        true_up = rows["Microsoft Software True-Up Licensing"]
        assert (true_up.expected_value, true_up.expected_value_note) == (Decimal("1100000"), "p/a")
        telephony = rows["Telephony Services"]
        assert (telephony.expected_value, telephony.expected_value_note) == (
            Decimal("70000"),
            "current quarterly value",
        )
        assert rows["Contract Reviews"].expected_value is None
        assert rows["Kent Health & Wellbeing Strategy"].public_consultation == models.Consultation.YES
        assert rows["Asbestos Framework"].public_consultation == models.Consultation.NOT_APPLICABLE

    def test_2017_18_resources_totals_are_computed_not_copied(self):
        """Totals come out as printed (gross 119,400.5, net 62,826.0) but staffing is the true sum, 46,137.0."""
        document = plan_document(plan=directorate_plan())
        printed = fixture("plan_2017_18_strategic_and_corporate_services.json")["resources"]
        totals = document["resource_totals"]

        assert len(document["resource_lines"]) == 8
        assert totals["gross_expenditure"] == Decimal("119400.5")
        assert totals["net_cost"] == Decimal("62826.0")
        assert totals["staffing"] == Decimal("46137.0")
        assert printed["printed_totals"]["staffing"] == "46,137.6"  # the seed's slip is not reproduced
        for line, row in zip(document["resource_lines"], printed["lines"], strict=True):
            assert line.gross_expenditure == Decimal(row["printed"]["gross_expenditure"].replace(",", ""))
            assert line.net_cost == Decimal(row["printed"]["net_cost"].replace(",", ""))

    def test_2017_18_fte_total_is_the_sum_of_the_printed_rows(self):
        """FTE by division: 7 rows; the total is their sum (1,196.6), while the seed prints 1,196.7 (rounded rows)."""
        document = plan_document(plan=directorate_plan())
        printed = fixture("plan_2017_18_strategic_and_corporate_services.json")["resources"]

        assert [line.fte for line in document["staffing_lines"]] == [
            Decimal(row["fte"]) for row in printed["staffing_lines"]
        ]
        assert document["staffing_total"] == Decimal("1196.6")
        assert printed["printed_fte_total"] == "1,196.7"

    def test_2013_14_plans_keep_their_names_after_the_2017_18_structure(self):
        """Old plans show the 2013-14 names; the 2017-18 units that carry on link back with ``continues``."""
        hr, gl = divisional_plan("Human Resources"), divisional_plan("Governance & Law")

        assert (hr.unit_name, hr.directorate.name, hr.plan_year.label) == ("Human Resources", BSS, "2013-14")
        assert (gl.unit_name, gl.directorate.name) == ("Governance & Law", BSS)
        later = models.Division.objects.get(name="Governance and Law", directorate__plan_year__start_year=2017)
        assert later.continues == gl.division
        assert later.directorate.continues == hr.directorate
        assert (
            models.Division.objects.get(name="Engagement, Organisation Design and Development").continues == hr.division
        )
        assert hr.division.portfolio.cabinet_member.name == "Roger Gough"
        assert directorate_plan().directorate.corporate_director.name == "David Cockburn"


def _counts() -> dict[str, int]:
    tracked = (
        models.PlanYear,
        models.Person,
        models.Portfolio,
        models.Directorate,
        models.Division,
        models.Plan,
        models.Priority,
        models.Action,
        models.Milestone,
        models.KeyDecision,
        models.NarrativeBlock,
        models.ResourceLine,
        models.StaffingLine,
        models.CriticalFunction,
        models.SupportRequest,
        models.PriorityProgress,
        models.ServiceProvision,
        models.CommissioningActivity,
        get_user_model(),
    )
    return {model.__name__: model.objects.count() for model in tracked}


def test_loading_twice_leaves_one_copy():
    """A second load leaves the same rows, and a plan edited in the demo keeps its edits."""
    demo_load()
    first = _counts()
    plan = divisional_plan("Human Resources")
    models.Priority.objects.filter(plan=plan).update(title="Edited in the demo")

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert _counts() == first
    assert models.Priority.objects.filter(title="Edited in the demo").count() == 6
    assert out.getvalue().count("Kept Divisional") + out.getvalue().count("Kept Strategic") == 3
    assert first["Plan"] == 3
    assert first["Division"] == 12
    assert first["PlanYear"] == 2


def test_demo_users_have_the_printed_password_and_roles():
    """Each demo login has the printed password and its role: the HR officer edits the HR plan only, and so on."""
    demo_load(with_app_demos=False)
    hr, gl = divisional_plan("Human Resources"), divisional_plan("Governance & Law")
    users = {user.username: user for user in get_user_model().objects.all()}

    assert set(users) == {
        "hr_officer",
        "gl_officer",
        "bss_lead",
        "scs_lead",
        "member",
        "policy_officer",
        "dem_services",
        "admin",
    }
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())
    assert users["hr_officer"].has_perm("plans.change_plan", hr)
    assert not users["hr_officer"].has_perm("plans.change_plan", gl)
    # Governance and Law is approved in the demo (fixtures/approval_*.json): its officer records progress on it.
    assert users["gl_officer"].has_perm("plans.update_progress", gl)
    assert not users["gl_officer"].has_perm("plans.update_progress", hr)
    assert users["member"].has_perm("plans.view_plan", hr)
    assert not users["member"].has_perm("plans.change_plan", hr)
    assert users["member"].has_perm("plans.comment_on_plan", hr)
    assert users["policy_officer"].has_perm("plans.review_plan", hr)
    assert not users["policy_officer"].has_perm("plans.change_plan", hr)
    assert users["dem_services"].has_perm("plans.publish_plan", hr)
    assert users["bss_lead"].has_perm("plans.approve_plan", hr)
    assert users["bss_lead"].person in hr.directorate.leads.all()
    assert users["scs_lead"].person in directorate_plan().directorate.leads.all()
    assert users["admin"].is_superuser
    assert users["admin"].is_staff


def test_command_loads_every_file_and_prints_the_logins():
    """``load_demo`` loads every fixture file end to end (other apps' too) and prints each login with the password."""
    out = StringIO()
    call_command("load_demo", stdout=out)

    output = out.getvalue()
    plan_files = sorted(FIXTURES_DIR.glob("plan_*.json"))
    assert models.Plan.objects.count() == len(plan_files) == 3
    assert output.count("Loaded Divisional") + output.count("Loaded Strategic") == len(plan_files)
    assert f"password for each: {DEMO_PASSWORD}" in output
    for username in (
        "hr_officer",
        "gl_officer",
        "bss_lead",
        "scs_lead",
        "member",
        "policy_officer",
        "dem_services",
        "admin",
    ):
        assert f"  {username} " in output
    assert "numbers actions with gaps" in output  # Governance and Law's printed numbering


def test_loading_the_plans_is_quick():
    """The organisation, the three plans and the users load in well under 10 seconds."""
    started = time.perf_counter()
    demo_load(with_app_demos=False)

    assert time.perf_counter() - started < 10


def test_other_apps_demo_loaders_run_after_the_plans(monkeypatch):
    """Each app's ``demo.load(stdout=…, fixtures_dir=…)`` runs after the plans exist, so it can add to them."""
    seen = []

    def risks_demo(*, stdout, fixtures_dir):
        seen.append(models.Plan.objects.count())
        stdout.write("Risk demo loaded.")

    monkeypatch.setattr("plans.demo.app_demo_loaders", lambda: [("risks", risks_demo)])
    out = StringIO()
    call_command("load_demo", "--no-users", stdout=out)

    assert seen == [3]
    assert "Risk demo loaded." in out.getvalue()


def test_a_failing_app_demo_rolls_the_whole_load_back(monkeypatch):
    """If another app's demo data cannot be loaded, the command says which app and nothing is kept."""

    def broken(*, stdout, fixtures_dir):
        raise ValueError("risks_register.json: 'risks' is missing")

    monkeypatch.setattr("plans.demo.app_demo_loaders", lambda: [("risks", broken)])

    with pytest.raises(CommandError, match=r"the risks demo data \(ValueError: risks_register.json"):
        call_command("load_demo", stdout=StringIO())

    assert not models.Plan.objects.exists()
    assert not get_user_model().objects.exists()


def test_command_without_users_creates_none():
    """``load_demo --no-users`` loads the plans and creates no logins."""
    out = StringIO()
    call_command("load_demo", "--no-users", stdout=out)

    assert models.Plan.objects.count() == 3
    assert not get_user_model().objects.exists()
    assert "Demo logins" not in out.getvalue()


def _broken(tmp_path, name, change):
    folder = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, folder)
    path = folder / name
    if callable(change):
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_text(change, encoding="utf-8")
    return folder


HR_FILE = "plan_2013_14_human_resources.json"
SCS_FILE = "plan_2017_18_strategic_and_corporate_services.json"


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (HR_FILE, '{"document": "divisional_plan",', f"{HR_FILE}: not valid JSON at line 1"),
        (
            HR_FILE,
            lambda d: d["priorities"][0]["actions"][0].pop("title"),
            "priorities[0].actions[0]: 'title' is missing",
        ),
        (HR_FILE, lambda d: d["priorities"][0]["milestones"][2].update(action="2.9"), "cites action 2.9"),
        (HR_FILE, lambda d: d.update(division="Human Resource"), "division 'Human Resource' is not a division"),
        (HR_FILE, lambda d: d.update(plan_year="2013/14"), "financial year written like 2013-14"),
        (HR_FILE, lambda d: d["priorities"][0]["actions"][1]["sub_actions"][0].update(end="March 2012"), "end_text"),
        (HR_FILE, lambda d: d.update(status="finished"), "status"),
        (SCS_FILE, lambda d: d["resources"]["lines"][0].update(staffing="534.0"), "gross_expenditure is printed"),
        (SCS_FILE, lambda d: d["commissioning"][2].update(expected_value="about £36m"), "expected_value"),
        (SCS_FILE, lambda d: d["priorities"][6].update(title="x" * 301), "priorities[6]"),
        ("organisation_2017_18.json", lambda d: d["directorates"][0]["divisions"][2].update(continues="G&L"), "G&L"),
    ],
)
def test_a_bad_file_is_a_clear_command_error_and_nothing_is_written(tmp_path, name, change, message):
    """A broken fixture gives a CommandError naming the file and entry; the whole load is rolled back."""
    folder = _broken(tmp_path, name, change)

    with pytest.raises(CommandError, match="Demo not loaded, nothing was changed") as raised:
        call_command("load_demo", fixtures_dir=folder, stdout=StringIO())

    assert message in str(raised.value)
    assert not models.PlanYear.objects.exists()
    assert not models.Plan.objects.exists()


def test_an_empty_fixtures_folder_is_a_clear_error(tmp_path):
    """Pointing the command at a folder with no fixture files says so."""
    with pytest.raises(CommandError, match="no fixture files"):
        call_command("load_demo", fixtures_dir=tmp_path, stdout=StringIO())


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("£36.3m", (Decimal("36300000.00"), "")),
        ("£1.1m (p/a)", (Decimal("1100000.00"), "p/a")),
        ("£0.07m (current quarterly value)", (Decimal("70000.00"), "current quarterly value")),
        ("£0.15m", (Decimal("150000.00"), "")),
        ("£950k", (Decimal("950000.00"), "")),
        ("N/A", (None, "")),
    ],
)
def test_expected_values_are_read_as_printed(printed, expected):
    """Printed expected values become pounds and a qualifier."""
    assert pounds(Node({"value": printed}, "test"), "value") == expected
