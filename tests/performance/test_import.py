"""Importing actuals from CSV and XLSX: a preview, a row-by-row report, and all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from performance.importing import MAX_UPLOAD_BYTES, ImportFileError, read_file
from performance.models import (
    ActivityActual,
    ActualImport,
    Frequency,
    ImportStatus,
    KpiActual,
    Polarity,
    Unit,
)
from performance.services import ImportAlreadyDone, actual_import_commit, actual_import_prepare

from .factories import ActivityIndicatorFactory, KpiFactory, record

GOOD_CSV = (
    "reference,period,value,commentary\n"
    "CS05,2017-Q1,78%,Short of target in April\n"
    "PI01,2017-Q1,4,\n"
    "SC13,2017-FY,£7.2m,\n"
    'CS08,2017-Q1,"171,250",\n'
)


@pytest.fixture
def indicators(plan):
    return {
        "CS05": KpiFactory(plan=plan, reference="CS05", floor=70, target=80),
        "PI01": KpiFactory(plan=plan, reference="PI01", polarity=Polarity.LOWER, floor=15, target=5),
        "SC13": KpiFactory(
            plan=plan, reference="SC13", unit=Unit.MONEY, frequency=Frequency.ANNUAL, floor=6_500_000, target=8_000_000
        ),
        "CS08": ActivityIndicatorFactory(plan=plan, reference="CS08"),
    }


def _prepare(plan, text: str, name="actuals.csv", user=None):
    return actual_import_prepare(plan=plan, name=name, data=text.encode("utf-8"), user=user)


def _xlsx(rows, percent_cells=()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell in percent_cells:
        sheet[cell].number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_good_csv_is_held_for_confirmation_then_imported(plan, indicators, lead):
    """A clean file is previewed (nothing written), then committed in full with who and when."""
    check, held = _prepare(plan, GOOD_CSV, user=lead)
    assert check.ok
    assert [row.shown for row in check.rows] == ["78%", "4%", "£7.2m", "171,250"]
    assert held.status == ImportStatus.PREVIEWED
    assert not KpiActual.objects.exists()

    result = actual_import_commit(actual_import=held, user=lead)
    assert (result.created, result.updated) == (4, 0)
    cs05 = KpiActual.objects.get(kpi=indicators["CS05"])
    assert (cs05.value, cs05.period.code, cs05.commentary, cs05.entered_by) == (
        Decimal(78),
        "2017-Q1",
        "Short of target in April",
        lead,
    )
    assert KpiActual.objects.get(kpi=indicators["SC13"]).value == Decimal(7_200_000)
    assert ActivityActual.objects.get(indicator=indicators["CS08"]).value == Decimal(171_250)


@pytest.mark.django_db
def test_good_xlsx_with_percentage_cells(plan, indicators):
    """Excel stores 95% as 0.95; a percentage-formatted cell is read as 95%."""
    data = _xlsx([["Reference", "Period", "Value"], ["CS05", "2017-Q1", 0.78], ["PI01", "2017-Q1", 4]], ["C2"])
    check, held = actual_import_prepare(plan=plan, name="actuals.xlsx", data=data, user=None)
    assert check.ok
    assert [row.value for row in check.rows] == [Decimal(78), Decimal(4)]
    assert held is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("CS05,2017-Q2,12.5x", "value", "“12.5x” is not a number"),
        ("ZZ99,2017-Q2,5", "reference", "No indicator of this plan has the reference “ZZ99”"),
        ("CS05,2017-M07,80", "period", "CS05 is reported quarterly, so its period is written like 2017-Q1"),
        ("CS05,2016-Q1,80", "period", "is not in 2017-18, the year of this plan"),
        ("CS05,Q1 2017,80", "period", "is not a period"),
        ("CS05,2017-Q2,", "value", "Enter a value"),
        (",2017-Q2,80", "reference", "Enter the indicator's reference"),
    ],
)
def test_one_bad_row_imports_nothing_and_is_reported_by_row(plan, indicators, row, column, message):
    """A bad number, unknown reference or wrong period: the report names the row and column; nothing is held."""
    text = GOOD_CSV + row + "\n"
    check, held = _prepare(plan, text)
    assert held is None
    assert not check.ok
    assert [(e.line, e.column) for e in check.errors] == [(6, column)]
    assert message in check.errors[0].message
    assert not KpiActual.objects.exists()
    assert not ActualImport.objects.exists()


@pytest.mark.django_db
def test_a_null_character_past_the_binary_check_is_reported_against_its_row(plan, indicators):
    """Only a file's first 4 KB are checked for binary data; a NUL further on is a row error, never stored."""
    note = "Short of target in April. " * 70  # three of these push the last row past the first 4,096 bytes
    text = (
        "reference,period,value,commentary\n"
        f"CS05,2017-Q1,78%,{note}\n"
        f"PI01,2017-Q1,4,{note}\n"
        f"SC13,2017-FY,£7.2m,{note}\n"
        "CS05,2017-Q2,80,Bad\x00note\n"
    )
    check, held = _prepare(plan, text)
    assert held is None
    assert [(e.line, e.column, e.message) for e in check.errors] == [
        (5, "commentary", "Null characters are not allowed.")
    ]


