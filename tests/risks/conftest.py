"""Shared set-up for risk tests: the seed's 2013-14 Business Strategy & Support organisation."""

import pytest

from risks import demo

from ..factories import DirectorateFactory, DivisionFactory, PlanYearFactory

# As printed in the seed's divisional plans (Appendix B), including its "and" for Governance and Law.
BSS_DIVISIONS = (
    "Human Resources",
    "Governance and Law",
    "Business Strategy",
    "Finance & Procurement",
    "ICT",
    "Property & Infrastructure Support",
)


@pytest.fixture
def bss_directorate(db):
    directorate = DirectorateFactory(
        plan_year=PlanYearFactory(start_year=2013), name="Business Strategy & Support", short_name="BSS"
    )
    for name in BSS_DIVISIONS:
        DivisionFactory(directorate=directorate, name=name)
    return directorate


@pytest.fixture
def demo_loaded(bss_directorate):
    """The seed's directorate register and the divisional section E risks, loaded as the demo does."""
    demo.load()
    return bss_directorate
