"""The error report: the ledger's rows that were not imported, unchanged, with the reasons in
an added column, so staff fix them in Excel and import that file again."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from db.importing.layout import Layout
from db.importing.members import RowProblem


def write_error_report(out: Path, rows: list[list[object]], layout: Layout, problems: list[RowProblem]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "未导入的行"
    headers = [*rows[layout.header_row], "原行号", "未导入原因"]
    sheet.append([str(h) if h is not None else "" for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFE8E8E8")
    for problem in sorted(problems, key=lambda p: p.row_number):
        original = list(rows[problem.row_number - 1])
        original += [""] * (len(rows[layout.header_row]) - len(original))
        sheet.append([_safe(v) for v in original] + [problem.row_number, "；".join(problem.reasons)])
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
    """Text that Excel would run as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
