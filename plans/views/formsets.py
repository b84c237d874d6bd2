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


def _sort_key(index: int, form) -> tuple:
    """By Position; on a tie, a row moved up goes before the row already there and one moved down after it."""
    order = form.cleaned_data.get("ORDER")
    if order is None:
        return (True, index, 0, index)
    shown = form.initial.get("ORDER")
    direction = 0 if shown is None or shown == order else (-1 if order < shown else 1)
    return (False, order, direction, index)


def _followers(entries: list[tuple[int, object]], group_field: str) -> dict[int, list[int]]:
    """Rows that follow the row above them when only that row's Position was changed.

    A row with ``group_field`` ticked (a sub-action) belongs to the nearest row above it as the page
    showed them. If the user gives that parent a new Position and leaves the sub-action's alone, the
    sub-action moves with its parent instead of being left behind under another one.
    """

    def moved(form) -> bool:
        return form.cleaned_data.get("ORDER") != form.initial.get("ORDER")

    def stays_in_group(form, grouped: bool) -> bool:
        return bool(form.cleaned_data.get(group_field)) == grouped and not form.cleaned_data.get("DELETE")

    followers: dict[int, list[int]] = {}
    parent = None
    for index, form in sorted(entries, key=lambda entry: entry[0]):
        if not form.initial:
            continue  # a row added on the page: it goes where its Position says
        if not form.initial.get(group_field):
            parent = (index, form)
            continue
        if parent is None or moved(form) or not stays_in_group(form, True):
            continue
        parent_index, parent_form = parent
        if moved(parent_form) and stays_in_group(parent_form, False):
            followers.setdefault(parent_index, []).append(index)
    return followers


def formset_rows(formset: BaseFormSet, group_field: str | None = None) -> tuple[list[RowInput], list[int]]:
    """Rows in the order the user asked for, and the form index each came from.

    Blank extra forms are skipped. Rows without a position keep their place after those with one.
    With ``group_field`` (e.g. ``sub_action``), rows grouped under a row move with it (see ``_followers``).
    """
    entries = [
        (index, form)
        for index, form in enumerate(formset.forms)
        if form.has_changed() or form.cleaned_data.get("row_id")
    ]
    followers = _followers(entries, group_field) if group_field else {}
    following = {index for group in followers.values() for index in group}
    anchors = sorted((entry for entry in entries if entry[0] not in following), key=lambda e: _sort_key(*e))
    forms = dict(entries)
    ordered: list[int] = []
    for index, _form in anchors:
        ordered.append(index)
        ordered.extend(sorted(followers.get(index, []), key=lambda i: _sort_key(i, forms[i])))
    rows = [
        RowInput(
            id=forms[index].cleaned_data.get("row_id"),
            values=forms[index].row_values(),
            delete=bool(forms[index].cleaned_data.get("DELETE")),
        )
        for index in ordered
    ]
    return rows, ordered
