"""Reading and checking files of actuals (CSV or XLSX) before anything is written.

A file is a table with a heading row: ``reference``, ``period``, ``value`` and
optionally ``commentary`` (other columns are ignored, in any order). Every
problem is reported with its row number as the spreadsheet shows it, so an
officer can fix the file and upload it again; ``services.imports`` writes a
file only when it has no problems at all.
"""

from .checks import CheckedRow, ImportCheck, RowError, check_rows
from .files import MAX_ROWS, MAX_UPLOAD_BYTES, ImportFileError, RawRow, read_file, size_error

__all__ = [
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "CheckedRow",
    "ImportCheck",
    "ImportFileError",
    "RawRow",
    "RowError",
    "check_rows",
    "read_file",
    "size_error",
]
