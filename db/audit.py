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

from db.models import AuditEntry, MemberStatusChange, OfficeSetting, Tracked, User, now
from db.permissions import PermissionDenied, actor_of, allowed, require
from db.validation import mask_id_number, mask_phone

REGISTER_LABELS = {
    "persons": "人员", "party_members": "党员", "party_orgs": "党组织", "grids": "网格", "grid_workers": "网格员",
    "mediators": "调解员", "mediation_cases": "调解案件", "mediation_parties": "当事人",
    "mediation_follow_ups": "回访记录",
    "volunteers": "志愿者", "service_activities": "志愿服务活动", "service_logs": "志愿服务时长",
    "office_settings": "单位信息", "users": "账号", "database": "数据库",
    "meetings": "会议", "attendance": "出勤", "meeting_schedules": "会议计划", "point_rules": "积分规则",
    "point_entries": "积分", "rating_indicators": "星级评分指标", "rating_scores": "星级评分",
}
ACTION_LABELS = {
    "create": "新增", "update": "修改", "delete": "删除", "restore": "恢复", "purge": "永久删除",
    "import": "导入", "export": "导出", "print": "打印完整号码", "reveal": "查看完整号码",
    "login": "登录", "login_failed": "登录失败", "role": "更改角色", "password": "修改密码",
    "backup": "备份", "restore_backup": "从备份恢复",
}
# Bookkeeping columns nobody edits; the log would only repeat them.
SKIP_FIELDS = {"id", "created_at", "updated_at", "name_sort", "search_text", "password_hash", "failed_attempts",
               "locked_until", "last_login_at"}
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


def _label(obj: Any) -> str:
    """A few words a person recognises the record by, without loading anything."""
    state = obj.__dict__
    for attr in ("number", "name", "username", "code", "project", "key"):
        if state.get(attr):
            return str(state[attr])[:200]
    person_name = state["person"].name if state.get("person") is not None else None
    if person_name:
        return str(person_name)
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
    if allowed(actor, "accounts") or session.info.get("login"):
        return True
    if session.info.get("setup"):  # the first administrator, before anyone can sign in
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


@event.listens_for(Session, "after_flush")
def _record_flush(session: Session, _context: Any) -> None:
    # An import: the records it creates are summed up in one entry for the file, written by its
    # caller; a record it changes is logged field by field here, like any edit.
    # (A record the same import created is not "changed" when a later row adds to it.)
    bulk = bool(session.info.get("audit_bulk"))
    created: set[tuple[str, Any]] = session.info.setdefault("audit_bulk_created", set()) if bulk else set()
    # Records another record derives (a meeting's point lines) are summed up by the code that
    # writes them, in one entry on the record they come from, instead of one entry each.
    summarised: tuple[type, ...] = session.info.get("audit_summarised", ())
    actor = actor_of(session)
    rows: list[dict[str, Any]] = []

    def add(action: str, obj: Any, details: dict[str, Any]) -> None:
        rows.append({"at": now(), "username": actor.username, "computer": actor.computer, "action": action,
                     "register": obj.__tablename__, "record_id": obj.__dict__.get("id"), "summary": _label(obj),
                     "details": json.dumps(details, ensure_ascii=False, default=_plain)})

    for obj in session.new:
        if bulk:
            created.add((obj.__tablename__, obj.__dict__.get("id")))
        elif not _unlogged(obj) and not isinstance(obj, summarised):
            add("create", obj, _values(obj))
    for obj in session.dirty:
        if _unlogged(obj) or not session.is_modified(obj) or (obj.__tablename__, obj.__dict__.get("id")) in created:
            continue
        if isinstance(obj, summarised):
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
        if not isinstance(obj, UNLOGGED) and not isinstance(obj, summarised):
            add("purge", obj, {})
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


WRITE_CHECKED_ELSEWHERE = {"audit_log", "users"}


@event.listens_for(Session, "do_orm_execute")
def _check_statement(state: ORMExecuteState) -> None:
    """Bulk INSERT/UPDATE/DELETE through Session.execute: at least the right to edit."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = str(getattr(table, "name", ""))
    if name == "audit_log":
        if not state.is_insert:
            raise PermissionDenied("操作日志只能追加，不能修改。")
        return
    if name == "users":
        if not (allowed(actor_of(state.session), "accounts") or state.session.info.get("login")):
            require(actor_of(state.session), "accounts")
        return
    require(actor_of(state.session), "settings" if name == "office_settings" else "edit")
