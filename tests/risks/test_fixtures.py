"""The seed's registers come out of the fixtures exactly."""

import io

import pytest

from risks import demo
from risks.models import Control, Register, RegisterLevel, Review, Risk, RiskAction, RiskOwner
from risks.scoring import Scales
from risks.selectors import plan_section_e_risks, register_risks

from ..factories import DivisionalPlanFactory, PersonFactory

pytestmark = pytest.mark.django_db

SEED_PROFILE = {
    "BSS1": (9, 4),
    "BSS2": (9, 4),
    "BSS3": (12, 8),
    "BSS4": (12, 6),
    "BSS5": (12, 8),
    "BSS6": (None, None),
}


def _bss_register(directorate) -> Register:
    return Register.objects.get(level=RegisterLevel.DIRECTORATE, directorate=directorate)


def test_summary_risk_profile_matches_the_seed(demo_loaded):
    """BSS1 9→4, BSS2 9→4, BSS3 12→8, BSS4 12→6, BSS5 12→8, BSS6 assessment in progress."""
    risks = register_risks(register=_bss_register(demo_loaded), scales=Scales.load())
    profile = {
        risk.reference: (
            risk.current_rating.score if risk.current_rating else None,
            risk.target_rating.score if risk.target_rating else None,
        )
        for risk in risks
    }
    assert profile == SEED_PROFILE
    assert [risk.reference for risk in risks] == list(SEED_PROFILE)
    assert risks[-1].assessment_in_progress


def test_seed_bands_follow_the_printed_key(demo_loaded):
    """Low = 1-6, Medium = 8-15: 9 and 12 are Medium, 4, 6 and 8 are Low/Medium as printed."""
    bands = {
        risk.reference: (risk.current_rating.band.name, risk.target_rating.band.name)
        for risk in register_risks(register=_bss_register(demo_loaded), scales=Scales.load())
        if risk.current_rating
    }
    assert bands == {
        "BSS1": ("Medium", "Low"),
        "BSS2": ("Medium", "Low"),
        "BSS3": ("Medium", "Medium"),
        "BSS4": ("Medium", "Low"),
        "BSS5": ("Medium", "Medium"),
    }


def test_bss3_slip_cannot_survive_labels_come_from_numbers(demo_loaded):
    """The seed prints "Possible (3) / Significant (4)"; stored as 3 and 4, the label is derived as Serious (4)."""
    risk = next(
        r for r in register_risks(register=_bss_register(demo_loaded), scales=Scales.load()) if r.reference == "BSS3"
    )
    assert (risk.current_likelihood, risk.current_impact) == (3, 4)
    assert risk.current_rating.likelihood_label == "Possible (3)"
    assert risk.current_rating.impact_label == "Serious (4)"


def test_every_control_and_action_is_loaded(demo_loaded):
    """Appendix A lists 36 controls and 23 actions, with owners and planned completion dates as printed."""
    register = _bss_register(demo_loaded)
    counts = {
        risk.reference: (risk.controls.count(), risk.actions.count()) for risk in register.risks.order_by("position")
    }
    assert counts == {"BSS1": (9, 1), "BSS2": (7, 2), "BSS3": (9, 5), "BSS4": (6, 7), "BSS5": (4, 6), "BSS6": (1, 2)}
    action = RiskAction.objects.get(risk__register=register, title__startswith="Ensure publicity available")
    assert action.owner == "Head of Health & Safety"
    assert action.due_text == "Ongoing (June 2013 review)"
    assert action.due_on is None  # "Ongoing" is never overdue
    partnerships = RiskAction.objects.get(risk__reference="BSS1", risk__register=register)
    assert partnerships.due_on.isoformat() == "2013-12-31"
    owners = list(
        RiskOwner.objects.filter(risk__register=register, risk__reference="BSS4")
        .order_by("position")
        .values_list("role", flat=True)
    )
    assert owners == [
        "Head of Business Intelligence",
        "Director of ICT",
        "Corporate Director Human Resources",
        "Corporate Director Finance & Procurement",
    ]


