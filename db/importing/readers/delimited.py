"""Ledgers saved as text: CSV from Excel (UTF-8, or GBK on a Chinese Windows PC), and the
tab-separated "Unicode text" Excel and WPS save as UTF-16; also .txt/.tsv, and .xls files that
older systems write as plain tab-separated text."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import cast

from db.importing.readers import LedgerReadError
from db.importing.readers.limits import RowBudget
from db.importing.readers.text import text_candidates

SNIFF_LINES = 20


def read_delimited(path: Path, head: bytes) -> list[list[object]]:
    """Rows of text; each cell is a str as written (the importer cleans it)."""
    for encoding in text_candidates(head):
        try:
            return _read(path, encoding)
        except UnicodeError:
            continue  # decoded wrongly somewhere: start again with the next encoding
    raise LedgerReadError(f"无法识别“{path.name}”的文字编码（应为 UTF-8、GBK 或 UTF-16）")


def sniff_delimiter(lines: list[str], suffix: str) -> str:
    """Tab when the first lines hold more tabs than commas (Excel's "Unicode text" and most
    system exports), comma otherwise; a file with neither goes by its suffix."""
    tabs = sum(line.count("\t") for line in lines)
    commas = sum(line.count(",") for line in lines)
    if tabs == commas:
        return "\t" if suffix in (".tsv", ".txt", ".xls", ".et") else ","
    return "\t" if tabs > commas else ","


def _read(path: Path, encoding: str) -> list[list[object]]:
    rows: list[list[str]] = []
    budget = RowBudget(path.name)
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        first = [line for line in itertools.islice(iter(text.readline, ""), SNIFF_LINES)]
        delimiter = sniff_delimiter([line for line in first if line.strip()], path.suffix.lower())
        reader = csv.reader(itertools.chain(first, text), delimiter=delimiter)
        try:
            for row in reader:
                budget.add(row, sum(map(len, row)))
                rows.append(row)
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise LedgerReadError(f"“{path.name}”第 {reader.line_num} 行有一个单元格超过 "
                                      f"{csv.field_size_limit():,} 个字，文件可能已损坏") from None
            raise LedgerReadError(f"“{path.name}”第 {reader.line_num} 行无法按表格文本读取，文件可能已损坏") from None
    return cast(list[list[object]], rows)
