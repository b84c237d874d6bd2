"""Seed 003 (Strategic and Corporate Services Directorate Business Plan 2017-18) tables, as printed.

Used by the PDF tests to build the directorate plan's section K and a few rows
of sections D, I and J. Figures are in £000s exactly as the seed prints them;
gross expenditure and net cost are not here because the model computes them.
"""

from decimal import Decimal

from plans.models import (
    CommissioningActivity,
    Consultation,
    Plan,
    PlanStatus,
    PriorityProgress,
    ResourceLine,
    ServiceProvision,
    StaffingLine,
)

from ..factories import DirectorateFactory, DirectoratePlanFactory, PlanYearFactory, PriorityFactory

# Division, staffing, non staffing, internal income, external income, grants (£000s).
RESOURCES_2017_18 = (
    ("Strategic Management & Directorate Budgets", "543.0", "2146.4", "-716.9", "-132.0", "-4388.0"),
    ("Engagement, Organisation Design and Development", "5646.4", "10097.7", "-584.0", "-842.7", "-89.0"),
    ("Finance and Procurement", "10859.9", "5988.6", "-1116.9", "-3759.1", "-904.8"),
    ("Governance & Law", "2187.2", "1419.8", "0.0", "-1217.4", "-35.0"),
    ("Infrastructure", "2504.0", "47136.9", "-6995.7", "-7768.3", "-336.0"),
    ("Business Service Centre", "21677.8", "5968.9", "-21626.1", "-6020.6", "0.0"),
    ("Strategic Business Development and Intelligence", "1078.6", "127.9", "0.0", "0.0", "0.0"),
    ("Strategy, Policy, Relationships and Corporate Assurance", "1640.1", "377.3", "0.0", "-42.0", "0.0"),
)
# The seed's printed row values for gross expenditure and net cost, to check the computed ones against.
PRINTED_GROSS_AND_NET = (
    ("2,689.4", "-2,547.5"),
    ("15,744.1", "14,228.4"),
    ("16,848.5", "11,067.7"),
    ("3,607.0", "2,354.6"),
    ("49,640.9", "34,540.9"),
    ("27,646.7", "0.0"),
    ("1,206.5", "1,206.5"),
    ("2,017.4", "1,975.4"),
)

STAFF_2017_18 = (
    ("Engagement, Organisation Design and Development", "132.3"),
    ("Finance and Procurement", "238.7"),
    ("Governance and Law", "175.7"),
    ("Infrastructure (including BSC)", "595.6"),
    ("Strategic Business Development and Intelligence", "22.9"),
    ("Strategy, Policy, Relationships and Corporate Assurance", "26.4"),
    ("Corporate Director's office", "5.0"),
)

PRIORITIES_2017_18 = (
    "Provide professional, high quality and cost effective services which support frontline service delivery, "
    "drive income growth and deliver better outcomes for our customers.",
    "Modernise KCC's constitution and the way in which it is used to reflect the changing organisation, ensuring "
    "that decision making remains lawful, reasonable and proportionate.",
    "Maximise opportunities to increase apprenticeships in Kent through the Apprenticeship Levy.",
)

COMMISSIONING_2017_18 = (
    (
        "Kent Health & Wellbeing Strategy",
        "Development of the new Kent Health and Wellbeing Strategy",
        "Policy",
        None,
        "",
        "Q3 2017/18",
        Consultation.YES,
    ),
    (
        "Agilisys contract",
        "Servicing customer contact through Contact Point and supporting channel shift through digital transformation.",
        "Kent Communications",
        "36300000",
        "",
        "N/A",
        Consultation.NOT_APPLICABLE,
    ),
    (
        "Principle Contractor Framework",
        "Principle Contractor Framework - new framework for property being implemented",
        "Infrastructure (Property)",
        "150000",
        "",
        "Q4 2017/18",
        Consultation.NOT_APPLICABLE,
    ),
    (
        "Microsoft Software True-Up Licensing",
        "Annual 'True-Up' of Software licencing agreement",
        "Infrastructure (ICT)",
        "1100000",
        "p/a",
        "Q1 2017/18",
        Consultation.NOT_APPLICABLE,
    ),
)

SERVICES_2017_18 = (
    ("Engagement, Organisation Design and Development", "Organisational Development", "Internal", ""),
    (
        "Engagement, Organisation Design and Development",
        "Contact Point and Digital Services",
        "External",
        "December 2025",
    ),
    ("Services provided by Invicta Law (commissioned by General Counsel)", "Legal Services", "External", "2026"),
)


def build_directorate_plan_2017_18(*, status: str = PlanStatus.WITH_COMMITTEE) -> Plan:
    """The 2017-18 directorate plan with seed 003's section K tables and a few rows of D, G, I and J."""
    directorate = DirectorateFactory(
        plan_year=PlanYearFactory(start_year=2017), name="Strategic and Corporate Services", short_name="S&CS"
    )
    plan = DirectoratePlanFactory(
        directorate=directorate, status=status, status_note="Final draft for Cabinet Committee, 23rd February 2017"
    )
    for position, (unit, staffing, non_staffing, internal, external, grants) in enumerate(RESOURCES_2017_18):
        ResourceLine.objects.create(
            plan=plan,
            unit_name=unit,
            staffing=Decimal(staffing),
            non_staffing=Decimal(non_staffing),
            internal_income=Decimal(internal),
            external_income=Decimal(external),
            grants=Decimal(grants),
            position=position,
        )
    for position, (unit, fte) in enumerate(STAFF_2017_18):
        StaffingLine.objects.create(plan=plan, unit_name=unit, fte=Decimal(fte), position=position)
    for position, title in enumerate(PRIORITIES_2017_18):
        PriorityFactory(plan=plan, title=title, description="", position=position)
    PriorityProgress.objects.create(
        plan=plan,
        title="Work together across divisions to support transformation through a clear, joined up offer of support",
        progress="- The directorate has robust engagement with all Portfolio Boards.\n"
        "- The EODD Service Redesign has focused on commissioning a clear offer of support for change activity.",
    )
    for position, (group, name, provision, end) in enumerate(SERVICES_2017_18):
        ServiceProvision.objects.create(
            plan=plan, group=group, service_name=name, provision=provision, contract_end=end, position=position
        )
    for position, (name, description, lead, value, note, decision, consultation) in enumerate(COMMISSIONING_2017_18):
        CommissioningActivity.objects.create(
            plan=plan,
            name=name,
            description=description,
            lead_service=lead,
            expected_value=Decimal(value) if value else None,
            expected_value_note=note,
            key_decision_date=decision,
            public_consultation=consultation,
            position=position,
        )
    return plan
