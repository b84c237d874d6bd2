"""Importing actuals from a file: upload, check and preview, then confirm (all rows or none)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kcc_planning.forms import error_list
from plans.views.access import plan_for

from ..forms import ActualsUploadForm
from ..importing import ImportFileError, RawRow, check_rows
from ..models import ActualImport, ImportStatus
from ..selectors import actual_import_get
from ..services import (
    ImportAlreadyDone,
    ImportRejected,
    actual_import_cancel,
    actual_import_commit,
    actual_import_prepare,
)

PREVIEW_ROWS = 200


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, plan_id: int):
    plan = plan_for(request, plan_id, "performance.enter_actuals")
    form = ActualsUploadForm(request.POST or None, request.FILES or None)
    check = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check, held = actual_import_prepare(plan=plan, name=upload.name, data=upload.read(), user=request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if held is not None:
                return redirect("performance:import_confirm", plan_id=plan.pk, import_id=held.pk)
            form.add_error(
                "file",
                f"“{upload.name}” has {len(check.errors)} problem{'s' if len(check.errors) != 1 else ''}, so nothing "
                f"was imported. Correct the rows listed below and upload the file again.",
            )
    context = {"plan": plan, "form": form, "errors": error_list(form), "check": check}
    return render(request, "performance/import_upload.html", context, status=400 if form.errors else 200)


def _held_import(plan, import_id: int) -> ActualImport:
    try:
        return actual_import_get(plan=plan, import_id=import_id)
    except ActualImport.DoesNotExist:
        raise Http404("No such import") from None


@login_required
@require_http_methods(["GET", "POST"])
def import_confirm(request, plan_id: int, import_id: int):
    plan = plan_for(request, plan_id, "performance.enter_actuals")
    held = _held_import(plan, import_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                actual_import_cancel(actual_import=held)
                messages.success(request, f"Import of “{held.file_name}” cancelled: nothing was imported.")
                return redirect("performance:plan_indicators", plan_id=plan.pk)
            result = actual_import_commit(actual_import=held, user=request.user)
        except ImportAlreadyDone as done:
            messages.error(request, f"This import has already been dealt with ({done}). Nothing more was changed.")
            return redirect("performance:plan_indicators", plan_id=plan.pk)
        except ImportRejected as rejected:
            # The plan changed since the preview (an indicator removed, say): nothing was written.
            context = {"plan": plan, "held": held, "check": rejected.check, "rejected": True}
            return render(request, "performance/import_confirm.html", context, status=409)
        messages.success(request, f"“{held.file_name}” imported: {result.summary()}.")
        return redirect("performance:plan_indicators", plan_id=plan.pk)
    check = None
    if held.status == ImportStatus.PREVIEWED:
        check = check_rows(plan=plan, raw_rows=[RawRow.from_list(items) for items in held.rows])
    context = {"plan": plan, "held": held, "check": check, "preview_limit": PREVIEW_ROWS}
    return render(request, "performance/import_confirm.html", context)