@pytest.mark.django_db
def test_duplicate_row_is_reported_against_the_first(plan, indicators):
    """The same indicator and period twice in a file is an error naming the earlier row."""
    check, held = _prepare(plan, GOOD_CSV + "cs05,2017-q1,79\n")
    assert held is None
    assert check.errors[0].line == 6
    assert "CS05 for 2017-Q1 is already on row 2" in check.errors[0].message


@pytest.mark.django_db
def test_every_problem_in_a_file_is_reported_at_once(plan, indicators):
    """A file with several bad rows lists all of them, so one round of corrections is enough."""
    text = "reference,period,value\nCS05,2017-Q1,x\nZZ,2017-Q1,1\nPI01,2017-M04,5\n"
    check, _ = _prepare(plan, text)
    assert [e.line for e in check.errors] == [2, 3, 4]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\n\n  \n", "is empty"),
        ("headings.csv", b"reference,period,value\n", "has column headings but no rows"),
        ("wrong.csv", b"kpi name,quarter,number\nCS05,2017-Q1,80\n", "no column headed reference or period or value"),
        ("report.xlsx", b"%PDF-1.7 this is really a PDF renamed to .xlsx", "is not an Excel workbook"),
        ("zip.xlsx", b"PK\x03\x04 truncated archive", "is not an Excel workbook"),
        ("binary.csv", b"\x00\x01\x02\x03 binary", "is not a CSV file"),
        ("actuals.xls", b"whatever", "is not a CSV or XLSX file"),
        ("actuals.txt", b"reference,period,value\n", "is not a CSV or XLSX file"),
    ],
)
def test_unreadable_files_are_refused_clearly(plan, name, data, message):
    """Empty files, wrong headings, non-spreadsheets renamed .xlsx and other types are refused as a whole."""
    with pytest.raises(ImportFileError, match=message):
        read_file(name=name, data=data)


