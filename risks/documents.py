"""The register paper as a PDF: print context, HTML and the "risk_register" renderer.

Laid out like Appendix A of the December 2012 agenda pack: the summary risk
profile, the likelihood and impact scales, the heat map, then each risk with
its cause, events, consequences, owners, ratings, controls and actions.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .heatmap import heat_map_svg
from .models import Register
from .scoring import Scales
from .selectors import heat_map, register_get, register_risks

RENDERER_KEY = "risk_register"


def register_print_context(register: Register) -> dict:
    scales = Scales.load()
    risks = register_risks(register=register, scales=scales)
    grid = heat_map(risks=risks, scales=scales)
    return {
        "council_name": settings.COUNCIL_NAME,
        "register": register,
        "risks": risks,
        "scales": scales,
        "heat_map": grid,
        "heat_svgs": [heat_map_svg(grid, which=which, id_prefix="print") for which in ("current", "target")],
    }


def build_register_html(register: Register, options: dict) -> str:
    """The print HTML of the whole register (``options`` are not used: a register has one layout)."""
    # A render job's subject is a bare Register: reload it with the joins the template needs.
    register = register_get(register_id=register.pk)
    return render_to_string("print/risks/register.html", register_print_context(register))


def register_filename(register: Register, options: dict) -> str:
    if register.title:
        name = f"{register.title} {register.as_at or register.plan_year.label}"
    else:
        name = f"{register.display_title} {register.as_at}".strip()
    cleaned = "".join(c if c.isalnum() or c in " -_.()" else " " for c in name)
    return " ".join(cleaned.split()) + ".pdf"


def register_url(register: Register) -> str:
    return reverse("risks:register_detail", args=[register.pk])


def register_renderer():
    """Registered from ``RisksConfig.ready``."""
    from documents import registry

    return registry.register(
        registry.DocumentRenderer(
            key=RENDERER_KEY,
            model=Register,
            build_html=build_register_html,
            filename=register_filename,
            permission="risks.render_register",
            subject_url=register_url,
        )
    )
