"""The PDF of a published plan as it was approved: its approval snapshot, printed through the plan's templates.

Anyone may download it from the public plan page. The snapshot never changes, so one render job per snapshot
serves every visitor: the public view (``plans.views.public.plan_pdf``) streams that job's file once it is done
and asks for it when there is none, so visitors can never start more than one render of a snapshot at a time.
"""

from django.template.loader import render_to_string

from documents import registry
from documents.models import RenderJob, RenderStatus
from documents.selectors import job_file_open, render_jobs_for
from documents.services import RenderFailed, render_job_request

from .models import Plan, PlanSnapshot
from .plan_renderer import plan_print_context, plan_url
from .services.workflow import snapshot_verify
from .versions import hydrate

RENDERER_KEY = "plan_approved"


def build_approved_html(plan: Plan, options: dict) -> str:
    snapshot = plan.snapshots.filter(pk=options.get("snapshot")).first()
    if snapshot is None:
        raise RenderFailed("The approved version of this plan no longer exists.")
    if not snapshot_verify(snapshot):
        # Never print a frozen copy that is not exactly as approved (ADR 0004).
        raise RenderFailed("The approved version of this plan failed its integrity check and was not printed.")
    return render_to_string("print/plan.html", plan_print_context(plan, document=hydrate(snapshot.document)))


def approved_filename(plan: Plan, options: dict) -> str:
    return f"{plan.unit_name} business plan {plan.plan_year.label} as approved.pdf"


APPROVED_RENDERER = registry.register(
    registry.DocumentRenderer(
        key=RENDERER_KEY,
        model=Plan,
        build_html=build_approved_html,
        filename=approved_filename,
        permission="plans.render_plan",
        subject_url=plan_url,
    )
)


def approved_pdf_job(*, plan: Plan, snapshot: PlanSnapshot) -> RenderJob:
    """The newest render job of this snapshot, asking for one if there is none, or if the last one failed or its
    file has gone (retention): a done job whose file is intact, a queued or running one, or a fresh request."""
    for job in render_jobs_for(subject=plan).filter(options__renderer=RENDERER_KEY)[:20]:
        if job.options.get("options", {}).get("snapshot") != snapshot.pk:
            continue
        if job.status in {RenderStatus.QUEUED, RenderStatus.RUNNING}:
            return job
        if job.status == RenderStatus.DONE:
            handle = job_file_open(job=job)
            if handle is not None:
                handle.close()
                return job
        break
    job = render_job_request(
        renderer_key=RENDERER_KEY, subject=plan, requested_by=None, options={"snapshot": snapshot.pk}
    )
    return RenderJob.objects.get(pk=job.pk)
