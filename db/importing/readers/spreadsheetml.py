"""Ledgers in SpreadsheetML 2003, the "XML spreadsheet" Excel 2003 saves and many government systems
still export (often named .xls): <Workbook><Worksheet><Table><Row><Cell><Data ss:Type=...>.

Parsed as a stream with expat, first worksheet only. A DOCTYPE is refused outright: the format never
needs one, and it is how entity expansion ("billion laughs") and external entities get in."""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from pathlib import Path
from xml.parsers import expat

from db.importing.readers import LedgerReadError, limits
from db.importing.readers.limits import RowBudget, check_grid
from db.importing.readers.text import bom_encoding, declared_charset, python_codec

CHUNK = 1024 * 1024
_EXPAT_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "iso8859-1", "ascii")  # read by expat itself
_INTEGER = re.compile(r"[+-]?\d+")


class _FirstSheetDone(Exception):
    pass


class _Sheet:
    """Expat handlers building the first worksheet's rows."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.budget = RowBudget(name)
        self.rows: list[list[object]] = []
        self.worksheets = 0
        self.in_table = False
        self.row: list[object] | None = None
        self.cell: list[object] | None = None  # [value or None, merge across]
        self.data: list[str] | None = None  # text of the open <Data>
        self.data_type = "String"
        self.comment = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if local == "Worksheet":
            self.worksheets += 1
        elif self.worksheets != 1:
            return
        elif local == "Table":
            self.in_table = True
        elif not self.in_table:
            return
        elif local == "Row":
            index = _index(attrs)
            if index is not None and index > len(self.rows) + 1:
                if index > limits.MAX_ROWS:
                    check_grid(self.name, index, 1)
                for _ in range(index - 1 - len(self.rows)):
                    self._add_row([])
            self.row = []
        elif local == "Cell" and self.row is not None:
            index = _index(attrs)
            if index is not None and index > len(self.row) + 1:
                self.budget.check_width(index)
                self.row.extend([None] * (index - 1 - len(self.row)))
            self.cell = [None, _attr(attrs, "MergeAcross")]
        elif local == "Comment":
            self.comment += 1
        elif local == "Data" and self.cell is not None and not self.comment:
            self.data = []
            self.data_type = _attr_text(attrs, "Type") or "String"

    def end(self, tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local == "Worksheet" and self.worksheets == 1:
            raise _FirstSheetDone
        if self.worksheets != 1 or not self.in_table:
            return
        if local == "Data" and self.data is not None and self.cell is not None:
            self.cell[0] = _value("".join(self.data), self.data_type)
            self.data = None
        elif local == "Comment":
            self.comment = max(0, self.comment - 1)
        elif local == "Cell" and self.cell is not None and self.row is not None:
            value, across = self.cell
            self.row.append(value)
            if isinstance(across, int) and across > 0:
                self.budget.check_width(len(self.row) + across)
                self.row.extend([None] * across)
            self.cell = None
        elif local == "Row" and self.row is not None:
            self._add_row(self.row)
            self.row = None
        elif local == "Table":
            self.in_table = False

    def text(self, data: str) -> None:
        if self.data is not None:
            self.data.append(data)

    def _add_row(self, row: list[object]) -> None:
        self.budget.add(row, sum(len(v) for v in row if isinstance(v, str)))
        self.rows.append(row)


def _attr_text(attrs: dict[str, str], local: str) -> str | None:
    for key, value in attrs.items():
        if key.rpartition(" ")[2] == local:
            return value
    return None


def _attr(attrs: dict[str, str], local: str) -> int | None:
    text = _attr_text(attrs, local)
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _index(attrs: dict[str, str]) -> int | None:
    index = _attr(attrs, "Index")
    return min(index, limits.MAX_ROWS + 1) if index is not None and index > 0 else None


def _value(text: str, data_type: str) -> object:
    """A <Data> as a Python value; text that does not parse as its type is kept as text."""
    try:
        if data_type == "Number":
            stripped = text.strip()
            return int(stripped) if _INTEGER.fullmatch(stripped) else float(stripped)
        if data_type == "DateTime":
            return datetime.fromisoformat(text.strip())
        if data_type == "Boolean":
            return text.strip() not in ("0", "", "false", "FALSE")
    except ValueError:
        pass
    return text


def _refuse_doctype(*_: object) -> None:
    raise LedgerReadError("文件中含有 DOCTYPE 或实体声明，正常导出的表格不会有，出于安全考虑不予读取")


def read_spreadsheetml(path: Path, head: bytes) -> list[list[object]]:
    sheet = _Sheet(path.name)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = sheet.start
    parser.EndElementHandler = sheet.end
    parser.CharacterDataHandler = sheet.text
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.buffer_text = True
    decoder = _decoder(path, head)
    try:
        with open(path, "rb") as file:
            while chunk := file.read(CHUNK):
                parser.Parse(decoder.decode(chunk) if decoder else chunk, False)
            parser.Parse(decoder.decode(b"", final=True) if decoder else b"", True)
    except _FirstSheetDone:
        pass
    except expat.ExpatError as exc:
        raise LedgerReadError(f"“{path.name}”不是完整、格式正确的 XML 表格（第 {exc.lineno} 行有错），"
                              "可能已损坏或被截断") from None
    except UnicodeError:
        raise LedgerReadError(f"“{path.name}”的文字与它声明的编码不符，可能已损坏") from None
    if not sheet.worksheets:
        raise LedgerReadError(f"“{path.name}”是 XML 文件，但不是 Excel 的 XML 表格")
    widest = max((len(row) for row in sheet.rows), default=0)
    if widest > limits.MAX_COLUMNS:
        check_grid(path.name, len(sheet.rows), widest)
    return sheet.rows


def _decoder(path: Path, head: bytes) -> codecs.IncrementalDecoder | None:
    """A decoder when the declared encoding is one expat cannot read itself (GBK, GB2312...);
    expat is then given text, and ignores the declaration."""
    if bom_encoding(head):
        return None
    label = declared_charset(head[:1024])
    if label is None:
        return None
    codec = python_codec(label)
    if codec is None:
        raise LedgerReadError(f"“{path.name}”声明的文字编码“{label[:20]}”无法识别")
    if codec in _EXPAT_ENCODINGS:
        return None
    return codecs.getincrementaldecoder(codec)()
