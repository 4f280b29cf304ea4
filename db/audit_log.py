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

import json
import re
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
from db.exporting import FORMULA_START, ExportColumn
from db.models import AuditEntry, Grid, MediationCase, Mediator, PartyOrg, Person, ServiceActivity, Volunteer
from db.permissions import require_in
from db.validation import format_date_cn
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    EMPLOYMENT,
    FOLLOW_UP_PERFORMED,
    GENDERS,
    GRID_ROLES,
    MEDIATION_TIERS,
    MEMBER_CATEGORIES,
    MEMBER_STATUSES,
    MEMBER_TYPES,
    ORG_KINDS,
    PARTY_ROLES,
    RELAPSE_RISK,
    ROLES,
    SATISFACTION,
    VOLUNTEER_KINDS,
    VOLUNTEER_STATUSES,
    WORKER_STATUSES,
    Vocabulary,
)

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

# The labels the forms and ledger headers use (db.importing SYNONYMS, FieldError labels, exports).
FIELD_LABELS = {
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生日期", "id_number": "身份证号",
    "phone": "联系电话", "address": "家庭住址", "grid_id": "所在网格", "notes": "备注", "org_id": "所在支部",
    "member_type": "党员类型", "admitted_on": "入党时间", "full_on": "转正时间",
    "probation_extended_months": "延长预备期（月）", "education": "学历", "native_place": "籍贯",
    "employer": "工作单位及职务", "category": "人员类别", "category_since": "类别起始日期",
    "transferred_in_on": "转入日期", "reported": "已报到", "reported_on": "报到日期", "reported_employer": "报到单位",
    "status": "状态", "deleted_at": "删除时间", "code": "网格编号", "buildings": "负责楼栋", "households": "户数",
    "population": "人口数", "kind": "类别", "parent_id": "上级组织", "sort_order": "排序", "role": "岗位",
    "employment": "专兼职", "start_on": "上岗日期", "tier": "调解层级", "since": "任职日期", "number": "编号",
    "skills": "特长", "available_times": "可服务时间", "service_areas": "服务领域", "organisation": "所在单位",
    "registered_on": "注册日期", "received_on": "受理日期", "source": "案件来源", "dispute_type": "纠纷类型",
    "facts": "简要案情", "requests": "当事人请求", "mediator_id": "调解员", "result": "调解结果",
    "closed_on": "结案日期", "agreement_terms": "协议内容", "performance": "履行情况", "amount": "涉及金额",
    "year": "年度", "seq": "序号", "case_id": "案件", "occupation": "职业", "person_id": "人员",
    "visited_on": "回访日期", "visitor": "回访人", "performed": "履行情况", "satisfaction": "满意度",
    "relapse_risk": "再次纠纷风险", "action": "后续措施", "project": "服务项目", "held_on": "活动日期",
    "place": "服务地点", "start_time": "开始时间", "end_time": "结束时间", "organiser": "组织单位",
    "confirmed_by": "确认人", "description": "活动内容", "activity_id": "活动", "volunteer_id": "志愿者",
    "hours": "服务时长", "username": "用户名", "display_name": "姓名", "active": "启用", "key": "项目",
    "value": "内容", "file": "文件", "masked": "号码隐藏", "backup": "备份文件", "safety_backup": "恢复前的备份",
    "size": "大小",
}
REGISTER_FIELD_LABELS = {
    "party_orgs": {"name": "组织名称", "kind": "组织类型"},
    "grids": {"name": "网格名称", "households": "户数"},
    "grid_workers": {"households": "联系户数"},
    "volunteers": {"number": "志愿者编号", "kind": "志愿者类别"},
    "mediation_cases": {"number": "案件编号", "status": "案件状态"},
    "mediation_parties": {"role": "身份", "id_number": "证件号码"},
    "users": {"role": "角色"},
}
FIELD_VOCABULARIES: dict[str, Vocabulary] = {
    "gender": GENDERS, "member_type": MEMBER_TYPES, "category": MEMBER_CATEGORIES, "employment": EMPLOYMENT,
    "tier": MEDIATION_TIERS, "source": CASE_SOURCES, "dispute_type": DISPUTE_TYPES, "result": CASE_RESULTS,
    "performed": FOLLOW_UP_PERFORMED, "satisfaction": SATISFACTION, "relapse_risk": RELAPSE_RISK,
}
REGISTER_VOCABULARIES: dict[str, dict[str, Vocabulary]] = {
    "party_members": {"status": MEMBER_STATUSES},
    "grid_workers": {"role": GRID_ROLES, "status": WORKER_STATUSES},
    "mediators": {"status": WORKER_STATUSES},
    "mediation_cases": {"status": CASE_STATUSES},
    "mediation_parties": {"role": PARTY_ROLES},
    "volunteers": {"kind": VOLUNTEER_KINDS, "status": VOLUNTEER_STATUSES},
    "party_orgs": {"kind": ORG_KINDS},
    "users": {"role": ROLES},
}
BACKUP_KINDS = {"manual": "手动备份", "opening": "打开时自动备份", "closing": "关闭时自动备份"}
IMPORT_COUNTS = (("imported", "导入"), ("updated", "更新"), ("unchanged", "未变"), ("invalid", "无效"),
                 ("duplicates", "重复"))
