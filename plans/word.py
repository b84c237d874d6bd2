"""A plan as a Word document: the same print HTML as its PDF, through the document pipeline's Word export."""

from documents import word

from .models import Plan
from .plan_renderer import build_plan_html, plan_filename

PLAN_WORD = word.register(
    word.WordExport(
        key="plan",
        model=Plan,
        build_html=lambda plan: build_plan_html(plan, {}),
        filename=lambda plan: plan_filename(plan, {}),
        may_export=lambda user, plan: user.has_perm("plans.render_plan", plan),
    )
)