def test_owners_link_to_known_people_but_keep_the_registers_words(bss_directorate):
    """An owner named by role is linked to the officer with that job title; the register still prints its own words."""
    hallett = PersonFactory(name="Richard Hallett", job_title="Head of Business Intelligence")
    spore = PersonFactory(name="Rebecca Spore", job_title="Director of Property & Infrastructure Support")
    wood = PersonFactory(name="Andy Wood", job_title="Corporate Director of Finance and Procurement")
    demo.load()
    register = _bss_register(bss_directorate)
    bss4 = {o.person: o.label for o in RiskOwner.objects.filter(risk__register=register, risk__reference="BSS4")}
    assert bss4[hallett] == "Head of Business Intelligence"
    assert bss4[wood] == "Corporate Director Finance & Procurement"
    bss5 = RiskOwner.objects.get(risk__register=register, risk__reference="BSS5", position=1)
    assert (bss5.person, bss5.label) == (spore, "Director of Property & Infrastructure")
    hallett.job_title = "Director, Business Intelligence"
    hallett.save()
    risk = next(r for r in register_risks(register=register, scales=Scales.load()) if r.reference == "BSS4")
    assert risk.owner_labels[0] == "Head of Business Intelligence"


def test_section_e_tables_become_division_registers(demo_loaded):
    """Each division's RISKS | MITIGATION rows are register risks, unrated, with the mitigation as a control."""
    counts = {
        register.division.name: register.risks.count()
        for register in Register.objects.filter(level=RegisterLevel.DIVISION).select_related("division")
    }
    assert counts == {
        "Human Resources": 4,
        "Governance and Law": 4,
        "Business Strategy": 9,
        "Finance & Procurement": 9,
        "ICT": 6,
        "Property & Infrastructure Support": 9,
    }
    hr = Risk.objects.get(register__division__name="Human Resources", reference="HR1")
    assert hr.title == "Reduced capacity in HR division to support change or provide HR advice to managers"
    assert hr.assessment_in_progress
    assert list(hr.controls.values_list("title", flat=True)) == [
        "Managed change in HR Division, HR professional capacity building, professional development and greater "
        "clarity about the HR Offer"
    ]


def test_plan_section_e_reads_the_division_register(demo_loaded):
    """A divisional plan's section E is the division's register, not a copy: a change to the register shows at once."""
    division = demo_loaded.divisions.get(name="ICT")
    plan = DivisionalPlanFactory(division=division)
    risks = plan_section_e_risks(plan=plan)
    assert [risk.title for risk in risks][:2] == ["Loss of Cantium House and/or Oxford Road", "High staff absenteeism"]
    assert [c.title for c in risks[0].controls.all()] == [
        "Relocate staff, implement change moratorium and communicate with customers."
    ]
    Control.objects.filter(risk=risks[0]).update(title="Move to the disaster recovery site.")
    assert [c.title for c in plan_section_e_risks(plan=plan)[0].controls.all()] == [
        "Move to the disaster recovery site."
    ]


def test_loading_twice_changes_nothing(demo_loaded):
    """``demo.load`` is idempotent: a second run adds no risks, controls, actions or reviews."""
    before = (Risk.objects.count(), Control.objects.count(), RiskAction.objects.count(), Review.objects.count())
    out = io.StringIO()
    demo.load(stdout=out)
    after = (Risk.objects.count(), Control.objects.count(), RiskAction.objects.count(), Review.objects.count())
    assert before == after == (6 + 41, 36 + 41, 23, 6 + 41)
    assert "0 risks added, 6 already there" in out.getvalue()


def test_load_without_the_organisation_reports_and_skips(db):
    """Without the 2013-14 organisation nothing is loaded and the output says why."""
    out = io.StringIO()
    demo.load(stdout=out)
    assert Risk.objects.count() == 0
    assert "there is no plan year 2013" in out.getvalue()


def test_section_e_templates_show_risks_and_mitigation(demo_loaded):
    """The page and print partials lay section E out as RISKS | MITIGATION from the register."""
    from django.template.loader import render_to_string

    division = demo_loaded.divisions.get(name="Finance & Procurement")
    risks = plan_section_e_risks(plan=DivisionalPlanFactory(division=division))
    page = render_to_string("risks/_plan_section_e.html", {"section_e_risks": risks})
    printed = render_to_string("print/risks/_plan_section_e.html", {"section_e_risks": risks})
    assert '<th scope="col" class="govuk-table__header">Mitigation</th>' in page
    assert "Lateness or non-compliance of annual accounts" in page
    assert "Established procedures , staff training and regular liaison with auditors" in page
    assert '<th scope="col">RISKS</th><th scope="col">MITIGATION</th>' in printed
    assert printed.count("<tr>") == 1 + 9
    assert "Regular “refreshes” of sums insured" in printed
    empty = render_to_string("print/risks/_plan_section_e.html", {"section_e_risks": []})
    assert "No risks are recorded" in empty