@pytest.mark.django_db
def test_a_20_mb_file_is_refused_with_its_size(plan):
    """The 20 MB file is refused before it is parsed, with the limit stated."""
    data = b"reference,period,value\n" + b"CS05,2017-Q1,80\n" * (20 * 1024 * 1024 // 16)
    with pytest.raises(ImportFileError, match=r"is 20\.0\xa0MB: files of actuals must be 5\.0\xa0MB or smaller"):
        read_file(name="big.csv", data=data)


@pytest.mark.django_db
def test_commit_checks_again_and_writes_nothing_if_the_plan_changed(plan, indicators, lead):
    """If an indicator is deleted between preview and confirmation, the commit refuses the whole file."""
    from performance.services import ImportRejected

    _, held = _prepare(plan, GOOD_CSV)
    indicators["PI01"].delete()
    with pytest.raises(ImportRejected):
        actual_import_commit(actual_import=held, user=lead)
    assert not KpiActual.objects.exists()
    assert not ActivityActual.objects.exists()
    held.refresh_from_db()
    assert held.status == ImportStatus.PREVIEWED


@pytest.mark.django_db
def test_an_import_is_committed_once(plan, indicators, lead):
    """A second confirmation (double click, second tab) changes nothing."""
    _, held = _prepare(plan, GOOD_CSV)
    actual_import_commit(actual_import=held, user=lead)
    with pytest.raises(ImportAlreadyDone):
        actual_import_commit(actual_import=held, user=lead)
    assert KpiActual.objects.count() == 3


@pytest.mark.django_db
def test_import_replaces_earlier_figures_and_says_so(plan, indicators, lead):
    """The preview shows which figures a row replaces; committing updates them in place."""
    record(indicators["CS05"], "2017-Q1", 70)
    check, held = _prepare(plan, GOOD_CSV)
    assert [row.replaces for row in check.rows] == ["70%", "", "", ""]
    result = actual_import_commit(actual_import=held, user=lead)
    assert (result.created, result.updated) == (3, 1)
    assert KpiActual.objects.get(kpi=indicators["CS05"]).value == 78


@pytest.mark.django_db
def test_upload_preview_and_confirm_pages(client, plan, indicators, lead):
    """Through the pages: upload → preview listing every row → confirm → imported, with a success message."""
    client.force_login(lead)
    url = reverse("performance:import_upload", args=[plan.pk])
    response = client.post(url, {"file": SimpleUploadedFile("q1.csv", GOOD_CSV.encode(), "text/csv")})
    held = ActualImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("performance:import_confirm", args=[plan.pk, held.pk])
    preview = client.get(response.url)
    assert "Check the actuals before importing" in preview.text
    assert "171,250" in preview.text
    assert not KpiActual.objects.exists()
    done = client.post(response.url, {"action": "commit"}, follow=True)
    assert "imported: 4 added" in done.text
    assert KpiActual.objects.count() == 3


@pytest.mark.django_db
def test_upload_page_shows_the_row_report_and_an_error_summary(client, plan, indicators, lead):
    """A file with problems comes back with a GOV.UK error summary and a table of problems by row."""
    client.force_login(lead)
    text = GOOD_CSV + "CS05,2017-Q2,12.5x\n"
    response = client.post(
        reverse("performance:import_upload", args=[plan.pk]),
        {"file": SimpleUploadedFile("q1.csv", text.encode(), "text/csv")},
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert "has 1 problem, so nothing was imported" in response.text
    assert "“12.5x” is not a number" in response.text
    assert not ActualImport.objects.exists()


@pytest.mark.django_db
def test_upload_form_refuses_20_mb_before_reading_it(client, plan, lead):
    """The upload form checks the size first: a clear message next to the field, status 400."""
    client.force_login(lead)
    big = SimpleUploadedFile("big.csv", b"0" * (MAX_UPLOAD_BYTES * 4), "text/csv")
    response = client.post(reverse("performance:import_upload", args=[plan.pk]), {"file": big})
    assert response.status_code == 400
    assert "files of actuals must be 5.0" in response.text
    assert 'href="#id_file"' in response.text


@pytest.mark.django_db
def test_renamed_pdf_upload_is_refused_on_the_page(client, plan, lead):
    """A PDF renamed .xlsx gets a message saying it is not an Excel workbook."""
    client.force_login(lead)
    fake = SimpleUploadedFile("actuals.xlsx", b"%PDF-1.4 not a spreadsheet", "application/vnd.ms-excel")
    response = client.post(reverse("performance:import_upload", args=[plan.pk]), {"file": fake})
    assert response.status_code == 400
    assert "is not an Excel workbook, even though its name ends in .xlsx" in response.text


@pytest.mark.django_db
def test_readers_cannot_import(client, plan, reader):
    """Only those who may record the plan's actuals see the import pages."""
    client.force_login(reader)
    assert client.get(reverse("performance:import_upload", args=[plan.pk])).status_code == 403


@pytest.mark.django_db
def test_import_actuals_command(plan, indicators, tmp_path, capsys):
    """`import_actuals FILE --plan ID` imports a good file and refuses a bad one, listing rows, writing nothing."""
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    call_command("import_actuals", str(good), plan=plan.pk)
    assert KpiActual.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,period,value\nCS05,2017-Q2,80\nCS05,2017-Q3,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_actuals", str(bad), plan=plan.pk)
    assert "Row 3, value" in capsys.readouterr().err
    assert not KpiActual.objects.filter(period__code="2017-Q2").exists()
