"""Spreadsheet formula injection ("CSV injection"): the one helper every CSV and XLSX export uses.

A cell whose text starts with = + - @ or a tab, carriage return or line feed may be run as a formula by
Excel, LibreOffice or Google Sheets when the export is opened. Such text is prefixed with an apostrophe,
which spreadsheets show as plain text. Plain numbers ("-5", "+3.2") cannot run and are left alone.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with an apostrophe in front if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    if text != text.strip():
        return False
    try:
        float(text)
    except ValueError:
        return False
    return True
