"""Risk pages: detail, add, edit (with controls and actions), record a review, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kcc_planning.forms import error_list, service_errors_add
from kcc_planning.locking import EditConflict, LockVersionForm, conflict_context
from kcc_planning.once import SubmitTokenForm

from ..charts import rating_chart
from ..forms import ActionFormSet, ControlFormSet, RatingsForm, ReviewForm, RiskForm
from ..scoring import Scales
from ..selectors import (
    register_owner_candidates,
    register_owner_groups,
    register_priorities,
    risk_detail,
    risk_edit_rows,
)
from ..services import (
    ForeignRowError,
    RiskDetails,
    RiskValidationError,
    risk_create,
    risk_delete,
    risk_review_record,
    risk_update,
)
from .access import register_for, risk_for

ADD_ROW = "add_row"
BLANK_ROWS_ON_ADD = {"controls": 2, "actions": 1}


def _bound_formset(formset_class, request, prefix: str, initial: list[dict], blank_rows: int = 0):
    """A bound formset on POST (one more blank row if its "Add another" was pressed), else an initial one."""
    if request.method != "POST":
        with_blanks = type(formset_class.__name__, (formset_class,), {"extra": blank_rows})
        return with_blanks(prefix=prefix, initial=initial)
    data = request.POST.copy()
    if request.POST.get(ADD_ROW) == prefix:
        key = f"{prefix}-TOTAL_FORMS"
        total = data.get(key, "0")
        data[key] = str(int(total) + 1 if total.isascii() and total.isdigit() else 1)
    return formset_class(data, prefix=prefix, initial=initial)


def _details(form, controls, actions) -> tuple[RiskDetails, dict]:
    """The risk as the services take it, and each table's formset with the form index of each row sent."""
    data = form.cleaned_data
    control_rows, control_indexes = controls.row_inputs()
    action_rows, action_indexes = actions.row_inputs()
    details = RiskDetails(
        reference=data["reference"],
        title=data["title"],
        source_cause=data.get("source_cause", ""),
        risk_events=data.get("risk_events", ""),
        consequences=data.get("consequences", ""),
        next_review_on=data.get("next_review_on"),
        owners=list(data.get("owners") or []),
        priorities=list(data.get("priorities") or []),
        controls=control_rows,
        actions=action_rows,
    )
    return details, {"controls": (controls, control_indexes), "actions": (actions, action_indexes)}


def _all_valid(forms: list) -> bool:
    """Validate every form (not stopping at the first invalid one) so all errors show at once."""
    results = [f.is_valid() for f in forms]
    return all(results)


def _render_form(request, template: str, context: dict, forms: list):
    if request.POST.get(ADD_ROW):
        # Adding a row is not a save: show the rows as typed, without complaining about unfinished ones.
        for form in forms:
            for each in getattr(form, "forms", [form]):
                each.helper.form_show_errors = False
        context["errors"] = []
    else:
        context["errors"] = error_list(*forms)
    return render(request, template, context)


@login_required
def risk_create_view(request, register_id: int):
    register = register_for(request, register_id, "risks.change_register")
    scales = Scales.load()
    data = request.POST if request.method == "POST" else None
    form = RiskForm(
        data,
        people=register_owner_candidates(register=register),
        owner_groups=register_owner_groups(register=register),
        priorities=register_priorities(register=register),
    )
    ratings_form = RatingsForm(data, scales=scales, prefix="rating")
    controls = _bound_formset(ControlFormSet, request, "controls", [], BLANK_ROWS_ON_ADD["controls"])
    actions = _bound_formset(ActionFormSet, request, "actions", [], BLANK_ROWS_ON_ADD["actions"])
    token_form = SubmitTokenForm(data)
    forms = [form, ratings_form, controls, actions]
    if request.method == "POST" and not request.POST.get(ADD_ROW) and _all_valid(forms):
        details, row_forms = _details(form, controls, actions)
        try:
            risk = risk_create(
                register=register,
                details=details,
                ratings=ratings_form.ratings(),
                created_by=request.user,
                submit_token=token_form.token,
            )
        except RiskValidationError as error:
            service_errors_add(error, forms=[form, ratings_form], formsets=row_forms)
        else:
            messages.success(request, f"Risk {risk.reference} added.")
            return redirect("risks:risk_detail", risk_id=risk.pk)
    context = {
        "register": register,
        "form": form,
        "ratings_form": ratings_form,
        "controls": controls,
        "actions": actions,
        "scales": scales,
        "token_form": token_form,
    }
    return _render_form(request, "risks/risk_form.html", context, forms)


CONFLICT_FIELDS = (
    "reference",
    "title",
    "source_cause",
    "risk_events",
    "consequences",
    "owners",
    "next_review_on",
    "priorities",
)


