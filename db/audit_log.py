"""Reading the audit trail (操作日志): filtered lists of entries, entries made readable, xlsx export.

db.audit writes the log; this module is what an administrator reads it through. Filtering is
done in SQL and returns ids only (newest first), so the window can list 200,000 entries and
fetch the rows it paints a page at a time, the way the registers do. Reading needs the
"audit" right (administrators): the log names who looked at whose data.

The details column is JSON written by db.audit (old → new per field for an update, the values
for a create, the counts for an import). Here it becomes one Chinese line per item, with the
field labels the forms and ledgers use. Numbers were masked when the entry was written and
are shown as stored: nothing here can unmask them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db import audit
from db.audit_text import Names, attendance_lines, field_label, parse_details, summary_text, value_text, wanted_names
from db.dialect import like_any_case
from db.exporting import FORMULA_START, ExportColumn
from db.models import AuditEntry
from db.permissions import require_in

# Entries not named by a table: imports use the ledger's key, the log's own export uses its table.
EXTRA_REGISTER_LABELS = {
    "members": "党员", "grid-workers": "网格员", "mediation": "调解案件", "volunteer-hours": "志愿服务时长",
    "audit_log": "操作日志",
}
# Filtering by a table also finds the imports into it.
REGISTER_ALIASES = {
    "party_members": ("members",), "grid_workers": ("grid-workers",), "mediation_cases": ("mediation",),
    "service_logs": ("volunteer-hours",),
}

BACKUP_KINDS = {"manual": "手动备份", "opening": "打开时自动备份", "closing": "关闭时自动备份"}
IMPORT_COUNTS = (("imported", "导入"), ("updated", "更新"), ("unchanged", "未变"), ("invalid", "无效"),
                 ("duplicates", "重复"))
MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell


@dataclass(frozen=True)
class AuditFilter:
    """What to list; None or "" means no limit. Dates are whole days, both ends included."""

    username: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    register: str | None = None  # a table name, as in db.audit.REGISTER_LABELS
    record_id: int | None = None
    text: str = ""  # part of the summary
    action: str | None = None  # a key of db.audit.ACTION_LABELS


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    computer: str
    action: str  # Chinese label
    register: str  # Chinese label
    record_id: int | None
    summary: str
    detail_lines: tuple[str, ...] = field(default=())

    @property
    def details_text(self) -> str:
        """The details on one line, as the table and the spreadsheet show them."""
        return "；".join(self.detail_lines)


def register_label(register: str) -> str:
    return audit.REGISTER_LABELS.get(register) or EXTRA_REGISTER_LABELS.get(register) or register


def action_label(action: str) -> str:
    return audit.ACTION_LABELS.get(action, action)


def _filtered(f: AuditFilter) -> Select[Any]:
    query = select(AuditEntry.id)
    if f.username:
        query = query.where(AuditEntry.username == f.username)
    if f.date_from:
        query = query.where(AuditEntry.at >= datetime.combine(f.date_from, time.min))
    if f.date_to:  # the whole last day: everything before the next midnight
        query = query.where(AuditEntry.at < datetime.combine(f.date_to + timedelta(days=1), time.min))
    if f.register:
        names = (f.register, *REGISTER_ALIASES.get(f.register, ()))
        query = query.where(AuditEntry.register == names[0] if len(names) == 1 else AuditEntry.register.in_(names))
    if f.record_id is not None:
        query = query.where(AuditEntry.record_id == f.record_id)
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if text := f.text.strip():
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(like_any_case(AuditEntry.summary, f"%{escaped}%"))
    return query


def audit_ids(session: Session, f: AuditFilter, limit: int | None = None) -> list[int]:
    """The matching entries' ids, newest first. Ids grow with time, so ordering by id is
    ordering by when, and SQLite can walk the username or register index in that order.
    Run on the connection: plain ints need no ORM, and the whole log (200,000) lists in half the time."""
    require_in(session, "audit")
    query = _filtered(f).order_by(AuditEntry.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.connection().scalars(query))


ENTRY_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.username, AuditEntry.computer, AuditEntry.action,
                 AuditEntry.register, AuditEntry.record_id, AuditEntry.summary, AuditEntry.details)


def audit_rows(session: Session, ids: Sequence[int]) -> list[AuditRow]:
    """The entries with these ids, in the order given, made readable."""
    require_in(session, "audit")
    entries: dict[int, Any] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        entries.update((e.id, e) for e in session.execute(select(*ENTRY_COLUMNS).where(AuditEntry.id.in_(chunk))))
    found = [entries[i] for i in ids if i in entries]
    details = [parse_details(e.details) for e in found]
    names = Names(session)
    wanted: dict[str, set[Any]] = {}
    for entry, parsed in zip(found, details, strict=True):
        wanted_names(entry.register, entry.record_id, entry.summary, parsed, wanted)
    names.prefetch(wanted)  # a page's names in a few queries, not one per id
    return [_row(entry, parsed, names) for entry, parsed in zip(found, details, strict=True)]


def usernames(session: Session) -> list[str]:
    """Everyone who appears in the log (accounts since removed included), for the user filter."""
    require_in(session, "audit")
    return sorted(session.scalars(select(AuditEntry.username).distinct()))


def registers_present(session: Session) -> list[str]:
    """The tables the log has entries for ("" — logins — left out), in REGISTER_LABELS order."""
    require_in(session, "audit")
    present = set(session.scalars(select(AuditEntry.register).distinct()))
    for table, aliases in REGISTER_ALIASES.items():
        if present.intersection(aliases):
            present.add(table)
    present -= {""} | {a for aliases in REGISTER_ALIASES.values() for a in aliases}
    order = list(audit.REGISTER_LABELS) + list(EXTRA_REGISTER_LABELS)
    return sorted(present, key=lambda r: (order.index(r) if r in order else len(order), r))


# --- making entries readable (the words themselves: db.audit_text) ---------------------------

def _row(entry: Any, details: dict[str, Any] | None, names: Names) -> AuditRow:
    """`entry` is a row of ENTRY_COLUMNS (plain values; no ORM object per entry)."""
    lines = _detail_lines(entry.action, entry.register, details, entry.details, names)
    return AuditRow(entry.id, entry.at, entry.username, entry.computer, action_label(entry.action),
                    register_label(entry.register), entry.record_id,
                    summary_text(entry.register, entry.record_id, entry.summary, names, details), tuple(lines))


def detail_lines(action: str, register: str, details_json: str, names: Names | None = None) -> list[str]:
    """One Chinese line per changed field or count; the raw text if it is not the JSON db.audit writes."""
    return _detail_lines(action, register, parse_details(details_json), details_json, names)


def _detail_lines(action: str, register: str, details: dict[str, Any] | None, raw: str,
                  names: Names | None) -> list[str]:
    if details is None:
        return [raw]
    if action == "import":
        return _import_lines(details)
    if action == "delete" and not details:
        return ["移入回收站"]
    if action == "restore" and not details:
        return ["从回收站恢复"]
    lines = []
    for key, value in details.items():
        label = field_label(register, key)
        if key == "attendance" and register == "meetings" and isinstance(value, list):
            lines.extend(attendance_lines(value, names))
        elif action in ("update", "role") and isinstance(value, list) and len(value) == 2:
            old, new = (value_text(register, key, v, names) for v in value)
            lines.append(f"{label}：{old} → {new}")
        elif key == "people" and action == "print":
            lines.append(f"涉及 {value} 人")
        elif key == "rows" and action == "export":
            lines.append(f"导出 {value} 条")
        elif key == "kind" and action == "backup":
            lines.append(f"方式：{BACKUP_KINDS.get(value, value)}")
        elif key == "size" and isinstance(value, int):
            lines.append(f"大小：{_size(value)}")
        else:
            lines.append(f"{label}：{value_text(register, key, value, names)}")
    return lines


def _import_lines(details: dict[str, Any]) -> list[str]:
    counts = [f"{word} {details.get(key, 0)} 条" for key, word in IMPORT_COUNTS
              if key == "imported" or details.get(key)]
    lines = [f"文件：{details['file']}"] if details.get("file") else []
    total = f"共 {details['rows']} 行，" if "rows" in details else ""
    created = [f"新建：{'、'.join(map(str, details['created']))}"] if details.get("created") else []
    return [*lines, total + "，".join(counts), *created]


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


# --- export ------------------------------------------------------------------------------------

AUDIT_COLUMNS = [
    ExportColumn("时间", lambda r, m: r.at.replace(microsecond=0), 20),
    ExportColumn("用户", lambda r, m: r.username, 12), ExportColumn("计算机", lambda r, m: r.computer, 24),
    ExportColumn("操作", lambda r, m: r.action, 14), ExportColumn("登记簿", lambda r, m: r.register, 14),
    ExportColumn("记录", lambda r, m: r.record_id, 8), ExportColumn("摘要", lambda r, m: r.summary, 28),
    ExportColumn("详情", lambda r, m: r.details_text[:MAX_CELL], 60),
]
EXPORT_CHUNK = 1000


def export_audit_log(session: Session, f: AuditFilter, out: Path, *,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> int:
    """Write the entries `f` lists to `out` (.xlsx) and log the export; returns the number of rows.

    The caller commits: the export's own entry is part of its transaction. Written in openpyxl's
    write-only mode, a chunk of rows at a time, so a log of 200,000 entries fits in memory.
    Cancelling raises InterruptedError before `out` is touched."""
    require_in(session, "audit")
    ids = audit_ids(session, f)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("操作日志")
    for c, column in enumerate(AUDIT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = column.width
    sheet.freeze_panes = "A2"
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="FFE8E8E8")
    header = []
    for column in AUDIT_COLUMNS:
        cell = WriteOnlyCell(sheet, column.header)
        cell.font, cell.fill = bold, grey
        header.append(cell)
    sheet.append(header)
    try:
        for start in range(0, len(ids), EXPORT_CHUNK):
            if cancelled is not None and cancelled():
                raise InterruptedError
            for row in audit_rows(session, ids[start:start + EXPORT_CHUNK]):
                sheet.append([_cell(sheet, column.value(row, True)) for column in AUDIT_COLUMNS])
            if progress is not None:
                progress(min(start + EXPORT_CHUNK, len(ids)), len(ids))
    except BaseException:
        _discard(sheet)
        raise
    tmp = out.with_name(out.name + ".part")
    try:
        workbook.save(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    audit.record(session, "export", "audit_log", None, f"操作日志：{out.name}", {"file": out.name, "rows": len(ids)})
    return len(ids)


def _discard(sheet: Any) -> None:
    """Close a write-only sheet that will not be saved, and remove the temporary file it streams to
    (openpyxl only removes it on save)."""
    with suppress(Exception):
        sheet.close()
        Path(sheet._writer.out).unlink(missing_ok=True)


def _cell(sheet: Any, value: object) -> object:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet)
        cell.value = value
        cell.data_type = "s"  # text, never a formula Excel would run
        return cell
    return value
