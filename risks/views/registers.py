"""Register pages: the list of registers, a register's summary risk profile and its heat map."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from plans.models import Directorate, Division, PlanYear

from ..forms import FilterForm
from ..heatmap import heat_map_svg
from ..models import Register, RegisterLevel
from ..scoring import Scales
from ..selectors import (
    RiskFilters,
    directorate_get,
    division_get,
    register_heat_map,
    register_owners,
    register_risk_count,
    register_risks,
    register_year,
    register_years,
    unit_registers_missing,
)
from ..selectors import register_list as select_registers
from ..services import RiskValidationError, register_create
from .access import register_for


def _plan_year(request) -> PlanYear | None:
    wanted = request.GET.get("year", "")
    return register_year(start_year=int(wanted) if wanted.isascii() and wanted.isdigit() else None)


@login_required
def register_list(request):
    if not request.user.has_perm("risks.view_register"):
        raise PermissionDenied
    plan_year = _plan_year(request)
    registers = list(select_registers(plan_year=plan_year)) if plan_year else []
    startable = []
    if plan_year is not None:
        missing = unit_registers_missing(plan_year=plan_year)
        for directorate in missing["directorates"]:
            probe = _probe(RegisterLevel.DIRECTORATE, directorate=directorate)
            if request.user.has_perm("risks.change_register", probe):
                startable.append(("directorate", directorate.pk, f"{directorate.name} directorate"))
        for division in missing["divisions"]:
            probe = _probe(RegisterLevel.DIVISION, division=division)
            if request.user.has_perm("risks.change_register", probe):
                startable.append(("division", division.pk, f"{division.name} division"))
    return render(
        request,
        "risks/register_list.html",
        {
            "plan_year": plan_year,
            "years": register_years(),
            "registers": registers,
            "startable": startable,
        },
    )


def _probe(level: str, *, directorate=None, division=None):
    """An unsaved register for a unit, so the permission rules can be asked before it exists."""
    if division is not None:
        directorate = division.directorate
    return Register(level=level, directorate=directorate, division=division, plan_year=directorate.plan_year)


@login_required
@require_POST
def register_start(request):
    """Start the register of a directorate or division the user may edit."""
    level = request.POST.get("level", "")
    unit_id = request.POST.get("unit", "")
    if level not in {"directorate", "division"} or not (unit_id.isascii() and unit_id.isdigit()):
        raise Http404("No such unit")
    try:
        if level == "division":
            unit = division_get(division_id=int(unit_id))
            probe = _probe(RegisterLevel.DIVISION, division=unit)
        else:
            unit = directorate_get(directorate_id=int(unit_id))
            probe = _probe(RegisterLevel.DIRECTORATE, directorate=unit)
    except (Division.DoesNotExist, Directorate.DoesNotExist):
        raise Http404("No such unit") from None
    if not request.user.has_perm("risks.change_register", probe):
        raise PermissionDenied
    try:
        register = register_create(level=probe.level, directorate=probe.directorate, division=probe.division)
    except RiskValidationError as error:
        for message_list in error.fields.values():
            for message in message_list:
                messages.error(request, message)
        return redirect("risks:register_list")
    messages.success(request, f"{register} started.")
    return redirect("risks:register_detail", register_id=register.pk)


def _filters(request, *, scales: Scales, owners) -> tuple[FilterForm, RiskFilters]:
    form = FilterForm(request.GET or None, scales=scales, owners=owners)
    if not form.is_bound or not form.is_valid():
        # Filters only narrow a list: an unknown value shows everything rather than an error page.
        return FilterForm(scales=scales, owners=owners), RiskFilters()
    data = form.cleaned_data
    return form, RiskFilters(
        band=data.get("band") or "",
        owner=data.get("owner"),
        overdue_review=bool(data.get("overdue_review")),
        overdue_action=bool(data.get("overdue_action")),
    )


@login_required
def register_detail(request, register_id: int):
    register = register_for(request, register_id, "risks.view_register")
    scales = Scales.load()
    owners = list(register_owners(register=register))
    filter_form, filters = _filters(request, scales=scales, owners=owners)
    risks = register_risks(register=register, scales=scales, filters=filters, rows=False)
    return render(
        request,
        "risks/register_detail.html",
        {
            "register": register,
            "risks": risks,
            "scales": scales,
            "filter_form": filter_form,
            "filters": filters,
            "may_edit": request.user.has_perm("risks.change_register", register),
            "total": register_risk_count(register=register) if filters.active else len(risks),
        },
    )


@login_required
def register_heatmap(request, register_id: int):
    register = register_for(request, register_id, "risks.view_register")
    scales = Scales.load()
    grid = register_heat_map(register=register, scales=scales)
    return render(
        request,
        "risks/register_heatmap.html",
        {
            "register": register,
            "heat_map": grid,
            "heat_svgs": [heat_map_svg(grid, which=which) for which in ("current", "target")],
            "scales": scales,
        },
    )