EMPTY = "（空）"
MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$")


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
        query = query.where(AuditEntry.summary.like(f"%{escaped}%", escape="\\"))
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
    names = _Names(session)
    return [_row(entries[i], names) for i in ids if i in entries]


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


# --- making entries readable -----------------------------------------------------------------

def _name_queries() -> dict[str, Callable[[int], Select[Any]]]:
    """What an id a change names is called: a branch, a grid, a person, a case, an activity."""
    def person_of(model: Any) -> Callable[[int], Select[Any]]:
        return lambda i: select(Person.name).join(model, model.person_id == Person.id).where(model.id == i)

    return {
        "org_id": lambda i: select(PartyOrg.name).where(PartyOrg.id == i),
        "parent_id": lambda i: select(PartyOrg.name).where(PartyOrg.id == i),
        "grid_id": lambda i: select(Grid.name).where(Grid.id == i),
        "person_id": lambda i: select(Person.name).where(Person.id == i),
        "mediator_id": person_of(Mediator),
        "volunteer_id": person_of(Volunteer),
        "case_id": lambda i: select(MediationCase.number).where(MediationCase.id == i),
        "activity_id": lambda i: select(ServiceActivity.project).where(ServiceActivity.id == i),
    }


NAME_QUERIES = _name_queries()


class _Names:
    """Names for the ids a change names (所在支部：第一党支部, not 2), looked up once per call.
    Deleted records keep their names (the recycle bin only marks them); a purged one shows #id."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cache: dict[tuple[str, int], str] = {}

    def name(self, key: str, value: int) -> str | None:
        query = NAME_QUERIES.get(key)
        if query is None:
            return None
        if (key, value) not in self._cache:
            found = self._session.scalar(query(value))
            self._cache[key, value] = str(found) if found else f"#{value}"
        return self._cache[key, value]


def _row(entry: Any, names: _Names) -> AuditRow:
    """`entry` is a row of ENTRY_COLUMNS (plain values; no ORM object per entry)."""
    return AuditRow(entry.id, entry.at, entry.username, entry.computer, action_label(entry.action),
                    register_label(entry.register), entry.record_id, entry.summary,
                    tuple(detail_lines(entry.action, entry.register, entry.details, names)))


def detail_lines(action: str, register: str, details_json: str, names: _Names | None = None) -> list[str]:
    """One Chinese line per changed field or count; the raw text if it is not the JSON db.audit writes."""
    try:
        details = json.loads(details_json) if details_json else {}
    except ValueError:
        return [details_json]
    if not isinstance(details, dict):
        return [details_json]
    if action == "import":
        return _import_lines(details)
    if action == "delete" and not details:
        return ["移入回收站"]
    if action == "restore" and not details:
        return ["从回收站恢复"]
    lines = []
    for key, value in details.items():
        label = _field_label(register, key)
        if action in ("update", "role") and isinstance(value, list) and len(value) == 2:
            old, new = (_value_text(register, key, v, names) for v in value)
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
            lines.append(f"{label}：{_value_text(register, key, value, names)}")
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


def _field_label(register: str, key: str) -> str:
    return REGISTER_FIELD_LABELS.get(register, {}).get(key) or FIELD_LABELS.get(key, key)


def _value_text(register: str, key: str, value: Any, names: _Names | None) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    vocab = REGISTER_VOCABULARIES.get(register, {}).get(key) or FIELD_VOCABULARIES.get(key)
    if vocab is not None and isinstance(value, str):
        return vocab.label(value)
    if names is not None and isinstance(value, int):
        if (name := names.name(key, value)) is not None:
            return name
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return format_date_cn(date.fromisoformat(value))
        if match := _ISO_DATETIME.match(value):
            return f"{format_date_cn(date.fromisoformat(match[1]))} {match[2]}"
        return value
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- export ------------------------------------------------------------------------------------

AUDIT_COLUMNS = [
    ExportColumn("时间", lambda r, m: r.at.replace(microsecond=0), 20),
    ExportColumn("用户", lambda r, m: r.username, 12), ExportColumn("计算机", lambda r, m: r.computer, 24),
    ExportColumn("操作", lambda r, m: r.action, 10), ExportColumn("登记簿", lambda r, m: r.register, 12),
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
