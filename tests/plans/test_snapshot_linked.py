"""A committee snapshot freezes sections E (risks) and F (indicators) with the rest of the plan.

After the snapshot is taken, the live KPI target, the live risk rating and a narrative section are
edited: the snapshot page and the snapshot PDF still show the values as sent, "what changed since
committee" lists the changes to E and F, a past version compares nothing for them (they have no
history), and a snapshot stored before snapshots kept them says so instead of showing live values.
"""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from documents.pdf import html_to_pdf
from kcc_planning.roles import Role
from performance.models import Kpi
from plans.comparison import LINKED_NOT_RECORDED, plan_comparison
from plans.comparison_pdf import build_comparison_html
from plans.models import NarrativeBlock, NarrativeSection, PlanSnapshot, SnapshotKind
from plans.plan_renderer import plan_print_context
from plans.selectors import plan_get
from plans.services.workflow import plan_transition, snapshot_checksum, snapshot_verify
from plans.versions import hydrate, plan_versions
from risks.models import Risk

from ..factories import PASSWORD, ActionFactory, DivisionalPlanFactory, PriorityFactory
from ..performance.factories import KpiFactory
from ..risks.factories import ControlFactory, DivisionRegisterFactory, RiskActionFactory, RiskFactory
from ..support.pdf import pdf_text
from ..support.users import user_in

pytestmark = pytest.mark.django_db

SENT_ROLE = "The division as the committee saw it"
EDITED_ROLE = "Wording written after the committee"


@pytest.fixture
def admin():
    return user_in(Role.ADMINISTRATOR, "linked_admin")


@pytest.fixture
def plan():
    plan = DivisionalPlanFactory()
    priority = PriorityFactory(plan=plan, title="Prevention")
    ActionFactory(priority=priority, title="Lead the work stream", accountable_officer="Karen Ray")
    NarrativeBlock.objects.create(plan=plan, section=NarrativeSection.ROLE_PURPOSE, body=SENT_ROLE, position=1)
    risk = RiskFactory(
        register=DivisionRegisterFactory(division=plan.division),
        reference="HR01",
        title="Reduced capacity to support change",
        current_likelihood=3,
        current_impact=3,
    )
    ControlFactory(risk=risk, title="Managed change programme")
    RiskActionFactory(risk=risk, title="Recruit two advisers", due_text="June 2013")
    KpiFactory(
        plan=plan,
        reference="HR-K1",
        description="Sickness absence returns on time",
        floor=Decimal("55"),
        target=Decimal("61"),
    )
    return plan


@pytest.fixture
def snapshot(plan, admin):
    for name in ("submit", "clear", "send_to_committee"):
        plan_transition(plan=plan, user=admin, step_name=name, reason="Path")
    return plan.snapshots.get(kind=SnapshotKind.COMMITTEE)


def _edit_after_committee(plan) -> None:
    """The officers' later edits: a KPI target, the risk's current rating, the role wording; a KPI added."""
    Kpi.objects.filter(plan=plan, reference="HR-K1").update(target=Decimal("73"))
    Risk.objects.filter(reference="HR01").update(current_likelihood=5, current_impact=4)
    NarrativeBlock.objects.filter(plan=plan).update(body=EDITED_ROLE)
    KpiFactory(plan=plan, reference="HR-K2", description="Vacancies filled within twelve weeks")


def _snapshot_pdf_text(snapshot) -> str:
    plan = plan_get(plan_id=snapshot.plan_id)
    html = render_to_string("print/plan.html", plan_print_context(plan, document=hydrate(snapshot.document)))
    return " ".join(pdf_text(html_to_pdf(html)).split())


def test_snapshot_page_shows_risks_and_kpis_as_sent(client, plan, snapshot, admin):
    """The on-screen snapshot shows sections E and F from its frozen copy, not the edited live rows."""
    _edit_after_committee(plan)
    client.login(username=admin.username, password=PASSWORD)
    html = client.get(reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk])).content.decode()
    assert SENT_ROLE in html
    assert EDITED_ROLE not in html
    assert "Reduced capacity to support change" in html
    assert "Managed change programme" in html
    assert "Recruit two advisers" in html
    assert re.search(r'council-rating__score">9<', html)
    assert not re.search(r'council-rating__score">20<', html)
    assert "61%" in html
    assert "73%" not in html
    assert "HR-K1" in html
    assert "HR-K2" not in html


def test_snapshot_pdf_prints_risks_and_kpis_as_sent(plan, snapshot):
    """The snapshot printed (as the pack prints it) has the rating, target and wording as sent."""
    _edit_after_committee(plan)
    text = _snapshot_pdf_text(snapshot)
    assert SENT_ROLE in text
    assert EDITED_ROLE not in text
    assert "Current rating 9 (Medium)" in text
    assert "20 (High)" not in text
    assert "61%" in text
    assert "73%" not in text
    assert "HR-K2" not in text