def _saved_rows(risk) -> list[tuple[str, str]]:
    """The risk's controls and actions as saved, for the conflict page (they are tables, not fields)."""
    rows = risk_edit_rows(risk=risk)
    controls = [" - ".join(filter(None, [c.title, c.owner])) for c in rows.controls]
    actions = [" - ".join(filter(None, [a.title, a.owner, a.due_text, "done" if a.done else ""])) for a in rows.actions]
    return [("Controls", "\n".join(controls)), ("Actions", "\n".join(actions))]


def _row_initial(rows, fields: tuple[str, ...]) -> list[dict]:
    return [{"row_id": row.pk, **{name: getattr(row, name) for name in fields}} for row in rows]


@login_required
def risk_edit(request, risk_id: int):
    risk = risk_for(request, risk_id, "risks.change_register")
    register = risk.register
    stored_reference = risk.reference
    rows = risk_edit_rows(risk=risk)
    data = request.POST if request.method == "POST" else None
    form = RiskForm(
        data,
        instance=risk,
        initial={"owners": rows.owners, "priorities": rows.priorities},
        people=register_owner_candidates(register=register),
        owner_groups=register_owner_groups(register=register),
        priorities=register_priorities(register=register),
    )
    controls = _bound_formset(ControlFormSet, request, "controls", _row_initial(rows.controls, ("title", "owner")))
    actions = _bound_formset(
        ActionFormSet, request, "actions", _row_initial(rows.actions, ("title", "owner", "due_text", "done"))
    )
    lock_form = LockVersionForm.for_instance(risk, data)
    conflict = None
    forms = [form, controls, actions]
    if request.method == "POST" and not request.POST.get(ADD_ROW) and _all_valid(forms):
        details, row_forms = _details(form, controls, actions)
        try:
            risk_update(risk=risk, details=details, lock_version=lock_form.submitted)
        except ForeignRowError:
            raise PermissionDenied from None
        except EditConflict as error:
            conflict = conflict_context(error, form=form, noun="risk", names=CONFLICT_FIELDS)
            conflict["saved"] += _saved_rows(error.saved)
            # Their version is now the one this form replaces if the user chooses to save again.
            lock_form = LockVersionForm.for_instance(error.saved)
            stored_reference = error.saved.reference
        except RiskValidationError as error:
            service_errors_add(error, forms=[form], formsets=row_forms)
        else:
            messages.success(request, f"Risk {details.reference} saved.")
            return redirect("risks:risk_detail", risk_id=risk.pk)
    # The form's instance may carry rejected input; the page heading keeps the stored reference.
    risk.reference = stored_reference
    context = {
        "register": register,
        "risk": risk,
        "form": form,
        "controls": controls,
        "actions": actions,
        "lock_form": lock_form,
        "conflict": conflict,
    }
    response = _render_form(request, "risks/risk_form.html", context, forms)
    if conflict:
        response.status_code = 409
    return response


@login_required
def risk_detail_view(request, risk_id: int):
    risk = risk_for(request, risk_id, "risks.view_register")
    scales = Scales.load()
    risk = risk_detail(risk_id=risk.pk, scales=scales)
    return render(
        request,
        "risks/risk_detail.html",
        {
            "register": risk.register,
            "risk": risk,
            "scales": scales,
            "today": timezone.localdate(),
            "rating_chart": rating_chart(risk.history, scales),
            "may_edit": request.user.has_perm("risks.change_register", risk.register),
        },
    )


@login_required
def risk_review(request, risk_id: int):
    risk = risk_for(request, risk_id, "risks.change_register")
    scales = Scales.load()
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, initial={"reviewed_on": timezone.localdate()})
    ratings_form = RatingsForm(data, scales=scales, prefix="rating", initial=RatingsForm.initial_for(risk))
    forms = [form, ratings_form]
    if request.method == "POST" and _all_valid(forms):
        try:
            risk_review_record(
                risk=risk,
                ratings=ratings_form.ratings(),
                reviewed_on=form.cleaned_data["reviewed_on"],
                reviewed_by=request.user,
                note=form.cleaned_data["note"],
            )
        except RiskValidationError as error:
            service_errors_add(error, forms=[form, ratings_form], formsets={})
        else:
            messages.success(request, f"Review of {risk.reference} recorded.")
            return redirect("risks:risk_detail", risk_id=risk.pk)
    context = {"register": risk.register, "risk": risk, "form": form, "ratings_form": ratings_form}
    return _render_form(request, "risks/risk_review.html", context, forms)


@login_required
def risk_delete_view(request, risk_id: int):
    risk = risk_for(request, risk_id, "risks.change_register")
    if request.method == "POST":
        register_id = risk.register_id
        reference = risk.reference
        risk_delete(risk=risk)
        messages.success(request, f"Risk {reference} removed from the register.")
        return redirect("risks:register_detail", register_id=register_id)
    return render(
        request,
        "includes/confirm_delete.html",
        {
            "heading": f"Remove risk {risk.reference}?",
            "caption": risk.register.display_title,
            "goes_intro": risk.title,
            "warning": "Its controls, actions and review history are removed too. This cannot be undone.",
            "button": "Remove risk",
            "cancel_url": reverse("risks:risk_detail", args=[risk.pk]),
        },
    )
