"""The period entry page never overwrites figures someone else entered after it was loaded (issue 10, item 4).

Each figure carries the version it had when the page was loaded (0 for none yet); if any figure on the page was
entered, changed or removed since, nothing is saved and the shared conflict page lists them as they now stand,
with what the user typed still in the form. Saving again then replaces them, deliberately.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import KpiActual
from performance.services import ActualsConflict, PeriodFigure, period_actuals_record

from ..factories import UserFactory
from .factories import KpiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cs05(plan):
    return KpiFactory(plan=plan, reference="CS05", description="Calls answered in 20 seconds", floor=70, target=80)


def _url(plan):
    return reverse("performance:period_entry", args=[plan.pk, "2017-Q2"])


def _field(kpi, name):
    return f"kpi-{kpi.pk}-{name}"


def test_a_figure_entered_by_someone_else_meanwhile_is_not_overwritten(client, plan, cs05, lead):
    """Two officers open Q2; the first saves 82%; the second's 75% (page loaded before) gets the conflict page."""
    client.force_login(lead)
    page = client.get(_url(plan)).text
    assert f'name="{_field(cs05, "version")}" value="0"' in page

    other = UserFactory(first_name="Richard", last_name="Fitzgerald")
    period_actuals_record(
        plan=plan, period_code="2017-Q2", figures=[PeriodFigure(cs05, Decimal("82"), "New routing", 0)], user=other
    )

    typed = {_field(cs05, "value"): "75", _field(cs05, "commentary"): "My figure", _field(cs05, "version"): "0"}
    response = client.post(_url(plan), typed)
    assert response.status_code == 409
    page = response.text
    assert "Someone else saved this set of figures while you were editing" in page
    assert "82%, entered by Richard Fitzgerald" in page
    assert "New routing" in page
    assert f'name="{_field(cs05, "value")}" value="75"' in page  # what the user typed, kept
    assert f'name="{_field(cs05, "version")}" value="1"' in page  # their version: saving again replaces it
    actual = KpiActual.objects.get(kpi=cs05)
    assert (actual.value, actual.commentary, actual.lock_version) == (82, "New routing", 1)

    response = client.post(_url(plan), {**typed, _field(cs05, "version"): "1"})
    assert response.status_code == 302
    actual = KpiActual.objects.get(kpi=cs05)
    assert (actual.value, actual.commentary, actual.entered_by, actual.lock_version) == (75, "My figure", lead, 2)


def test_a_figure_removed_meanwhile_is_a_conflict_too_and_nothing_is_saved(plan, cs05):
    """The page had version 1 of a figure someone has since removed: refused, and the other figures are unsaved."""
    other = KpiFactory(plan=plan, reference="GL01", floor=96, target=100)
    period_actuals_record(plan=plan, period_code="2017-Q2", figures=[PeriodFigure(cs05, Decimal("82"))], user=None)
    period_actuals_record(plan=plan, period_code="2017-Q2", figures=[PeriodFigure(cs05, None, "", 1)], user=None)
    with pytest.raises(ActualsConflict) as raised:
        period_actuals_record(
            plan=plan,
            period_code="2017-Q2",
            figures=[PeriodFigure(cs05, Decimal("90"), "", 1), PeriodFigure(other, Decimal("97"), "", 0)],
            user=None,
        )
    assert raised.value.changed == [(cs05, None)]
    assert not KpiActual.objects.exists()


def test_unchanged_figures_keep_their_version_and_imports_need_none(plan, cs05):
    """Saving the same figure again changes nothing (version kept); a figure sent with no version is not checked."""
    period_actuals_record(plan=plan, period_code="2017-Q2", figures=[PeriodFigure(cs05, Decimal("82"))], user=None)
    period_actuals_record(
        plan=plan, period_code="2017-Q2", figures=[PeriodFigure(cs05, Decimal("82"), "", 1)], user=None
    )
    assert KpiActual.objects.get(kpi=cs05).lock_version == 1
    period_actuals_record(plan=plan, period_code="2017-Q2", figures=[PeriodFigure(cs05, Decimal("83"))], user=None)
    assert KpiActual.objects.get(kpi=cs05).lock_version == 2