def test_frozen_copy_is_plain_json_and_checked(plan, snapshot):
    """The linked sections are kept in the snapshot's checksummed document as plain values."""
    linked = snapshot.document["linked"]
    assert linked["section_e_risks"][0]["current_rating"]["band"]["name"] == "Medium"
    assert linked["plan_indicators"]["kpi_tables"][0]["rows"][0]["target"] == "61%"
    assert snapshot_verify(snapshot)
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(
        document={**snapshot.document, "linked": {**linked, "section_e_risks": []}}
    )
    snapshot.refresh_from_db()
    assert not snapshot_verify(snapshot)


def test_what_changed_since_committee_covers_sections_e_and_f(plan, snapshot):
    """Comparing the snapshot with now lists the risk's new rating, the KPI's new target and the added KPI."""
    _edit_after_committee(plan)
    sections = {s.slug: s for s in plan_comparison(plan, f"s{snapshot.pk}", "current")["sections"]}
    risk_rows = [row for row in sections["business-continuity"].rows if row.key.startswith("risk:")]
    assert [(row.kind, row.label) for row in risk_rows] == [("changed", "Risk HR01")]
    assert [(f.label, f.before, f.after) for f in risk_rows[0].fields] == [
        ("Current rating", "9 (Medium)", "20 (High)")
    ]
    performance = sections["performance"]
    by_label = {row.label: row for row in performance.rows}
    assert by_label["KPI HR-K1"].kind == "changed"
    assert ("Target", "61%", "73%") in [(f.label, f.before, f.after) for f in by_label["KPI HR-K1"].fields]
    assert by_label["KPI HR-K2"].kind == "added"
    assert performance.note == ""


def test_what_changed_page_and_paper_show_the_section_e_and_f_changes(client, plan, snapshot, admin):
    """The comparison page and its PDF paper print the risk's rating and the KPI's target, before and after."""
    _edit_after_committee(plan)
    client.login(username=admin.username, password=PASSWORD)
    url = reverse("plans:plan_compare", args=[plan.pk]) + f"?from=s{snapshot.pk}&to=current"
    for html in (client.get(url).content.decode(), build_comparison_html(plan, {"from": f"s{snapshot.pk}"})):
        assert "Risk HR01" in html
        assert "Current rating" in html
        assert "<del>9 (Medium)</del>" in html
        assert "<ins>20 (High)</ins>" in html
        assert "KPI HR-K2" in html
        assert "<del>61%</del>" in html
        assert "<ins>73%</ins>" in html


def test_a_past_version_compares_nothing_for_sections_e_and_f(client, plan, snapshot, admin):
    """Risks and KPIs have no history in the plan's records: a version shows a note, never today's values."""
    _edit_after_committee(plan)
    first = plan_versions(plan=plan)[0].lock_version
    client.login(username=admin.username, password=PASSWORD)
    url = reverse("plans:plan_compare", args=[plan.pk]) + f"?from=v{first}&to=current"
    html = client.get(url).content.decode()
    assert "The risks and indicators are not compared" in html
    assert "Risk HR01" not in html
    sections = {s.slug: s for s in plan_comparison(plan, f"v{first}", "current")["sections"]}
    assert sections["performance"].rows == []
    assert sections["performance"].note == LINKED_NOT_RECORDED
    assert not sections["performance"].compared
    assert sections["business-continuity"].note == LINKED_NOT_RECORDED
    assert not [row for row in sections["business-continuity"].rows if row.key.startswith("risk:")]


def test_a_snapshot_stored_without_linked_sections_says_so(client, plan, snapshot, admin):
    """A snapshot taken before they were frozen says its risks and indicators were not recorded."""
    document = {key: value for key, value in snapshot.document.items() if key != "linked"}
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(document=document, checksum=snapshot_checksum(document))
    snapshot.refresh_from_db()
    client.login(username=admin.username, password=PASSWORD)
    html = client.get(reverse("plans:snapshot_view", args=[plan.pk, snapshot.pk])).content.decode()
    assert "The risks were not recorded in this snapshot" in html
    assert "The indicators were not recorded in this snapshot" in html
    assert "Reduced capacity to support change" not in html
    assert "HR-K1" not in html
    text = _snapshot_pdf_text(snapshot)
    assert "The risks were not recorded in this snapshot" in text
    assert "The indicators were not recorded in this snapshot" in text
    assert "Reduced capacity to support change" not in text
