"""The progress page's one form: a status, commentary and dates for every action and milestone of the plan.

Each row can be saved on its own (its own button) or all together; either way the page keeps what was typed
in every other row. A row left at "Not updated" records nothing.
"""

from __future__ import annotations

import datetime
import functools

from django import forms
from django.forms.utils import ErrorDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from kcc_planning.forms import FieldsOnlyMixin, GovukDateField
from kcc_planning.locking import ABSENT, LockVersionField

from ..models import ProgressStatus
from ..models.progress import COMMENTARY_LIMIT
from .selectors import ItemKey, ItemProgress, PlanProgress
from .services import RowInput

NOT_UPDATED = ""
STATUS_CHOICES = [(NOT_UPDATED, "Not updated for this period"), *ProgressStatus.choices]
# Typed values that are more than a copy of last period's: any of these without a status is a mistake.
TYPED_FIELDS = ("commentary", "revised_date", "revised_reason", "achieved_on")


def _date_input(field: dict, value, marked: list[bool]) -> str:
    """The GOV.UK date input's markup (as crispy-forms-gds draws it), written here: the page has hundreds."""
    described = f"{field['id']}-hint" + (f" {field['id']}-error" if field["errors"] else "")
    errors = format_html_join(
        "",
        '<p id="{}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</p>',
        ((field["id"], error) for error in field["errors"]),
    )
    parts = format_html_join(
        "",
        '<div class="govuk-date-input__item"><div class="govuk-form-group">'
        '<label class="govuk-label govuk-date-input__label" for="{0}_{1}">{2}</label>'
        '<input class="govuk-input govuk-date-input__input govuk-input--width-{3}{4}" id="{0}_{1}" name="{5}_{1}" '
        'type="text" inputmode="numeric" autocomplete="off" spellcheck="false" value="{6}"></div></div>',
        (
            (field["id"], index, label, width, " govuk-input--error" if error else "", field["name"], part or "")
            for index, (label, part, error, width) in enumerate(
                zip(("Day", "Month", "Year"), value, marked, (2, 2, 4), strict=False)
            )
        ),
    )
    return format_html(
        '<div class="govuk-form-group{}"><fieldset class="govuk-fieldset" role="group" aria-describedby="{}">'
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend>'
        '<div id="{}-hint" class="govuk-hint">{}</div>{}'
        '<div class="govuk-date-input" id="{}">{}</div></fieldset></div>',
        " govuk-form-group--error" if field["errors"] else "",
        described,
        field["label"],
        field["id"],
        field["help"],
        errors,
        field["id"],
        parts,
    )


