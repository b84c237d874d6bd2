"""Glue between formsets and the row services: order and add-a-row (errors go back with ``kcc_planning.forms``)."""

from django.forms import BaseFormSet

from ..services import RowInput

ADD_ROW = "add_row"


def bound_formset(formset_class, request, prefix: str, initial: list[dict]):
    """A bound formset on POST (with one more blank row if "Add another" was pressed), else an initial one."""
    if request.method != "POST":
        return formset_class(prefix=prefix, initial=initial)
    data = request.POST.copy()
    if request.POST.get(ADD_ROW) == prefix:
        key = f"{prefix}-TOTAL_FORMS"
        data[key] = str(int(data.get(key, 0) or 0) + 1)
    return formset_class(data, prefix=prefix, initial=initial)


def wants_new_row(request) -> bool:
    return request.method == "POST" and bool(request.POST.get(ADD_ROW))


def formset_rows(formset: BaseFormSet) -> tuple[list[RowInput], list[int]]:
    """Rows in the order the user asked for, and the form index each came from.

    Blank extra forms are skipped. Rows without a position keep their place after those with one.
    """
    entries = []
    for index, form in enumerate(formset.forms):
        if not form.has_changed() and not form.cleaned_data.get("row_id"):
            continue
        data = form.cleaned_data
        order = data.get("ORDER")
        entries.append(((order is None, order if order is not None else index, index), index, form))
    entries.sort(key=lambda entry: entry[0])
    rows = [
        RowInput(
            id=form.cleaned_data.get("row_id"), values=form.row_values(), delete=bool(form.cleaned_data.get("DELETE"))
        )
        for _, _, form in entries
    ]
    return rows, [index for _, index, _ in entries]
