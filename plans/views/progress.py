"""Progress through the year: the plan's reporting periods, and one page per period to record progress.

Staff may read progress; the plan's own officers record it, on an approved plan, in a period that is open.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kcc_planning.forms import error_list

from ..models import ReportingPeriod
from ..periods import period_label
from ..progress.forms import ProgressPeriodForm, item_name
from ..progress.selectors import period_update_counts, plan_period_get, plan_periods, plan_progress, update_history
from ..progress.services import (
    ProgressConflict,
    ProgressRefused,
    ProgressRowErrors,
    period_refusal,
    progress_save,
)
from .access import plan_for


@login_required
def progress_index(request, plan_id: int):
    plan = plan_for(request, plan_id, "plans.view_plan")
    today = timezone.localdate()
    counts, total = period_update_counts(plan=plan)
    rows = [
        {
            "period": period,
            "label": period_label(period.code),
            "updated": counts.get(period.code, 0),
            "open": period.opens_on <= today,
            "closed": period.closes_on < today,
        }
        for period in plan_periods(plan=plan)
    ]
    context = {
        "plan": plan,
        "rows": rows,
        "total": total,
        "may_update": request.user.has_perm("plans.update_progress", plan),
        "refusal": period_refusal(plan=plan, period=rows[0]["period"], today=today) if rows else "",
    }
    return render(request, "plans/progress_index.html", context)


@login_required
def progress_period(request, plan_id: int, code: str):
    plan = plan_for(request, plan_id, "plans.view_plan")
    try:
        period = plan_period_get(plan=plan, code=code)
    except ReportingPeriod.DoesNotExist:
        raise Http404("No such reporting period for this plan") from None
    today = timezone.localdate()
    refusal = period_refusal(plan=plan, period=period, today=today)
    may_update = request.user.has_perm("plans.update_progress", plan) and not refusal
    progress = plan_progress(plan=plan, period=period, as_of=today)
    save_row = request.POST.get("save_row", "") if request.method == "POST" else ""
    form = None
    conflict = None
    status = 200
    if may_update:
        form = ProgressPeriodForm(request.POST or None, progress=progress, save_row=save_row)
    elif request.method == "POST":
        status = 403
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            written = progress_save(
                plan=plan, period_code=period.code, rows=form.row_inputs(), user=request.user, today=today
            )
        except ProgressRefused as error:
            for message in error.messages:
                form.add_error(None, message)
        except ProgressRowErrors as error:
            form.add_row_errors(error.errors)
        except ProgressConflict as error:
            conflict = _conflict(error, form)
            form.take_versions(error.changed)
        else:
            return _saved(request, plan=plan, period=period, form=form, written=written, save_row=save_row)
    if form is not None and form.is_bound and (form.errors or conflict):
        status = 409 if conflict else 400
    context = {
        "plan": plan,
        "period": period,
        "label": period_label(period.code),
        "progress": progress,
        "form": form,
        "errors": error_list(form) if form is not None and form.is_bound else [],
        "conflict": conflict,
        "refusal": refusal,
        "may_update": may_update,
        "today": today,
        "history": _history(progress, period),
    }
    return render(request, "plans/progress_period.html", context, status=status)


def _saved(request, *, plan, period, form, written, save_row):
    label = period_label(period.code)
    if not save_row:
        count = len(written)
        messages.success(request, f"Progress for {label} saved: {count} row{'s' if count != 1 else ''} updated.")
        return redirect(reverse("plans:progress_period", args=[plan.pk, period.code]))
    # One row saved: the page comes back with every other row's typing still in it, and this row's new version.
    row = form.rows_in_scope()[0]
    data = request.POST.copy()
    for update in written:
        data[f"{row.field_prefix}-version"] = str(update.lock_version)
    data.pop("save_row", None)
    period = plan_period_get(plan=plan, code=period.code)
    today = timezone.localdate()
    progress = plan_progress(plan=plan, period=period, as_of=today)
    form = ProgressPeriodForm(data, progress=progress)
    context = {
        "plan": plan,
        "period": period,
        "label": label,
        "progress": progress,
        "form": form,
        "errors": [],
        "saved_row": row.field_prefix,
        "saved_message": f"Progress on {item_name(row)} saved. Other rows keep what you typed but are not saved yet.",
        "may_update": True,
        "today": today,
        "history": _history(progress, period),
    }
    return render(request, "plans/progress_period.html", context)


def _conflict(error: ProgressConflict, form: ProgressPeriodForm) -> dict:
    """The shared conflict panel (includes/conflict.html): each row as someone else left it."""
    rows = {(row.kind, row.item.pk): row for row in form.progress.rows()}
    saved = []
    for item, update in error.changed:
        kind = "milestone" if hasattr(item, "due_text") else "action"
        row = rows.get((kind, item.pk))
        label = f"{item_name(row).capitalize()}: {item}" if row else str(item)
        if update is None:
            saved.append((label, "No update for this period now"))
            continue
        who = update.updated_by.get_full_name() or update.updated_by.username if update.updated_by else "someone"
        note = f"\n{update.commentary}" if update.commentary else ""
        saved.append((label, f"{update.get_status_display()}, saved by {who} on {update.updated_at:%-d %B %Y}{note}"))
    return {"noun": "progress", "saved": saved, "version": True}


def _history(progress, period, limit: int = 20) -> list:
    """The period's latest saves, newest first, each named as the page names its row ("action 1.1")."""
    if period.pk is None:
        return []
    names = {key: row.name for key, row in progress.items.items()}
    entries = list(update_history(plan=progress.plan, period=period)[:limit])
    for entry in entries:
        key = ("action", entry.action_id) if entry.action_id else ("milestone", entry.milestone_id)
        entry.row_name = names.get(key, "a row no longer in the plan")
    return entries
