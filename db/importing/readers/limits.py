"""What a ledger file may hold, checked before (or while) it is read, all in one place.

Why these exist: a reader turns the whole first sheet into Python lists, and python-calamine first
builds each sheet as a dense grid spanning its furthest cells (32 bytes a cell, empty or not). A
5 KB .xlsx with one cell in A1 and one in XFD1048576 asks it for 550 GB and the process aborts
(Rust does not raise on a failed allocation), so a sheet's extent must be known before calamine is
asked for it. A zip part can also claim to be small and unpack to gigabytes.

How they were chosen: a 50,000-row ledger of 11 columns (550,000 cells) passes with room to spare
and one of 40 columns still passes; a file made to sit just under the cell and text limits at once
peaks at about 400 MB (bench/bench_read_limits.py measures it, the ledger and the crafted files).
Checking takes constant memory. Most crafted files are refused in well under a second; the slowest
to refuse, a sheet of hundreds of MB written so the quick scan cannot vouch for it, takes about a
minute of scanning.
"""

from __future__ import annotations

from collections.abc import Sequence

from db.importing.readers import LedgerReadError

MB = 1024 * 1024

MAX_FILE_BYTES = 200 * MB
"""The file on disk. A 50,000-row ledger is about 4 MB as .xlsx, 3 to 6 MB as CSV or an HTML export."""

MAX_ZIP_DIRECTORY_BYTES = 4 * MB
"""The zip central directory of an .xlsx/.ods (a few KB in a real workbook). Bounds what zipfile
holds before any other check can run."""

MAX_ZIP_PART_BYTES = 300 * MB
"""One part of an .xlsx/.ods, unpacked. The sheet of a 50,000-row ledger is about 30 MB."""

MAX_ZIP_TOTAL_BYTES = 500 * MB
"""All parts together, unpacked."""

MAX_ZIP_RATIO = 100
"""Unpacked ÷ packed size of a part. Sheet XML packs about 8:1; a zip bomb packs 1000:1."""

ZIP_RATIO_FLOOR = 1 * MB
"""Parts that unpack to less than this are not held to MAX_ZIP_RATIO (tiny repetitive parts such
as styles pack very well and cannot hurt)."""

MAX_SHARED_STRINGS_BYTES = 100 * MB
"""The shared-strings part of an .xlsx, unpacked: calamine keeps all of it in memory at once."""

MAX_SHARED_STRINGS = 3_000_000
"""Distinct strings in that part (each costs calamine a string header even when empty)."""

MAX_ROWS = 1_000_000
"""Rows of the first sheet (Excel itself stops at 1,048,576)."""

MAX_COLUMNS = 1_000
"""Columns of the first sheet; a ledger has tens."""

MAX_CELLS = 2_000_000
"""Rows × columns of the grid the first sheet spans, empty cells included: what the readers and
calamine hold (calamine 32 bytes a cell, the Python lists 8 more). 50,000 rows × 40 columns."""

MAX_WORKBOOK_CELLS = 4_000_000
"""The same summed over every sheet, for .xls and .ods, which calamine reads whole on opening."""

MAX_TEXT_CHARS = 25_000_000
"""Characters of cell text (for .xls and .ods, in the whole workbook). Bounds a shared string or a
repeated .ods cell copied into many cells, which calamine and Python then each hold a copy of
(about 5 bytes a Chinese character between them); a 50,000-row ledger has about 5 million."""


def _n(value: int) -> str:
    return f"{value:,}"


def file_too_big(name: str, size: int) -> LedgerReadError:
    return LedgerReadError(f"“{name}”有 {size / MB:.1f} MB，超过了可导入文件 {MAX_FILE_BYTES // MB} MB 的上限，"
                           "请只保留要导入的工作表后再试")


def too_many_shared_strings(name: str) -> LedgerReadError:
    return LedgerReadError(f"“{name}”有超过 {_n(MAX_SHARED_STRINGS)} 条不同的文字，超过了上限，请拆分后再导入")


def check_grid(name: str, rows: int, columns: int) -> None:
    """Refuses a first sheet spanning more rows, columns or cells than the limits allow."""
    if rows > MAX_ROWS:
        raise LedgerReadError(f"“{name}”的第一个工作表有 {_n(rows)} 行，超过了 {_n(MAX_ROWS)} 行的上限，"
                              "请删去表格下方多余的内容或拆分后再导入")
    if columns > MAX_COLUMNS:
        raise LedgerReadError(f"“{name}”的第一个工作表有 {_n(columns)} 列，超过了 {_n(MAX_COLUMNS)} 列的上限，"
                              "请删去右侧多余的列后再导入")
    if rows * columns > MAX_CELLS:
        raise LedgerReadError(f"“{name}”的第一个工作表占 {_n(rows)} 行 × {_n(columns)} 列，超过了 {_n(MAX_CELLS)} "
                              "个单元格的上限，请删去表格右侧和下方多余的内容或拆分后再导入")


def fits(rows: int, columns: int, chars: int) -> bool:
    return rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= MAX_CELLS and chars <= MAX_TEXT_CHARS


def check_workbook_cells(name: str, cells: int) -> None:
    if cells > MAX_WORKBOOK_CELLS:
        raise LedgerReadError(f"“{name}”各工作表合计占 {_n(cells)} 个单元格，超过了 {_n(MAX_WORKBOOK_CELLS)} 个的上限，"
                              "请只保留要导入的工作表后再试")


def check_text(name: str, chars: int) -> None:
    if chars > MAX_TEXT_CHARS:
        raise LedgerReadError(f"“{name}”中的文字超过了 {_n(MAX_TEXT_CHARS)} 个字的上限，请拆分后再导入")


class RowBudget:
    """Counts rows, cells and text as a streaming reader produces them, and stops it at a limit.

    Cells are counted as the rows hold them (a ragged row counts its own length), which is what
    the reader's lists cost; check_grid afterwards sees the padded grid."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = 0
        self.cells = 0
        self.chars = 0

    def check_width(self, columns: int) -> None:
        if columns > MAX_COLUMNS:
            check_grid(self.name, self.rows + 1, columns)

    def add(self, row: Sequence[object], chars: int) -> None:
        self.rows += 1
        self.cells += len(row)
        self.chars += chars
        if self.rows > MAX_ROWS or len(row) > MAX_COLUMNS or self.cells > MAX_CELLS:
            check_grid(self.name, self.rows, len(row))
            raise LedgerReadError(f"“{self.name}”的第一个工作表超过了 {_n(MAX_CELLS)} 个单元格的上限，"
                                  "请删去多余的内容或拆分后再导入")
        if self.chars > MAX_TEXT_CHARS:
            check_text(self.name, self.chars)
