"""The council-wide view of a plan year and its CSV and XLSX downloads (staff only)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..council import exports
from ..council.forms import CouncilFilterForm
from ..council.selectors import (
    EXCEPTIONS_SHOWN,
    CouncilView,
    council_portfolios,
    council_view,
    council_year,
    council_years,
)

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
    # ?exceptions=<plan id>: the page lists every exception of that unit, not just the first few of each kind.
    in_full = request.GET.get("exceptions", "")
    view = council_view(
        plan_year=plan_year,
        filters=form.filters(),
        today=timezone.localdate(),
        exceptions_in_full=int(in_full) if in_full.isdigit() else None,
    )
    return view, form


def _download(content: bytes, content_type: str, view: CouncilView, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    label = view.plan_year.label if view.plan_year else "no-year"
    response["Content-Disposition"] = f'attachment; filename="council-wide-view-{label}.{extension}"'
    return response


@login_required
def council_page(request):
    view, form = _council(request)
    filters = request.GET.copy()
    filters.pop("exceptions", None)
    query = filters.urlencode()
    context = {
        "view": view,
        "form": form,
        "query": f"?{query}" if query else "",
        # A unit's "show all" link keeps the filters and names the unit.
        "exceptions_query": f"?{query}&exceptions=" if query else "?exceptions=",
        "exceptions_shown": EXCEPTIONS_SHOWN,
        "status_columns": exports.STATUS_COLUMNS,
    }
    return render(request, "plans/council.html", context)


@login_required
def council_export_csv(request):
    view, _ = _council(request)
    return _download(exports.to_csv(view), "text/csv; charset=utf-8", view, "csv")


@login_required
def council_export_xlsx(request):
    view, _ = _council(request)
    return _download(exports.to_xlsx(view, site=getattr(settings, "SITE_URL", "")), XLSX, view, "xlsx")
