"""XLSX files of actuals over a size or row budget are refused before (or while) they are read, and formulas are
never evaluated: issue 11, item 10."""

import gc
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from performance.importing import ImportFileError, read_file
from performance.importing.files import MAX_ROWS, MAX_XLSX_LINES, MAX_XLSX_UNPACKED_BYTES
from performance.models import ActualImport

from ..support import memory

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>reference</t></is></c><c r="B1" t="inlineStr"><is><t>period</t></is>'
    '</c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>'
)
SHEET_TAIL = "</sheetData></worksheet>"
# The row budget's worth of actuals, commentary in every row: the largest workbook the import accepts.
_FULL_ROWS = [[f"KPI{n % 400:03d}", "2017-Q1", n, f"Commentary on figure {n}, as reported"] for n in range(MAX_ROWS)]


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_sheet(sheet_xml: str) -> bytes:
    """A real workbook whose first sheet is replaced by ``sheet_xml``, deflated as Excel does."""
    original = zipfile.ZipFile(io.BytesIO(_workbook([["reference", "period", "value"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in original.infolist():
            data = sheet_xml.encode() if info.filename == SHEET else original.read(info.filename)
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def _repeated_cells(count: int) -> str:
    """One row holding ``count`` identical cells: a few hundred KB once packed, tens of MB unpacked."""
    cell = '<c t="inlineStr"><is><t>x</t></is></c>'
    return SHEET_HEAD + '<row r="2">' + cell * count + "</row>" + SHEET_TAIL


def test_a_zip_bomb_workbook_is_refused_before_openpyxl_reads_it(monkeypatch):
    """A 55 MB sheet packed into a small workbook is refused from the archive's sizes alone, in well under a second."""
    data = _with_sheet(_repeated_cells(55 * 1024 * 1024 // 38))
    assert len(data) < 500 * 1024  # a small upload…
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert unpacked > 50 * 1024 * 1024  # …that unpacks to over 50 MB

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open the workbook")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="unpacks to far more data than a file of actuals holds"):
        read_file(name="bomb.xlsx", data=data)
    assert time.monotonic() - started < 1


def test_a_sheet_packed_too_tightly_is_refused_even_under_the_total_budget():
    """Under the total budget, a member that packs over 100 to 1 can only be a run of repeated cells."""
    data = _with_sheet(_repeated_cells(4 * 1024 * 1024 // 38))
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert unpacked < MAX_XLSX_UNPACKED_BYTES
    with pytest.raises(ImportFileError, match="unpacks to far more data"):
        read_file(name="tight.xlsx", data=data)


def test_a_sheet_padded_with_blank_rows_is_stopped_at_the_line_budget():
    """A far-away last row makes openpyxl pad with empty rows; reading stops at the line budget."""
    far = MAX_XLSX_LINES + 10
    sheet = SHEET_HEAD + f'<row r="{far}"><c r="A{far}" t="inlineStr"><is><t>CS05</t></is></c></row>' + SHEET_TAIL
    sheet = sheet.replace("<sheetData>", f'<dimension ref="A1:C{far}"/><sheetData>', 1)
    with pytest.raises(ImportFileError, match=f"has more than {MAX_XLSX_LINES:,} rows"):
        read_file(name="padded.xlsx", data=_with_sheet(sheet))


@pytest.mark.django_db
def test_a_workbook_of_actuals_with_formulas_is_refused_never_evaluated():
    """A formula is read as its text and refused with the cell named; nothing evaluates it."""
    data = _workbook([["reference", "period", "value"], ["CS05", "2017-Q1", 78], ["PI01", "2017-Q1", "=1+1"]])
    with pytest.raises(ImportFileError, match=r"has a formula in cell C3: formulas are not imported"):
        read_file(name="formulas.xlsx", data=data)


@pytest.mark.django_db
def test_a_formula_in_commentary_is_refused_too():
    """Not just values: a formula anywhere in the rows read (e.g. a HYPERLINK in a note) is refused."""
    data = _workbook(
        [["reference", "period", "value", "commentary"], ["CS05", "2017-Q1", 78, '=HYPERLINK("http://x","y")']]
    )
    with pytest.raises(ImportFileError, match="has a formula in cell D2"):
        read_file(name="note.xlsx", data=data)


@pytest.mark.django_db
def test_the_refusal_is_shown_next_to_the_file_field(client, plan, lead):
    """The upload page shows the budget error against the file field, status 400, and holds nothing."""
    client.force_login(lead)
    bomb = SimpleUploadedFile("bomb.xlsx", _with_sheet(_repeated_cells(55 * 1024 * 1024 // 38)))
    response = client.post(reverse("performance:import_upload", args=[plan.pk]), {"file": bomb})
    assert response.status_code == 400
    assert "unpacks to far more data than a file of actuals holds" in response.text
    assert 'href="#id_file"' in response.text
    assert not ActualImport.objects.exists()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: _workbook([["reference", "period", "value", "commentary"]] + _FULL_ROWS), id="largest"),
        pytest.param(lambda: _with_sheet(_repeated_cells(55 * 1024 * 1024 // 38)), id="zip-bomb"),
    ],
)
def test_reading_the_largest_workbook_or_a_bomb_stays_within_500_mb_and_a_request_s_time(make):
    """The largest workbook accepted (the row budget, four columns, commentary in every row) is read, and a zip
    bomb refused, well inside a web worker's 30 s timeout, the read adding under 300 MB to the process: a web
    worker (about 200 MB once the app is loaded) stays below 500 MB. The growth is measured, not the total,
    because the suite's own process already holds what every earlier test loaded."""
    data = make()
    started = time.monotonic()

    def read():
        try:
            return read_file(name="actuals.xlsx", data=data)
        except ImportFileError as error:
            return error

    gc.collect()
    before = memory.rss()
    result, peak = memory.peak_rss_during(read)
    assert time.monotonic() - started < 20
    assert peak - before < 300 * memory.MB, f"the read added {(peak - before) // memory.MB} MB"
    if isinstance(result, list):
        assert len(result) == len(_FULL_ROWS)
    else:
        assert "unpacks to" in str(result)
