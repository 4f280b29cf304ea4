"""Finding the table in a ledger: the header row among title and subtitle rows, the columns
by their Chinese headers (with synonyms), the data rows before the 填表人/审核人 footer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.importing.normalize import cell_text

FOOTER = re.compile(r"^(填表人|审核人|制表人|填报人|负责人|联系电话|备注[:：])")
_FOOTER_DATE = re.compile(r"^(填表|制表|填报|统计)?(日期|时间)[:：]|^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$")
SCAN_ROWS = 20


def _key(header: str) -> str:
    return re.sub(r"[\s（）()*＊:：/]", "", header)


def _is_footer(texts: list[str]) -> bool:
    """填表人：… 审核人：… 日期：…: a few cells, each a footer's words. A data row whose 案情
    happens to start with 联系电话 is not one (it has other cells, or other words)."""
    filled = [t for t in texts if t]
    return (0 < len(filled) <= 4 and bool(FOOTER.match(filled[0]))
            and all(FOOTER.match(t) or _FOOTER_DATE.match(t) for t in filled))


@dataclass(frozen=True)
class Layout:
    header_row: int  # index in the file's rows
    columns: dict[str, int]  # field → column index
    headers: list[str]
    data_rows: list[int]  # indices of the rows holding data
    unmapped: list[str]  # headers no field claims (shown to the person, not an error)


def match_columns(headers: list[str], synonyms: dict[str, tuple[str, ...]]) -> dict[str, int]:
    keys = {field: {_key(name) for name in names} for field, names in synonyms.items()}
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _key(header)
        for field, names in keys.items():
            if field not in found and key in names:
                found[field] = index
                break
    return found


def find_layout(rows: list[list[object]], synonyms: dict[str, tuple[str, ...]]) -> Layout | None:
    """The row among the first SCAN_ROWS whose cells name the most known columns."""
    best: tuple[int, int, dict[str, int]] | None = None
    for index, row in enumerate(rows[:SCAN_ROWS]):
        headers = [cell_text(c) for c in row]
        columns = match_columns(headers, synonyms)
        if len(columns) >= 2 and (best is None or len(columns) > best[1]):
            best = (index, len(columns), columns)
    if best is None:
        return None
    header_row, _, columns = best
    headers = [cell_text(c) for c in rows[header_row]]
    data_rows = []
    for index in range(header_row + 1, len(rows)):
        texts = [cell_text(c) for c in rows[index]]
        if not any(texts):
            continue
        if _is_footer(texts):
            break
        data_rows.append(index)
    unmapped = [h for i, h in enumerate(headers) if h and i not in columns.values() and _key(h) not in ("序号", "编号")]
    return Layout(header_row, columns, headers, data_rows, unmapped)