@functools.lru_cache(maxsize=16)  # bounded: ``selected`` may be whatever a post sent
def _status_options(selected: str) -> str:
    """The status list's options with ``selected`` chosen; the same few lists serve every row of every page."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, mark_safe(" selected") if key == selected else "", words) for key, words in STATUS_CHOICES),
    )


def item_name(row: ItemProgress) -> str:
    return row.name


# Each row's fields: (label, hint). The page draws them from these and the row's values; ``_add_row`` makes the
# Django fields with the same words for validating a post.
FIELD_WORDS = {
    "status": ("Status", ""),
    "commentary": ("Commentary (optional)", ""),
    "revised_date": ("Revised date", "Only if the date has slipped. For example, 31 3 2018"),
    "revised_reason": ("Reason for the revised date", ""),
    "achieved_on": ("Date achieved", "Only once the milestone is met. For example, 27 9 2017"),
    "version": ("", ""),
}
DATE_FIELDS = ("revised_date", "achieved_on")


def _initial(row: ItemProgress) -> dict:
    """What each field of a row shows before anyone types: this period's update, and a slipped date or a date
    achieved carried from the latest update (a slipped date stays slipped unless someone changes it)."""
    update, current = row.update, row.current
    initial = {
        "status": update.status if update else NOT_UPDATED,
        "commentary": update.commentary if update else "",
        "revised_date": current.revised_date if current else None,
        "revised_reason": current.revised_reason if current else "",
        "version": update.lock_version if update else ABSENT,
    }
    if row.kind == "milestone":
        initial["achieved_on"] = current.achieved_on if current else None
    return initial


class ProgressPeriodForm(FieldsOnlyMixin, forms.Form):
    def __init__(self, *args, progress: PlanProgress, save_row: str = "", **kwargs):
        self.progress = progress
        self._rows_added = False
        super().__init__(*args, **kwargs)
        self.save_row = save_row

    # A 300-action plan has about 2,000 fields: a page drawn fresh needs none of them (``row_fields`` works from
    # the rows), so they are made the first time something validates or inspects the form.
    @property
    def fields(self) -> dict:
        if not self._rows_added:
            self._rows_added = True
            for row in self.progress.rows():
                self._add_row(row)
        return self._fields

    @fields.setter
    def fields(self, value: dict) -> None:
        self._fields = value

    def __getitem__(self, name: str):
        # Every row field is named "<row>-<field>". A template's ``form.errors`` tries ``form["errors"]`` first
        # (base.html's title does): that must not make two thousand fields to learn it is not one of them.
        if "-" not in name:
            raise KeyError(name)
        return super().__getitem__(name)

    def _add_row(self, row: ItemProgress) -> None:
        prefix, initial = row.field_prefix, _initial(row)

        def words(name: str) -> dict:
            label, hint = FIELD_WORDS[name]
            return {"label": label, "help_text": hint, "required": False, "initial": initial[name]}

        fields = self._fields
        fields[f"{prefix}-status"] = forms.ChoiceField(choices=STATUS_CHOICES, **words("status"))
        text = {"max_length": COMMENTARY_LIMIT, "widget": forms.Textarea(attrs={"rows": 2})}
        fields[f"{prefix}-commentary"] = forms.CharField(**text, **words("commentary"))
        fields[f"{prefix}-revised_date"] = GovukDateField(noun="the revised date", **words("revised_date"))
        fields[f"{prefix}-revised_reason"] = forms.CharField(**text, **words("revised_reason"))
        if row.kind == "milestone":
            fields[f"{prefix}-achieved_on"] = GovukDateField(noun="the date achieved", **words("achieved_on"))
        fields[f"{prefix}-version"] = LockVersionField(required=False, initial=initial["version"])

    def bound(self, row: ItemProgress) -> dict:
        """The row's fields by short name, as plain values for the row template. The page has hundreds of
        rows: hand-written GOV.UK markup from these is many times faster than a template pack per field, and a
        page drawn fresh takes the values straight from the row, with no form field at all."""
        prefix = row.field_prefix
        values = _initial(row)
        if self.is_bound:
            fields = self.fields
            for name in values:
                field = fields[f"{prefix}-{name}"]
                values[name] = field.widget.value_from_datadict(self.data, self.files, f"{prefix}-{name}")
        return {name: self._field(f"{prefix}-{name}", name, value) for name, value in values.items()}

    def _field(self, html_name: str, name: str, value) -> dict:
        label, hint = FIELD_WORDS[name]
        errors = self.errors.get(html_name, []) if self.is_bound else []
        field = {"name": html_name, "id": f"id_{html_name}", "label": label, "help": hint, "errors": errors}
        if name in DATE_FIELDS:
            if isinstance(value, datetime.date):
                value = [value.day, value.month, value.year]
            elif not isinstance(value, list | tuple):
                value = [value or "", "", ""]
            marked = [False, False, False]
            if errors:
                marked = [bool(getattr(part.widget, "errors", [])) for part in self.fields[html_name].fields]
                marked = marked if any(marked) else [True, True, True]
            field["filled"] = any(str(part or "").strip() for part in value)
            field["html"] = _date_input(field, value, marked)
        else:
            field["value"] = "" if value is None else str(value)
        if name == "status":
            field["options"] = _status_options(field["value"])
        return field

    def row_fields(self) -> list[tuple[ItemProgress, dict]]:
        """Each row with its fields, in printed order."""
        return [(row, self.bound(row)) for row in self.progress.rows()]

    def rows_in_scope(self) -> list[ItemProgress]:
        """The row whose own button was pressed, or every row for "Save all"."""
        rows = self.progress.rows()
        if self.save_row:
            return [row for row in rows if row.field_prefix == self.save_row]
        return rows

    def full_clean(self):
        if not self.is_bound:  # nothing to check (as Django does), and no reason to make the fields
            self._errors = ErrorDict()
            return
        # Only the rows being saved are checked: a half-typed row elsewhere must not stop one row's save.
        if self.save_row:
            scope = {row.field_prefix for row in self.rows_in_scope()}
            self._unchecked = {name: field for name, field in self.fields.items() if name.split("-")[0] not in scope}
            self.fields = {name: field for name, field in self.fields.items() if name not in self._unchecked}
            try:
                super().full_clean()
            finally:
                self.fields = {**self.fields, **self._unchecked}
            return
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        changed = set(self.changed_data)
        for row in self.rows_in_scope():
            prefix = row.field_prefix
            if cleaned.get(f"{prefix}-status", NOT_UPDATED) != NOT_UPDATED:
                continue
            if row.update is not None:
                self.add_error(
                    f"{prefix}-status", f"Select a status for {item_name(row)}: it was updated for this period"
                )
            elif any(f"{prefix}-{name}" in changed for name in TYPED_FIELDS if f"{prefix}-{name}" in self.fields):
                self.add_error(f"{prefix}-status", f"Select a status for {item_name(row)}")
        return cleaned

    def row_inputs(self) -> list[RowInput]:
        """What the service records: the rows in scope that have a status (call after ``is_valid``)."""
        inputs = []
        changed = {name.rsplit("-", 1)[0] for name in self.changed_data}
        for row in self.rows_in_scope():
            prefix = row.field_prefix
            status = self.cleaned_data.get(f"{prefix}-status", NOT_UPDATED)
            if status == NOT_UPDATED:
                continue
            # A row already saved for this period and left as it was is not sent: a colleague's later save of it
            # is then no conflict for someone who only changed other rows.
            if row.update is not None and prefix not in changed:
                continue
            inputs.append(
                RowInput(
                    item=row.item,
                    status=status,
                    commentary=self.cleaned_data.get(f"{prefix}-commentary", ""),
                    revised_date=self.cleaned_data.get(f"{prefix}-revised_date"),
                    revised_reason=self.cleaned_data.get(f"{prefix}-revised_reason", "").strip(),
                    achieved_on=self.cleaned_data.get(f"{prefix}-achieved_on"),
                    version=self.cleaned_data.get(f"{prefix}-version"),
                )
            )
        return inputs

    def add_row_errors(self, errors: dict[ItemKey, dict[str, list[str]]]) -> None:
        """A service's per-row errors, next to the row's field (or its status when the field is not on the page)."""
        rows = {row.key: row for row in self.progress.rows()}
        for key, fields in errors.items():
            prefix = rows[key].field_prefix
            for name, messages in fields.items():
                target = f"{prefix}-{name}" if f"{prefix}-{name}" in self.fields else f"{prefix}-status"
                for message in messages:
                    self.add_error(target, f"{message} ({item_name(rows[key])})")

    def take_versions(self, changed) -> None:
        """After a conflict: carry the versions now stored, so saving again is a deliberate choice to replace
        them (what the user typed stays as typed)."""
        self.data = self.data.copy()
        rows = {row.key: row for row in self.progress.rows()}
        for item, update in changed:
            kind = "milestone" if hasattr(item, "due_text") else "action"
            row = rows.get((kind, item.pk))
            if row is not None:
                self.data[f"{row.field_prefix}-version"] = str(update.lock_version if update else ABSENT)
