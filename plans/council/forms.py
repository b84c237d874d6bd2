"""The council-wide view's filters, read from the query string (the GOV.UK filter pattern: a GET form)."""

from django import forms

from .. import extensions
from .selectors import CouncilFilters


class CouncilFilterForm(forms.Form):
    """Year, portfolio, Cabinet Member and any filter another app registers. Unknown values are ignored."""

    year = forms.TypedChoiceField(label="Plan year", required=False, coerce=int, empty_value=None)
    portfolio = forms.TypedChoiceField(label="Portfolio", required=False, coerce=int, empty_value=None)
    cabinet_member = forms.TypedChoiceField(label="Cabinet Member", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, years, plan_year, portfolios):
        super().__init__(data)
        self.fields["year"].choices = [(str(year.start_year), year.label) for year in years]
        self.fields["portfolio"].choices = [("", "Any portfolio"), *((str(p.pk), p.title) for p in portfolios)]
        members = {p.cabinet_member.pk: p.cabinet_member.name for p in portfolios if p.cabinet_member is not None}
        self.fields["cabinet_member"].choices = [
            ("", "Any Cabinet Member"),
            *((str(pk), name) for pk, name in sorted(members.items(), key=lambda item: item[1])),
        ]
        self.registered = extensions.council_filters()
        for entry in self.registered:
            self.fields[entry.key] = forms.ChoiceField(
                label=entry.label,
                required=False,
                choices=[("", entry.any_label), *entry.choices(plan_year=plan_year)],
            )
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def filters(self) -> CouncilFilters:
        """The valid filters; a value that is not one of the choices (an old link) is simply not applied."""
        if not self.is_bound:
            return CouncilFilters()
        self.is_valid()
        cleaned = self.cleaned_data
        return CouncilFilters(
            portfolio=cleaned.get("portfolio"),
            cabinet_member=cleaned.get("cabinet_member"),
            others={entry.key: cleaned.get(entry.key) or "" for entry in self.registered},
        )
