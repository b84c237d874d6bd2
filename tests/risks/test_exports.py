"""The register as CSV and XLSX: one row per risk, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from risks.exports import COLUMNS
from risks.models import Register, RegisterLevel

from ..factories import UserFactory
from .factories import RiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(UserFactory(username="reader"))
    return client


def test_csv_has_one_row_per_risk_with_the_seed_profile(reader, demo_loaded):
    """The BSS register exports six rows whose ratings are the seed's summary profile."""
    register = Register.objects.get(level=RegisterLevel.DIRECTORATE, directorate=demo_loaded)
    response = reader.get(reverse("risks:register_export_csv", args=[register.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="Business Strategy Support Directorate Risk Register December 2012.csv"'
        in response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["Risk ID"], r["Current rating"], r["Target rating"]) for r in rows] == [
        ("BSS1", "9", "4"),
        ("BSS2", "9", "4"),
        ("BSS3", "12", "8"),
        ("BSS4", "12", "6"),
        ("BSS5", "12", "8"),
        ("BSS6", "", ""),
    ]
    assert rows[2]["Current impact"] == "Serious (4)"
    assert rows[5]["Current band"] == "Risk assessment in progress"
    assert rows[0]["Controls (control - owner)"].count("\n") == 8  # nine controls


def test_xlsx_matches_csv_and_keeps_numbers_numeric(reader, demo_loaded):
    """The workbook has the same columns, ratings as numbers, and the register as its title."""
    register = Register.objects.get(level=RegisterLevel.DIRECTORATE, directorate=demo_loaded)
    response = reader.get(reverse("risks:register_export_xlsx", args=[register.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == [name for name, _ in COLUMNS]
    assert len(values) == 7
    assert values[4][2] == "BSS4"
    assert values[4][10] == 12
    assert values[4][14] == 6


def test_formula_like_text_is_neutralised(reader):
    """A title starting with = is exported as text with a leading apostrophe, never as a formula."""
    risk = RiskFactory(title='=HYPERLINK("http://example.com","x")', source_cause="@SUM(1)")
    csv_text = reader.get(reverse("risks:register_export_csv", args=[risk.register.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    assert "'@SUM(1)" in csv_text
    xlsx = reader.get(reverse("risks:register_export_xlsx", args=[risk.register.pk])).content
    row = list(load_workbook(io.BytesIO(xlsx)).active.values)[1]
    assert row[3] == '\'=HYPERLINK("http://example.com","x")'
