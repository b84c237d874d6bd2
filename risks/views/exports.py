"""Downloads: the register as CSV or XLSX, and the register paper as PDF (through the shared render jobs)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from documents.services import render_job_request

from .. import exports
from ..documents import RENDERER_KEY, register_filename
from ..scoring import Scales
from ..selectors import register_risks
from .access import register_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export_name(register, extension: str) -> str:
    name = register_filename(register, {}).removesuffix(".pdf")
    return f"{name}.{extension}"


@login_required
def register_export_csv(request, register_id: int):
    register = register_for(request, register_id, "risks.view_register")
    risks = register_risks(register=register, scales=Scales.load(), with_priorities=True)
    return _download(exports.to_csv(register, risks), "text/csv; charset=utf-8", _export_name(register, "csv"))


@login_required
def register_export_xlsx(request, register_id: int):
    register = register_for(request, register_id, "risks.view_register")
    risks = register_risks(register=register, scales=Scales.load(), with_priorities=True)
    return _download(exports.to_xlsx(register, risks), XLSX, _export_name(register, "xlsx"))


@login_required
@require_POST
def register_pdf(request, register_id: int):
    register = register_for(request, register_id, "risks.render_register")
    job = render_job_request(renderer_key=RENDERER_KEY, subject=register, requested_by=request.user)
    return redirect(reverse("documents:render_job_status", args=[job.id]))
