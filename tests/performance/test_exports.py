"""Open data exports: every KPI and actual as CSV and JSON, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse

from performance.models import Polarity

from .factories import ActivityIndicatorFactory, KpiFactory, record


@pytest.mark.django_db
def test_kpi_csv_has_a_row_per_actual_with_rag(client, plan, reader):
    """Each actual is a row with its period dates, figure and computed RAG; a KPI without actuals still appears."""
    pi01 = KpiFactory(plan=plan, reference="PI01", polarity=Polarity.LOWER, floor=15, target=5)
    record(pi01, "2017-Q1", 4)
    record(pi01, "2017-Q2", 16, commentary='=HYPERLINK("http://evil")')
    KpiFactory(plan=plan, reference="CS15")
    client.force_login(reader)
    response = client.get(reverse("performance:export_kpis_csv", args=[plan.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["reference"], r["period"], r["value"], r["rag"]) for r in rows] == [
        ("PI01", "2017-Q1", "4", "Green"),
        ("PI01", "2017-Q2", "16", "Red"),
        ("CS15", "", "", ""),
    ]
    assert rows[0]["period_start"] == "2017-04-01"
    assert rows[1]["commentary"].startswith("'=")  # a formula is neutralised
    assert rows[0]["floor"] == "15"


@pytest.mark.django_db
def test_activity_csv_and_json(client, plan, reader):
    """Activity actuals carry their quarter's thresholds and range; JSON nests actuals under indicators."""
    cs08 = ActivityIndicatorFactory(plan=plan, reference="CS08")
    record(cs08, "2017-Q1", 190000)
    client.force_login(reader)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("performance:export_activity_csv", args=[plan.pk])).content.decode("utf-8-sig")
            )
        )
    )
    assert (rows[0]["lower_threshold"], rows[0]["upper_threshold"], rows[0]["range"]) == ("160000", "180000", "above")
    data = client.get(reverse("performance:export_json", args=[plan.pk])).json()
    assert data["plan"]["plan_year"] == "2017-18"
    indicator = data["activity_indicators"][0]
    assert indicator["expected_total"] == {"lower": "610000", "upper": "690000"}
    assert indicator["actuals"][0]["shown_as"] == "190,000"


@pytest.mark.django_db
def test_exports_need_a_login(client, plan):
    """Anonymous requests are sent to sign in."""
    response = client.get(reverse("performance:export_json", args=[plan.pk]))
    assert response.status_code == 302
