"""Reading a ledger file into rows of cell values: .xlsx/.xls/.ods with python-calamine, .csv in
UTF-8 or GBK (what Excel on a Chinese Windows PC writes)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from python_calamine import CalamineWorkbook


class LedgerReadError(Exception):
    """The file cannot be read as a ledger; str() is one Chinese sentence."""


def read_rows(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise LedgerReadError(f"找不到文件“{path}”")
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        try:
            workbook = CalamineWorkbook.from_path(str(path))
            return [list(row) for row in workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)]
        except Exception as exc:
            raise LedgerReadError(f"无法读取“{path.name}”：文件可能已损坏或不是 Excel 文件（{exc}）") from exc
    raise LedgerReadError(f"不支持的文件类型“{suffix}”，请使用 .xlsx、.xls 或 .csv")


def _read_csv(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text))]
    raise LedgerReadError(f"无法识别“{path.name}”的文字编码（应为 UTF-8 或 GBK）")
