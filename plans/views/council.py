"""The council-wide view of a plan year and its CSV and XLSX downloads (staff only)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..council import exports
from ..council.forms import CouncilFilterForm
from ..council.selectors import CouncilView, council_portfolios, council_view, council_year, council_years

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _council(request) -> tuple[CouncilView, CouncilFilterForm]:
    if not request.user.has_perm("plans.view_council"):
        raise PermissionDenied
    asked = request.GET.get("year", "")
    plan_year = council_year(start_year=int(asked) if asked.isdigit() else None) if asked else None
    plan_year = plan_year or council_year(start_year=None)
    form = CouncilFilterForm(
        request.GET or None,
        years=council_years(),
        plan_year=plan_year,
        portfolios=council_portfolios(plan_year=plan_year),
    )
    if plan_year is not None and not request.GET.get("year"):
        form.initial["year"] = str(plan_year.start_year)
    view = council_view(plan_year=plan_year, filters=form.filters(), today=timezone.localdate())
    return view, form


def _download(content: bytes, content_type: str, view: CouncilView, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    label = view.plan_year.label if view.plan_year else "no-year"
    response["Content-Disposition"] = f'attachment; filename="council-wide-view-{label}.{extension}"'
    return response


@login_required
def council_page(request):
    view, form = _council(request)
    query = request.GET.urlencode()
    return render(
        request,
        "plans/council.html",
        {"view": view, "form": form, "query": f"?{query}" if query else "", "status_columns": exports.STATUS_COLUMNS},
    )


@login_required
def council_export_csv(request):
    view, _ = _council(request)
    return _download(exports.to_csv(view), "text/csv; charset=utf-8", view, "csv")


@login_required
def council_export_xlsx(request):
    view, _ = _council(request)
    return _download(exports.to_xlsx(view, site=getattr(settings, "SITE_URL", "")), XLSX, view, "xlsx")
