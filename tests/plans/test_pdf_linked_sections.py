"""The demo plans print whole, with the sections read from the other apps (risks E, indicators F/L)."""

import pytest

from documents.pdf import html_to_pdf
from plans.demo import demo_load
from plans.plan_renderer import build_plan_html

from ..support.pdf import pdf_text
from .test_demo_fixtures import directorate_plan, divisional_plan

pytestmark = pytest.mark.django_db


def test_directorate_plan_prints_its_kpi_table_in_section_l():
    """The 2017-18 plan's section L shows its KPIs (CS01 with floor and target) from the performance app."""
    demo_load(with_users=False)
    text = " ".join(pdf_text(html_to_pdf(build_plan_html(directorate_plan(), {}))).split())
    assert "L. Performance indicators and targets" in text
    assert "CS01" in text
    assert "Percentage of callers to Contact Point who rated the advisor" in text


def test_divisional_plan_prints_its_register_risks_in_section_e():
    """The HR plan's section E lists the risks and mitigation of the HR register, not a copy in the plan."""
    demo_load(with_users=False)
    text = " ".join(pdf_text(html_to_pdf(build_plan_html(divisional_plan("Human Resources"), {}))).split())
    assert "SECTION E: RISK AND BUSINESS CONTINUITY" in text
    assert "Reduced capacity in HR division to support change" in text
    assert "Managed change in HR Division" in text
