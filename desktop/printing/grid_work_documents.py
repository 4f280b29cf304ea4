"""The grid-work documents on A4 through the table layout every roster uses
(desktop.printing.table_document): 网格走访记录表, 事件处置单 and the monthly grid report
(db.grid_reports gives their rows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db.grid_reports import GridMonth, IncidentSheet, VisitSheet
from desktop.printing.table_document import TableColumn, build_table_pdf

SIGNATURES = "填表人：____________　　审核人：____________　　日期：______年____月____日"


def build_visit_sheet(out: Path, sheet: VisitSheet, *, community: str, printed_on: date | None = None,
                      font_file: Path | None = None) -> None:
    columns = [TableColumn("序号", 30, wraps=False), TableColumn("走访日期", 90), TableColumn("走访户或地点", 140),
               TableColumn("同行人员", 70), TableColumn("发现情况", 220), TableColumn("需跟进", 40)]
    rows = [[str(n), *row] for n, row in enumerate(sheet.rows, start=1)]
    build_table_pdf(out, title=f"{community}网格走访记录表",
                    subtitle=f"网格员：{sheet.worker}　{sheet.grids}　{sheet.month}　共走访 {len(rows)} 次",
                    columns=columns, rows=rows, printed_on=printed_on or date.today(), closing_line=SIGNATURES,
                    font_file=font_file)


def build_incident_sheet(out: Path, sheet: IncidentSheet, *, community: str, printed_on: date | None = None,
                         font_file: Path | None = None) -> None:
    columns = [TableColumn("项目", 80), TableColumn("内容", 400)]
    build_table_pdf(out, title=f"{community}事件处置单", subtitle=f"事件编号：{sheet.number}", columns=columns,
                    rows=sheet.rows, printed_on=printed_on or date.today(),
                    closing_line="承办人（签字）：____________　　审核人（签字）：____________", font_file=font_file)


def build_grid_month_report(out: Path, lines: list[GridMonth], *, community: str, month: str,
                            printed_on: date | None = None, font_file: Path | None = None) -> None:
    figures = [("户数", 40), ("居民", 40), ("走访次数", 45), ("走访覆盖率", 50), ("事件数", 40)]
    rates = [("已办结", 40), ("超期率", 45), ("满意率", 45)]
    columns = [TableColumn("网格", 90), *(TableColumn(t, w, wraps=False) for t, w in figures),
               TableColumn("按类别", 150), *(TableColumn(t, w, wraps=False) for t, w in rates)]
    subtitle = f"{month}　{len(lines)} 个网格　事件 {sum(line.incidents for line in lines)} 件"
    build_table_pdf(out, title=f"{community}网格工作月报", subtitle=subtitle,
                    columns=columns, rows=[line.row() for line in lines], printed_on=printed_on or date.today(),
                    closing_line=SIGNATURES, font_file=font_file)
