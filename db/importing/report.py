"""The error report: the ledger's rows that were not imported, as they were, with the reasons
in an added column, so staff fix them in Excel and import that file again.

ID and phone numbers are masked unless the caller asked for them in full (which needs the
export_unmasked right and is logged, like any export with full numbers): the report is a file
that leaves the program, often by USB stick or chat, and must not carry the register out.
A number in the wrong column (a phone typed under 开始时间) is masked too.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from sqlalchemy.orm import Session

from db import audit
from db.importing.layout import Layout
from db.importing.normalize import cell_text
from db.importing.result import RowProblem
from db.permissions import require_in
from db.validation import mask_id_number, mask_numbers_in, mask_phone

_ID_LIKE = re.compile(r"\d{17}[\dXx]|\d{15}")
_MOBILE_LIKE = re.compile(r"1\d{10}")
_NUMBER_FIELDS = {"id_number": mask_id_number, "phone": mask_phone}


def allow_unmasked_report(session: Session, source: str, count: int) -> None:
    """Before a report with full numbers is written: the right, and one entry naming it."""
    require_in(session, "export_unmasked")
    audit.record(session, "export", "", None, f"未导入行报告（完整号码）：{source}"[:200], {"rows": count})


def _masked(value: object, mask) -> object:  # type: ignore[no-untyped-def]
    text = cell_text(value)
    return mask(text) if text else value


def _masked_anywhere(value: object) -> object:
    text = cell_text(value)
    if _ID_LIKE.fullmatch(text):
        return mask_id_number(text.upper())
    if _MOBILE_LIKE.fullmatch(text):
        return mask_phone(text)
    return value


def write_error_report(out: Path, rows: list[list[object]], layout: Layout, problems: list[RowProblem], *,
                       masked: bool = True) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "未导入的行"
    headers = [*rows[layout.header_row], "原行号", "未导入原因"]
    sheet.append([_safe(str(h)) if h is not None else "" for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFE8E8E8")
    number_columns = {index: _NUMBER_FIELDS[f] for f, index in layout.columns.items() if f in _NUMBER_FIELDS}
    for problem in sorted(problems, key=lambda p: p.row_number):
        original = list(rows[problem.row_number - 1])
        original += [""] * (len(rows[layout.header_row]) - len(original))
        if masked:
            original = [_masked(v, number_columns[i]) if i in number_columns else _masked_anywhere(v)
                        for i, v in enumerate(original)]
        reasons = "；".join(problem.reasons)
        sheet.append([_safe(v) for v in original] + [problem.row_number, _safe(mask_numbers_in(reasons) if masked
                                                                                else reasons)])
        sheet.cell(sheet.max_row, len(headers)).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions[sheet.cell(1, len(headers)).column_letter].width = 60
    sheet.freeze_panes = "A2"
    tmp = out.with_name(out.name + ".part")
    try:
        workbook.save(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def _safe(value: object) -> object:
    """Text as a cell may hold it: control characters (which .xlsx cannot store) taken out, and
    text that Excel would run as a formula written as text."""
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text
    return value
