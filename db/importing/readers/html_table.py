"""Ledgers that are an HTML table saved as .xls: what WPS, Excel's "web page" and many government
systems export. The tables are stacked one under another, as Excel shows such a file; a cell
spanning several rows or columns keeps its text in its first cell and None in the others."""

from __future__ import annotations

import codecs
from html.parser import HTMLParser
from pathlib import Path

from db.importing.readers import LedgerReadError, limits
from db.importing.readers.limits import RowBudget
from db.importing.readers.text import declared_charset, text_candidates

CHUNK = 1024 * 1024
MAX_PENDING = 8 * 1024 * 1024
"""Text html.parser may hold unparsed (an unclosed comment or tag); past this the file is not a
table export, and holding on would make the parser rescan it over and over."""

MAX_ROWSPAN = 65_534  # the HTML limit; a rowspan never adds rows, it only covers the ones that follow

_CELL = ("td", "th")
_LINE_BREAKS = ("p", "div", "li")
_HIDDEN = ("script", "style", "title")


class _TableParser(HTMLParser):
    def __init__(self, budget: RowBudget) -> None:
        super().__init__(convert_charrefs=True)
        self.budget = budget
        self.rows: list[list[object]] = []
        self.tables = 0
        self.depth = 0  # of nested <table>; rows and cells are taken at depth 1
        self.hidden = 0
        self.row: list[object] | None = None
        self.text: list[str] | None = None  # the open cell's text
        self.span = (1, 1)  # the open cell's (colspan, rowspan)
        self.below: dict[int, int] = {}  # column → rows, this one included, a rowspan from above covers
        self.started: dict[int, int] = {}  # the same for the spans the open row starts

    # --- tags ------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables += 1
                self.below, self.started = {}, {}
        elif self.depth > 1:  # a table inside a cell: its text goes into the cell
            self._text(" " if tag in _CELL else "\n" if tag in ("tr", "br") else "")
        elif self.depth == 1 and tag == "tr":
            self._end_row()
            self.row = []
        elif self.depth == 1 and tag in _CELL:
            self._end_cell()
            if self.row is None:
                self.row = []
            while len(self.row) in self.below:  # columns a cell from a row above spans
                self.row.append(None)
            self.text = []
            values = dict(attrs)
            self.span = (_span(values.get("colspan"), limits.MAX_COLUMNS), _span(values.get("rowspan"), MAX_ROWSPAN))
        elif tag == "br":
            self._text("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._text("\n")
        elif tag not in ("table", *_HIDDEN):
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "table":
            if self.depth == 1:
                self._end_row()
            self.depth = max(0, self.depth - 1)
        elif self.depth == 1 and tag in _CELL:
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()
        elif tag in _LINE_BREAKS:
            self._text("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._text(data)

    def close(self) -> None:
        super().close()
        self._end_row()

    # --- building rows ---------------------------------------------------------------------
    def _text(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _end_cell(self) -> None:
        if self.text is None or self.row is None:
            return
        lines = "".join(self.text).split("\n")
        value = "\n".join(" ".join(line.split()) for line in lines).strip()
        self.text = None
        colspan, rowspan = self.span
        first = len(self.row)
        self.row.append(value)
        self.row.extend([None] * (colspan - 1))
        self.budget.check_width(len(self.row))
        for column in range(first, first + colspan) if rowspan > 1 else ():
            self.started[column] = rowspan - 1

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is None:
            return
        row, self.row = self.row, None
        if self.below:  # columns covered from above after the row's own cells
            row.extend([None] * (max(self.below) + 1 - len(row)))
        # below: column → rows (this one included) a cell from above still covers
        self.below = {column: left - 1 for column, left in self.below.items() if left > 1}
        self.below.update(self.started)
        self.started = {}
        self.budget.add(row, sum(len(v) for v in row if isinstance(v, str)))
        self.rows.append(row)


def _span(value: str | None, limit: int) -> int:
    try:
        return min(max(int((value or "1").strip().rstrip(";")), 1), limit)
    except ValueError:
        return 1


def read_html_table(path: Path, head: bytes) -> list[list[object]]:
    for encoding in text_candidates(head, declared_charset(head[:4096])):
        try:
            parser = _parse(path, encoding)
        except UnicodeError:
            continue
        if not parser.tables:
            raise LedgerReadError(f"“{path.name}”是网页文件，但里面没有表格")
        return parser.rows
    raise LedgerReadError(f"无法识别“{path.name}”的文字编码（应为 UTF-8 或 GBK）")


def _parse(path: Path, encoding: str) -> _TableParser:
    parser = _TableParser(RowBudget(path.name))
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            parser.feed(decoder.decode(chunk))
            if len(parser.rawdata) > MAX_PENDING:
                raise LedgerReadError(f"“{path.name}”中有未结束的网页标签或注释，不像是导出的表格，可能已损坏")
        parser.feed(decoder.decode(b"", final=True))
    parser.close()
    return parser
