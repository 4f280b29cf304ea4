"""The audit trail (操作日志) and the permission check, both hooked into every session.

Each flush is checked against the actor's role (db.permissions) before anything is written,
then recorded after it — field by field, old and new value — by inserting into audit_log on
the same connection, so an entry exists exactly when its change was committed. Writes that
bypass the ORM's unit of work (bulk UPDATE/INSERT through Session.execute) are checked in
do_orm_execute; the functions that issue them (recycle bin, import) record their own entry.

ID and phone numbers are stored masked in the log: the log is for accountability, and must
not become a second, unmasked copy of the register.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from db.audit_chain import lock_chain  # (importing it seals every entry as it is inserted: the log's hash chain)
from db.gate import flags, guarded, has_purpose
from db.models import (
    Attendance,
    AuditEntry,
    Meeting,
    MemberStatusChange,
    OfficeSetting,
    PartyMember,
    Person,
    Tracked,
    User,
    now,
)
from db.permissions import PermissionDenied, actor_of, allowed, require
from db.validation import format_date_cn, mask_id_number, mask_phone
from db.vocab import MEETING_KINDS

REGISTER_LABELS = {
    "persons": "人员", "party_members": "党员", "party_orgs": "党组织", "grids": "网格", "grid_workers": "网格员",
    "mediators": "调解员", "mediation_cases": "调解案件", "mediation_parties": "当事人",
    "mediation_follow_ups": "回访记录",
    "volunteers": "志愿者", "service_activities": "志愿服务活动", "service_logs": "志愿服务时长",
    "office_settings": "单位信息", "users": "账号", "database": "数据库",
    "meetings": "会议", "attendance": "出勤", "meeting_schedules": "会议计划", "point_rules": "积分规则",
    "point_entries": "积分", "rating_indicators": "星级评分指标", "rating_scores": "星级评分",
    "copy_identity": "副本身份", "exchange_peers": "交换对象", "change_journal": "改动记录",
    "exchange_conflicts": "待处理冲突", "record_aliases": "合并记录",
    "buildings": "楼栋", "rooms": "房屋", "households": "户", "residents": "居民", "care_tags": "关爱对象类别",
    "resident_tags": "关爱对象标签", "visits": "走访记录", "incidents": "事件", "incident_events": "事件处置记录",
    "bank_accounts": "积分账户", "bank_entries": "积分记录", "bank_rules": "积分项目", "bank_claims": "好人好事申报",
    "bank_goods": "兑换物品", "stock_moves": "库存记录", "partner_shops": "合作商家", "redemptions": "积分兑换",
    "redemption_lines": "兑换明细", "bank_overdrafts": "透支记录",
}
ACTION_LABELS = {
    "create": "新增", "update": "修改", "delete": "删除", "restore": "恢复", "purge": "永久删除",
    "import": "导入", "export": "导出", "print": "打印完整号码", "reveal": "查看完整号码",
    "login": "登录", "login_failed": "登录失败", "role": "更改角色", "password": "修改密码",
    "backup": "备份", "restore_backup": "从备份恢复", "copy": "复制社区",
}
# Bookkeeping columns nobody edits; the log would only repeat them.
SKIP_FIELDS = {"id", "created_at", "updated_at", "name_sort", "search_text", "password_hash", "failed_attempts",
               "locked_until", "last_login_at", "community_id", "uuid", "version",
               # kept by the database's triggers (migrations 0008, 0009): nobody's edit
               "present_count", "leave_count", "absent_count", "log_count", "log_hours",
               "last_present_at", "last_leave_at", "last_absent_at", "last_educated_at"}
MASKED_FIELDS = {"id_number": mask_id_number, "phone": mask_phone}
UNLOGGED = (AuditEntry, MemberStatusChange)  # the status history is itself a log
SEQUENCE_PREFIX = "seq_"


def record(session: Session, action: str, register: str = "", record_id: int | None = None, summary: str = "",
           details: dict[str, Any] | None = None) -> None:
    """Append one entry for what the ORM cannot see: logins, imports, exports, reveals, backups."""
    actor = actor_of(session)
    session.add(AuditEntry(at=now(), username=actor.username, computer=actor.computer, action=action,
                           register=register, record_id=record_id, summary=summary[:200],
                           details=json.dumps(details or {}, ensure_ascii=False, default=_plain)))


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _shown(key: str, value: Any) -> Any:
    if value is None or value == "":
        return value
    if key in MASKED_FIELDS:
        return MASKED_FIELDS[key](str(value))
    return _plain(value) if isinstance(value, (date, datetime, Decimal)) else value


def _held(session: Session, model: type, record_id: Any) -> Any:
    """The record if the session already holds it; never a query (this runs inside a flush)."""
    return session.identity_map.get(inspect(model).identity_key_from_primary_key((record_id,)))


def _label(session: Session, obj: Any) -> str:
    """A few words a person recognises the record by, without loading anything: its own
    fields, or a person (member) the session already holds. Failing that #id, which the log
    window names from the record when it shows the entry (db.audit_text)."""
    state = obj.__dict__
    for attr in ("number", "name", "username", "code", "project", "key"):
        if state.get(attr):
            return str(state[attr])[:200]
    if isinstance(obj, Meeting) and state.get("held_at") is not None:
        return " ".join(p for p in (format_date_cn(state["held_at"].date()), MEETING_KINDS.label(state.get("kind")),
                                    state.get("topic")) if p)[:200]
    person = state.get("person")
    if person is None and state.get("member_id") is not None:
        member = _held(session, PartyMember, state["member_id"])
        person = member.__dict__.get("person") if member is not None else None
    if person is None and state.get("person_id") is not None:
        person = _held(session, Person, state["person_id"])
    if person is not None and person.__dict__.get("name"):
        return str(person.__dict__["name"])[:200]
    return f"#{state.get('id', '')}"


def _changes(obj: Any) -> dict[str, list[Any]]:
    changed: dict[str, list[Any]] = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in SKIP_FIELDS:
            continue
        history = inspect(obj).attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changed[attr.key] = [_shown(attr.key, old), _shown(attr.key, new)]
    return changed


def _values(obj: Any) -> dict[str, Any]:
    return {a.key: _shown(a.key, getattr(obj, a.key)) for a in inspect(obj).mapper.column_attrs
            if a.key not in SKIP_FIELDS and getattr(obj, a.key) not in (None, "", 0, False)}


def _account_change_allowed(session: Session, obj: User, changes: set[str]) -> bool:
    actor = actor_of(session)
    if allowed(actor, "accounts") or has_purpose(session, "login"):
        return True
    if has_purpose(session, "setup"):  # the first administrator, before anyone can sign in
        return True
    return obj.id is not None and obj.id == actor.user_id and changes <= {"password_hash"}


def _action_for_update(obj: Any) -> tuple[str, dict[str, list[Any]]]:
    changes = _changes(obj)
    if isinstance(obj, Tracked) and "deleted_at" in changes and len(changes) == 1:
        return ("delete" if changes["deleted_at"][1] else "restore"), {}
    return "update", changes


def _setting_action(setting: OfficeSetting) -> str:
    """Counters kept beside the settings (certificate numbers) move whenever someone prints."""
    return "print" if setting.key.startswith(SEQUENCE_PREFIX) else "settings"


def _unlogged(obj: Any) -> bool:
    return isinstance(obj, UNLOGGED) or isinstance(obj, OfficeSetting) and obj.key.startswith(SEQUENCE_PREFIX)


@event.listens_for(Session, "before_flush")
def _check_flush(session: Session, _context: Any, _instances: Any) -> None:
    actor = actor_of(session)
    for obj in session.new:
        if isinstance(obj, AuditEntry) and obj.username != actor.username and guarded(session):  # who acts, no one else
            raise PermissionDenied("操作日志只记当前账号自己的操作，不能以别人的名义写入。")
        if isinstance(obj, UNLOGGED):
            continue
        if isinstance(obj, User):
            if not _account_change_allowed(session, obj, {"*"}):
                require(actor, "accounts")
        else:
            require(actor, _setting_action(obj) if isinstance(obj, OfficeSetting) else "edit")
    for obj in session.dirty:
        if not session.is_modified(obj):
            continue
        if isinstance(obj, AuditEntry):
            raise PermissionDenied("操作日志只能追加，不能修改。")
        if isinstance(obj, User):
            state = inspect(obj)
            changed = {a.key for a in state.mapper.column_attrs if state.attrs[a.key].history.has_changes()}
            if not _account_change_allowed(session, obj, changed):
                require(actor, "accounts")
        elif isinstance(obj, OfficeSetting):
            require(actor, _setting_action(obj))
        else:
            action = _action_for_update(obj)[0] if isinstance(obj, Tracked) else "update"
            require(actor, "edit" if action == "update" else action)
    for obj in session.deleted:
        if isinstance(obj, AuditEntry):
            raise PermissionDenied("操作日志只能追加，不能删除。")
        require(actor, "accounts" if isinstance(obj, User) else "purge" if isinstance(obj, Tracked) else "edit")
    if session.new or session.dirty or session.deleted:
        _writes_in_log_order(session)


def _writes_in_log_order(session: Session) -> None:
    """On PostgreSQL, a writing transaction takes the operation log's lock before its first row:
    every writer then waits in the same order (log, then rows) and two PCs never deadlock, one
    holding a record the other wants while waiting for the log the other holds."""
    lock_chain(session.connection())


@event.listens_for(Session, "after_flush")
def _record_flush(session: Session, _context: Any) -> None:
    # An import: the records it creates are summed up in one entry for the file, written by its
    # caller; a record it changes is logged field by field here, like any edit.
    # (A record the same import created is not "changed" when a later row adds to it.)
    bulk = bool(flags(session).get("audit_bulk"))
    created: set[tuple[str, Any]] = flags(session).setdefault("audit_bulk_created", set()) if bulk else set()
    # Records another record derives (a meeting's point lines) are summed up by the code that
    # writes them, in one entry on the record they come from, instead of one entry each.
    summarised: tuple[type, ...] = flags(session).get("audit_summarised", ())
    actor = actor_of(session)
    rows: list[dict[str, Any]] = []
    entries: dict[tuple[str, Any], dict[str, Any]] = {}  # (table, id) → its entry's details

    def add(action: str, obj: Any, details: dict[str, Any]) -> None:
        entry(action, obj.__tablename__, obj.__dict__.get("id"), _label(session, obj), details)

    def entry(action: str, table: str, record_id: Any, summary: str, details: dict[str, Any]) -> None:
        rows.append({"at": now(), "username": actor.username, "computer": actor.computer, "action": action,
                     "register": table, "record_id": record_id, "summary": summary, "details": details})
        if action in ("create", "update"):
            entries.setdefault((table, record_id), details)

    # A meeting's attendance lines are one item of the meeting's entry, not an entry each:
    # [member id, status before, status after] per member whose line changed (None: not listed).
    attendance: dict[int, list[list[Any]]] = {}
    purged = {obj.id for obj in session.deleted if isinstance(obj, Meeting)}

    seen: set[int] = set()

    def attended(line: Attendance, old: str | None, new: str | None) -> None:
        if line.meeting_id not in purged and old != new and id(line) not in seen:
            seen.add(id(line))
            attendance.setdefault(line.meeting_id, []).append([line.member_id, old, new])

    for obj in session.new:
        if bulk:
            created.add((obj.__tablename__, obj.__dict__.get("id")))
        elif isinstance(obj, Attendance):
            attended(obj, None, obj.status)
        elif not _unlogged(obj) and not isinstance(obj, summarised):
            add("create", obj, _values(obj))
    for obj in session.dirty:
        if isinstance(obj, Meeting):  # lines taken off the list are deleted as orphans, in no list here
            for line in inspect(obj).attrs["attendance"].history.deleted:
                attended(line, line.__dict__.get("status"), None)
        if _unlogged(obj) or not session.is_modified(obj) or (obj.__tablename__, obj.__dict__.get("id")) in created:
            continue
        if isinstance(obj, summarised):
            continue
        if isinstance(obj, Attendance):
            status = inspect(obj).attrs["status"].history
            attended(obj, status.deleted[0] if status.deleted else obj.status, obj.status)
            continue
        action, changes = _action_for_update(obj)
        if isinstance(obj, User):
            if inspect(obj).attrs["password_hash"].history.has_changes():
                add("password", obj, {})
            if "role" in changes:
                add("role", obj, {"role": changes.pop("role")})
            if not changes:
                continue
        if action != "update" or changes:
            add(action, obj, changes)
    for obj in session.deleted:
        if isinstance(obj, Attendance):
            attended(obj, obj.status, None)
        elif not isinstance(obj, UNLOGGED) and not isinstance(obj, summarised):
            add("purge", obj, {})
    for meeting_id, lines in attendance.items():
        details = entries.get(("meetings", meeting_id))
        if details is None:
            meeting = _held(session, Meeting, meeting_id)
            details = {}
            entry("update", "meetings", meeting_id, _label(session, meeting) if meeting else f"#{meeting_id}", details)
        details["attendance"] = sorted(lines, key=lambda line: line[0])
    if rows:
        for row in rows:
            row["details"] = json.dumps(row["details"], ensure_ascii=False, default=_plain)
        session.connection().execute(insert(AuditEntry), rows)


WRITE_CHECKED_ELSEWHERE = {"audit_log", "users"}


@event.listens_for(Session, "do_orm_execute")
def _check_statement(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE through Session.execute: at least the right to edit."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = str(getattr(table, "name", ""))
    if name == "audit_log":  # where accounts exist, entries are written by the flush, as the session's actor
        if not state.is_insert:
            raise PermissionDenied("操作日志只能追加，不能修改。")
        if guarded(state.session):
            raise PermissionDenied("操作日志只由程序记录，不能直接写入。")
        return
    if name == "users":
        if not (allowed(actor_of(state.session), "accounts") or has_purpose(state.session, "login")):
            require(actor_of(state.session), "accounts")
        return
    if name == "counters":  # a number taken: a case saved, or a certificate printed (viewers print)
        if not allowed(actor_of(state.session), "print"):
            require(actor_of(state.session), "edit")
    else:
        require(actor_of(state.session), "settings" if name == "office_settings" else "edit")
    _writes_in_log_order(state.session)
