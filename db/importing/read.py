"""Reading a ledger file into rows of cell values, whatever Excel, WPS or an office system saved.

What a file is comes from its first bytes, not its name: an .xls may be an Excel 97 workbook
(OLE2), an .xlsx someone renamed (zip), an HTML table or SpreadsheetML XML (what WPS and many
government systems export as "xls"), or plain tab-separated text. Limits on size and extent are
checked before anything is read (db/importing/readers/limits.py says why and how much).
"""

from __future__ import annotations

from pathlib import Path

from db.importing.readers import LedgerReadError, limits, unreadable
from db.importing.readers.biff import OLE2_MAGIC
from db.importing.readers.delimited import read_delimited
from db.importing.readers.html_table import read_html_table
from db.importing.readers.limits import file_too_big
from db.importing.readers.spreadsheetml import read_spreadsheetml
from db.importing.readers.text import bom_encoding, utf16_without_bom
from db.importing.readers.workbook import read_workbook

__all__ = ["SUFFIXES", "LedgerReadError", "read_rows"]

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv", ".txt", ".tsv", ".xml", ".htm", ".html")
HEAD = 64 * 1024
_TEXT = (".csv", ".tsv", ".txt")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def read_rows(path: Path) -> list[list[object]]:
    """The first sheet as rows of cell values (str, int, float, bool, date/datetime, None), without
    the empty rows and columns a sheet may carry after its data. Raises LedgerReadError, whose
    text is one Chinese sentence, for anything that cannot be read."""
    suffix = path.suffix.lower()
    try:
        if path.is_dir():
            raise LedgerReadError(f"“{path.name}”是一个文件夹，请选择台账文件")
        if not path.exists():
            raise LedgerReadError(f"找不到文件“{path}”")
        if suffix not in SUFFIXES:
            raise LedgerReadError(f"不支持的文件类型“{suffix}”，请使用 .xlsx、.xls、.et、.ods 或 .csv 文件")
        size = path.stat().st_size
        if size == 0:
            raise LedgerReadError(f"“{path.name}”是空文件，里面没有内容")
        if size > limits.MAX_FILE_BYTES:
            raise file_too_big(path.name, size)
        with open(path, "rb") as file:
            head = file.read(HEAD)
        return _shared(_trim(_read(path, suffix, head)))
    except OSError:
        raise LedgerReadError(f"无法打开“{path.name}”，它可能正被 Excel 或 WPS 占用，或没有读取权限") from None


def _read(path: Path, suffix: str, head: bytes) -> list[list[object]]:
    if head.startswith(OLE2_MAGIC):
        return read_workbook(path, "ole2")
    if head.startswith(_ZIP):
        return read_workbook(path, "zip")
    if suffix in _TEXT:
        return read_delimited(path, head)
    markup = _markup(head)
    if markup == "spreadsheetml":
        return read_spreadsheetml(path, head)
    if markup == "html":
        return read_html_table(path, head)
    if markup == "xml":
        raise LedgerReadError(f"“{path.name}”是 XML 文件，但不是 Excel 的 XML 表格")
    if suffix in (".xls", ".et"):  # older systems write tab-separated text and call it .xls
        return read_delimited(path, head)
    raise unreadable(path.name)


def _markup(head: bytes) -> str | None:
    """"spreadsheetml", "html" or "xml" when the file starts with a tag, else None."""
    encoding = bom_encoding(head) or utf16_without_bom(head)
    text = head.decode(encoding, "replace") if encoding else head.decode("latin-1")
    text = text.lstrip("\ufeff \t\r\n")
    if not text.startswith("<"):
        return None
    start = text[:16384]
    if "urn:schemas-microsoft-com:office:spreadsheet" in start and _has_workbook_tag(start):
        return "spreadsheetml"
    lowered = start.lower()
    if any(tag in lowered for tag in ("<html", "<table", "<tr", "<td", "<!doctype html")):
        return "html"
    return "xml" if lowered.startswith("<?xml") else "html"


def _has_workbook_tag(text: str) -> bool:
    at = text.find("Workbook")
    while at > 0:
        before = text[:at].rstrip(":" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        if before.endswith("<") and text[at + 8 : at + 9] in (" ", ">", "\n", "\r", "\t"):
            return True
        at = text.find("Workbook", at + 8)
    return False


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(rows: list[list[object]]) -> list[list[object]]:
    """Drops trailing empty rows, then trailing empty columns: calamine returns them when a sheet's
    recorded extent is larger than its data. A row is scanned from its end only as far as the
    widest row found so far, so a full sheet costs one look per row."""
    while rows and all(map(_empty, rows[-1])):
        rows.pop()
    width = 0
    for row in rows:
        end = len(row)
        while end > width and _empty(row[end - 1]):
            end -= 1
        width = max(width, end)
    for row in rows:
        if len(row) > width:
            del row[width:]
    return rows


_SHARED_UP_TO = 10  # characters: 男, 正式党员, 第三党支部, 1985.03 … repeat down a column (a phone does not)


def _shared(rows: list[list[object]]) -> list[list[object]]:
    """Short texts that repeat (a column's 男/女, its branch, its dates written as text) held
    once: the reader makes a new string for every cell, and on a 50,000-row ledger the copies
    were tens of megabytes of an import's memory."""
    seen: dict[str, str] = {}
    for row in rows:
        for i, value in enumerate(row):
            if type(value) is str and len(value) <= _SHARED_UP_TO:
                row[i] = seen.setdefault(value, value)
    return rows
