"""Any register to .xlsx, for upstream reporting: Chinese headers, real date cells, column
widths, a frozen header row, formula-looking text kept as text, personal numbers masked
unless asked. Each export uses the headers its importer reads, so an unmasked export imports
back to the same records: grid workers one row per worker and grid, like a grid ledger;
service hours with the activity's span as 活动起止时间, since a person may serve part of it.

An export is a disclosure of the register (个人信息保护法): it needs the "export" right, or
"export_unmasked" for full numbers, and leaves one audit entry. The file is written inside
the caller's transaction, so a failed write rolls the entry back; the caller commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from db import audit
from db.grid_workers import GridWorkerFilter, GridWorkerRow, grid_worker_ids, grid_worker_rows, worker_grids
from db.importing.grid_workers import NO_GRID
from db.mediation import CaseFilter, case_ids, case_rows, case_texts
from db.members import MemberFilter, member_ids, member_rows
from db.permissions import require_in
from db.resident_ledger import ledger_lines
from db.resident_list import ResidentFilter, resident_ids
from db.service_logs import ServiceLogFilter, service_log_ids, service_log_rows
from db.validation import mask_id_number, mask_phone
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    EMPLOYMENT,
    GENDERS,
    GRID_ROLES,
    HOUSEHOLD_REGISTRATIONS,
    MEDIATION_TIERS,
    MEMBER_CATEGORIES,
    MEMBER_STATUSES,
    MEMBER_TYPES,
    POLITICAL_STATUSES,
    RELATIONS,
    RESIDENCE_KINDS,
    ROOM_USES,
    WORKER_STATUSES,
)

FORMULA_START = ("=", "+", "-", "@")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# export register name → (table the audit entry names, the register's Chinese title = sheet name)
REGISTERS: dict[str, tuple[str, str]] = {
    "members": ("party_members", "党员"),
    "grid-workers": ("grid_workers", "网格员"),
    "mediation": ("mediation_cases", "调解案件"),
    "volunteer-hours": ("service_logs", "志愿服务记录"),
    "residents": ("residents", "人口台账"),
}
PROGRESS_EVERY = 1000  # rows between two progress reports (and checks for Cancel)


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable[[Any, bool], object]  # (row, masked) -> cell value
    width: int = 12


def _id(number: str, masked: bool) -> str:
    return mask_id_number(number) if masked else number


def _phone(number: str, masked: bool) -> str:
    return mask_phone(number) if masked else number


MEMBER_COLUMNS = [
    ExportColumn("姓名", lambda r, m: r.name, 10), ExportColumn("性别", lambda r, m: GENDERS.label(r.gender), 6),
    ExportColumn("民族", lambda r, m: r.ethnicity, 8), ExportColumn("出生日期", lambda r, m: r.birth_date, 13),
    ExportColumn("身份证号", lambda r, m: _id(r.id_number, m), 21), ExportColumn("学历", lambda r, m: r.education, 10),
    ExportColumn("入党时间", lambda r, m: r.admitted_on, 13), ExportColumn("转正时间", lambda r, m: r.full_on, 13),
    ExportColumn("党员类型", lambda r, m: MEMBER_TYPES.label(r.member_type), 10),
    ExportColumn("所在支部", lambda r, m: r.org_name, 20),
    ExportColumn("人员类别", lambda r, m: MEMBER_CATEGORIES.label(r.category), 8),
    ExportColumn("工作单位及职务", lambda r, m: r.employer, 24),
    ExportColumn("联系电话", lambda r, m: _phone(r.phone, m), 14), ExportColumn("家庭住址", lambda r, m: r.address, 28),
    ExportColumn("状态", lambda r, m: MEMBER_STATUSES.label(r.status), 8),
]
GRID_WORKER_COLUMNS = [  # rows are (GridWorkerRow, grid code, grid name)
    ExportColumn("网格编号", lambda r, m: r[1] or NO_GRID[0], 10), ExportColumn("网格名称", lambda r, m: r[2], 16),
    ExportColumn("姓名", lambda r, m: r[0].name, 10),
    ExportColumn("性别", lambda r, m: GENDERS.label(r[0].gender), 6),
    ExportColumn("岗位", lambda r, m: GRID_ROLES.label(r[0].role), 10),
    ExportColumn("专兼职", lambda r, m: EMPLOYMENT.label(r[0].employment), 8),
    ExportColumn("联系电话", lambda r, m: _phone(r[0].phone, m), 14),
    ExportColumn("负责楼栋", lambda r, m: r[0].buildings, 24),
    ExportColumn("联系户数", lambda r, m: r[0].households, 10),
    ExportColumn("上岗日期", lambda r, m: r[0].start_on, 13),
    ExportColumn("状态", lambda r, m: WORKER_STATUSES.label(r[0].status), 8),
]
CASE_COLUMNS = [  # rows are (CaseRow, CaseTexts); follow-up visits are records of their own, printed per case
    ExportColumn("案件编号", lambda r, m: r[0].number, 24), ExportColumn("受理日期", lambda r, m: r[0].received_on, 13),
    ExportColumn("申请人", lambda r, m: r[0].parties.split(" 与 ")[0], 16),
    ExportColumn("被申请人", lambda r, m: r[0].parties.split(" 与 ")[1] if " 与 " in r[0].parties else "", 16),
    ExportColumn("案件来源", lambda r, m: CASE_SOURCES.label(r[0].source), 14),
    ExportColumn("纠纷类型", lambda r, m: DISPUTE_TYPES.label(r[0].dispute_type), 12),
    ExportColumn("调解层级", lambda r, m: MEDIATION_TIERS.label(r[0].tier), 12),
    ExportColumn("调解员", lambda r, m: r[0].mediator, 10),
    ExportColumn("案件状态", lambda r, m: CASE_STATUSES.label(r[0].status), 10),
    ExportColumn("调解结果", lambda r, m: CASE_RESULTS.label(r[0].result), 10),
    ExportColumn("结案日期", lambda r, m: r[0].closed_on, 13),
    ExportColumn("简要案情", lambda r, m: r[1].facts, 30), ExportColumn("当事人请求", lambda r, m: r[1].requests, 24),
    ExportColumn("协议内容", lambda r, m: r[1].agreement_terms, 30),
    ExportColumn("履行情况", lambda r, m: r[1].performance, 16), ExportColumn("涉及金额", lambda r, m: r[1].amount, 10),
]
SERVICE_LOG_COLUMNS = [
    ExportColumn("活动日期", lambda r, m: r.held_on, 13), ExportColumn("服务项目", lambda r, m: r.project, 16),
    ExportColumn("服务地点", lambda r, m: r.place, 16),
    ExportColumn("活动起止时间", lambda r, m: f"{r.start_time:%H:%M}-{r.end_time:%H:%M}"
                 if r.start_time and r.end_time else "", 13),
    ExportColumn("姓名", lambda r, m: r.name, 10), ExportColumn("证件号码", lambda r, m: _id(r.id_number, m), 21),
    ExportColumn("志愿者编号", lambda r, m: r.number, 12),
    ExportColumn("服务时长", lambda r, m: r.hours, 10), ExportColumn("组织单位", lambda r, m: r.organiser, 20),
    ExportColumn("备注", lambda r, m: r.notes, 16),
]


def _no_progress(done: int, total: int) -> None:
    """Progress goes nowhere (the command line, a script)."""


def _never() -> bool:
    return False


RESIDENT_COLUMNS = [  # the headers the residents ledger import reads (db.importing.residents)
    ExportColumn("网格编号", lambda r, m: r.grid_code, 10), ExportColumn("楼栋", lambda r, m: r.building, 10),
    ExportColumn("单元", lambda r, m: r.unit, 6), ExportColumn("楼层", lambda r, m: r.floor, 6),
    ExportColumn("门牌号", lambda r, m: r.number, 8), ExportColumn("姓名", lambda r, m: r.name, 10),
    ExportColumn("性别", lambda r, m: GENDERS.label(r.gender), 6),
    ExportColumn("身份证号", lambda r, m: _id(r.id_number, m), 21),
    ExportColumn("与户主关系", lambda r, m: RELATIONS.label(r.relation), 10),
    ExportColumn("联系电话", lambda r, m: _phone(r.phone, m), 14),
    ExportColumn("户籍地", lambda r, m: r.hukou_place, 20),
    ExportColumn("常住或流动", lambda r, m: RESIDENCE_KINDS.label(r.residence), 10),
    ExportColumn("政治面貌", lambda r, m: POLITICAL_STATUSES.label(r.political_status), 12),
    ExportColumn("户别", lambda r, m: HOUSEHOLD_REGISTRATIONS.label(r.registration) if r.registration else "", 8),
    ExportColumn("房屋用途", lambda r, m: ROOM_USES.label(r.purpose) if r.purpose else "", 8),
    ExportColumn("关爱对象", lambda r, m: "、".join(r.tags), 20), ExportColumn("备注", lambda r, m: r.notes, 20),
]


def write_xlsx(out: Path, sheet_title: str, columns: Sequence[ExportColumn], rows: Sequence[Any], masked: bool,
               progress: Progress = _no_progress, cancelled: Cancelled = _never) -> None:
    """The rows as one sheet, streamed (openpyxl's write-only mode: 200,000 residents would
    not fit in an old PC's memory as cells). Cancel (InterruptedError) leaves no file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "A2"
    header = []
    for c, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = column.width
        cell = WriteOnlyCell(sheet, column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFE8E8E8")
        header.append(cell)
    sheet.append(header)
    for n, row in enumerate(rows):
        if n % PROGRESS_EVERY == 0:
            if cancelled():
                raise InterruptedError
            progress(n, len(rows))
        sheet.append([_cell(sheet, column.value(row, masked)) for column in columns])
    tmp = out.with_name(out.name + ".part")
    try:
        workbook.save(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def _cell(sheet: Any, value: object) -> object:
    """A plain value as it is; a date with its format; formula-looking text kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # text, never a formula Excel would run
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _grid_ledger_lines(session: Session, ids: list[int]) -> list[tuple[GridWorkerRow, str, str]]:
    """One line per worker and grid, in the register's order; a worker without a grid gets one line."""
    workers = grid_worker_rows(session, ids)
    grids: dict[int, list[tuple[str, str]]] = {}
    for start in range(0, len(ids), 500):
        grids.update(worker_grids(session, ids[start:start + 500]))
    return [(w, code, name) for w in workers for code, name in grids.get(w.id) or [("", "")]]


def export_register(session: Session, register: str, out: Path, *, masked: bool = True,
                    member_filter: Any = None, progress: Progress = _no_progress,
                    cancelled: Cancelled = _never) -> int:
    """Write a register (filtered as given, or whole) to `out`; returns the number of rows.

    Checks the right before anything is read or written (PermissionDenied), and records one
    "export" entry in `session`; the caller commits (`with db.session() as s, s.begin():`).
    A masked export also leaves out the residents' sensitive care tags.
    """
    if register not in REGISTERS:
        raise ValueError(register)
    require_in(session, "export" if masked else "export_unmasked")
    table, title = REGISTERS[register]
    if register == "members":
        rows: list[Any] = member_rows(session, member_ids(session, member_filter or MemberFilter()))
        columns = MEMBER_COLUMNS
    elif register == "grid-workers":
        rows = _grid_ledger_lines(session, grid_worker_ids(session, member_filter or GridWorkerFilter()))
        columns = GRID_WORKER_COLUMNS
    elif register == "mediation":
        ids = case_ids(session, member_filter or CaseFilter())
        texts = case_texts(session, ids)
        rows = [(row, texts[row.id]) for row in case_rows(session, ids)]
        columns = CASE_COLUMNS
    elif register == "residents":
        rows = ledger_lines(session, resident_ids(session, member_filter or ResidentFilter()), sensitive=not masked)
        columns = RESIDENT_COLUMNS
    else:
        ids = service_log_ids(session, member_filter or ServiceLogFilter())
        rows = service_log_rows(session, ids)
        columns = SERVICE_LOG_COLUMNS
    write_xlsx(out, title, columns, rows, masked, progress, cancelled)
    audit.record(session, "export", table, None, f"{title}：{out.name}",
                 {"rows": len(rows), "masked": masked, "file": out.name})
    return len(rows)
