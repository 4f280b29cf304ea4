"""Tamper evidence for the operation log (操作日志): each entry sealed with a hash chained to the one before.

Every row of audit_log carries `prev_hash`, the `entry_hash` of the row before it in id order
(64 zeros for the first), and `entry_hash`, SHA-256 over a fixed text of its own content (time,
user, computer, action, register, record, summary, details) and `prev_hash`. The seal is put on
as the row is inserted, by a hook on every INSERT into audit_log that goes through SQLAlchemy,
whichever path wrote it (db.audit.record's session.add, the flush's Core insert): it reads the
last row's hash on the same connection, in the same transaction, and overwrites whatever hash
the caller put in. So the log stays append-only — nothing is updated afterwards to seal it, and
db.gate lets no role UPDATE audit_log. Only one SQLite transaction writes at a time, and one
whose snapshot is no longer the newest cannot start writing (SQLITE_BUSY_SNAPSHOT), so two
writers never chain onto the same row. On PostgreSQL, where transactions write side by side, the
inserting transaction first takes a transaction-level advisory lock (`lock_chain`), held until it
commits: the next writer waits for it, then reads the tail it committed (READ COMMITTED sees it).
An advisory lock needs no right on the table, so roles that may only INSERT into audit_log
(db.server_roles) take it; LOCK TABLE in a mode that excludes writers would need UPDATE/DELETE.

`verify` walks the chain and names the last row still as the program wrote it: an entry edited,
deleted, moved or slipped in with plain sqlite3 breaks it there. Deleting the newest entries
leaves a shorter chain that is whole; that is caught by the heads kept outside the database:
each backup writes the chain's head (last id, its hash, how many entries) into the manifest of
the backup folder (db.backup), and the full check looks for every head recorded since the last
restore in the log.

What it cannot catch: SHA-256 has no secret, so whoever has this program can edit an entry and
compute the chain again; such a log is whole. The recorded heads still catch that for entries
older than the last backup — unless the manifest in every backup folder is edited or deleted
too. Entries written since the last backup can be deleted, or edited and recomputed, unnoticed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.sql.dml import Insert

from db.models import now

GENESIS = "0" * 64
COLUMNS = ("at", "username", "computer", "action", "register", "record_id", "summary", "details")
DEFAULTS: dict[str, Any] = {"computer": "", "register": "", "record_id": None, "summary": "", "details": ""}


# --- the seal ------------------------------------------------------------------------------------------


_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\Z")  # as SQLAlchemy writes it to SQLite
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _at_text(value: Any) -> str:
    """The time as SQLite gives it back (no time zone; "2026-12-03 10:00:00.000000" and the
    datetime it was written from read the same: "2026-12-03T10:00:00")."""
    if isinstance(value, str):
        if _STORED_TIME.match(value):  # the usual case, without parsing (the full check reads every entry)
            return f"{value[:10]}T{value[11:19]}" + ("" if value.endswith(".000000") else value[19:])
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return (value if value.tzinfo is None else value.replace(tzinfo=None)).isoformat()
    return str(value)


def _number(value: Any) -> Any:
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else str(value)


def entry_hash(values: Mapping[str, Any], prev_hash: str) -> str:
    """The seal of an entry with these column values, following the entry sealed `prev_hash`."""
    return _sealed(prev_hash, _at_text(values["at"]), values)


def _sealed(prev_hash: str, at_text: str, values: Mapping[str, Any]) -> str:
    content = [prev_hash, at_text, _text(values["username"]), _text(values["computer"]), _text(values["action"]),
               _text(values["register"]), _number(values["record_id"]), _text(values["summary"]),
               _text(values["details"])]
    return hashlib.sha256(_ENCODE(content).encode("utf-8", "surrogatepass")).hexdigest()


CHAIN_LOCK = 0x43445F41  # the advisory lock key of the operation log's chain ("CD_A"), per database


def lock_chain(conn: Connection) -> None:
    """Serialise the operation log's writers on PostgreSQL until this transaction ends (SQLite
    already has one writer at a time). Code that locks rows and then writes an entry may take
    it first, so that two transactions never wait on each other in the opposite order."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK})")


def _tail(conn: Connection) -> str:
    """The last entry's seal, read in the inserting transaction (after the chain's lock)."""
    lock_chain(conn)
    row = conn.exec_driver_sql("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").first()
    return GENESIS if row is None else str(row[0] or "")


@event.listens_for(Engine, "before_execute", retval=True)
def _seal_inserts(conn: Connection, clauseelement: Any, multiparams: Any, params: Any,
                  _options: Any) -> tuple[Any, Any, Any]:
    """Seal the rows of every INSERT into audit_log, in the order they get their ids."""
    if not isinstance(clauseelement, Insert) or getattr(clauseelement.table, "name", None) != "audit_log":
        return clauseelement, multiparams, params
    if (clauseelement._values or clauseelement._multi_values or clauseelement.select is not None
            or "entry_hash" not in clauseelement.table.c):
        raise ValueError("操作日志的条目要以参数逐条写入（db.audit），才能接上校验链。")
    rows = list(multiparams) if multiparams else [params]
    prev = _tail(conn)
    sealed = []
    for row in rows:
        values = {**DEFAULTS, **row}
        if values.get("at") is None:
            values["at"] = now()
        values["prev_hash"] = prev
        values["entry_hash"] = prev = entry_hash(values, values["prev_hash"])
        sealed.append(values)
    return (clauseelement, sealed, {}) if multiparams else (clauseelement, [], sealed[0])


# --- heads ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """Where the chain ends: the last entry's id and seal, and how many entries there are."""

    last_id: int
    hash: str
    entries: int

    def as_json(self) -> dict[str, Any]:
        return {"last_id": self.last_id, "hash": self.hash, "entries": self.entries}


@dataclass(frozen=True)
class RecordedHead:
    """A head written down outside the database: by a backup, or for the log a restore put back."""

    kind: str  # "backup" or "restore"
    recorded_at: datetime
    head: Head | None  # None: the log was empty
    file: str  # the backup's file name


def has_chain(conn: sqlite3.Connection) -> bool:
    """Whether the file's audit_log has the seal columns (a database before revision 0005 has not)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(audit_log)")}
    return {"prev_hash", "entry_hash"} <= columns


def head_of(conn: sqlite3.Connection) -> Head | None:
    if not has_chain(conn):
        return None
    row = conn.execute("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return Head(int(row[0]), str(row[1] or ""), int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]))


def head_of_file(path: Path) -> Head | None:
    """The chain's head in a database file (a backup), read-only; None when there is no log."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return head_of(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def recorded_heads(entries: Iterable[Mapping[str, Any]], db_name: str) -> list[RecordedHead]:
    """The heads recorded for the database named `db_name` in manifest entries, oldest first."""
    found: dict[tuple[str, str, str], RecordedHead] = {}
    for entry in entries:
        try:
            if os.path.normcase(str(entry["database"])) != os.path.normcase(db_name):
                continue
            raw = entry.get("audit_log")
            head = Head(int(raw["last_id"]), str(raw["hash"]), int(raw["entries"])) if raw else None
            recorded = RecordedHead(str(entry["kind"]), datetime.fromisoformat(str(entry["recorded_at"])), head,
                                    str(entry.get("file", "")))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a line cut short by a kill, or not ours
        found[(recorded.kind, recorded.recorded_at.isoformat(), head.hash if head else "")] = recorded
    return sorted(found.values(), key=lambda r: r.recorded_at)


# --- verifying -----------------------------------------------------------------------------------------


def _said(last_good: int | None, detail: str) -> str:
    if last_good is None:
        return f"操作日志从第一条起被改动或删除：{detail}。"
    return f"操作日志第 {last_good} 条之后被改动或删除：{detail}。"


def _when(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M}"


def verify(conn: sqlite3.Connection, recorded: Sequence[RecordedHead] = ()) -> str | None:
    """None when the chain is whole and holds every head recorded since the last restore; else
    one line naming the last entry still as written ("操作日志第 N 条之后被改动或删除：…")."""
    if not has_chain(conn):
        return None
    since = max((i for i, r in enumerate(recorded) if r.kind == "restore"), default=0)
    heads = [r for r in recorded[since:] if r.head is not None]
    wanted = {r.head.hash for r in heads if r.head is not None}
    found: dict[str, int] = {}  # recorded head's hash → id of the entry carrying it
    times: list[tuple[int, str]] = []  # (id, time) of every entry, for where a cut-off tail began
    running, last_good = GENESIS, None
    for row in conn.execute(f"SELECT id, {', '.join(COLUMNS)}, prev_hash, entry_hash FROM audit_log ORDER BY id"):
        entry_id, values, prev_hash, sealed = row[0], dict(zip(COLUMNS, row[1:9], strict=True)), row[9], row[10]
        if not sealed:
            return _said(last_good, f"第 {entry_id} 条没有校验码，不是本程序记下的")
        if prev_hash != running:
            if last_good is None:
                return _said(None, f"第 {entry_id} 条之前的记录被删除或调换了次序")
            return _said(last_good, f"第 {last_good} 条与第 {entry_id} 条之间有记录被删除、插入或调换了次序")
        at_text = _at_text(values["at"])
        if _sealed(str(prev_hash), at_text, values) != sealed:
            return _said(last_good, f"第 {entry_id} 条与程序记下的内容不符")
        running, last_good = sealed, entry_id
        if heads:
            if sealed in wanted:
                found[sealed] = entry_id
            times.append((entry_id, at_text))
    matched: RecordedHead | None = None
    for r in heads:
        assert r.head is not None
        if r.head.hash in found:
            matched = r
            continue
        what = "备份" if r.kind == "backup" else "从备份恢复"
        if last_good is None or last_good < r.head.last_id:  # the newest entries are gone
            before = [i for i, at in times if at <= r.recorded_at.isoformat()]
            return _said(before[-1] if before else None,
                         f"{_when(r.recorded_at)} {what}时日志已记到第 {r.head.last_id} 条（共 {r.head.entries} 条），"
                         f"现在只到第 {last_good or 0} 条")
        intact = found[matched.head.hash] if matched is not None and matched.head is not None else None
        # Entries deleted and others written after them, or edited and sealed again: which
        # entries before this head are still as written cannot be told, only those of an older head.
        return _said(intact, f"第 {r.head.last_id} 条与 {_when(r.recorded_at)} {what}时记下的不同，"
                             "日志被删改后重新接续过")
    return None


def backup_folders(conn: sqlite3.Connection, path: Path) -> list[Path]:
    """Where this database's backups (and so its recorded heads) are: beside it, and the folder
    set in the program (read from the file itself)."""
    from db.backup import default_backup_dir

    folders = [default_backup_dir(path)]
    try:
        row = conn.execute("SELECT value FROM office_settings WHERE key = 'backup_folder'").fetchone()
    except sqlite3.Error:
        row = None
    if row and row[0]:
        folders.append(Path(str(row[0])))
    return folders


def problem_of_file(conn: sqlite3.Connection, path: Path) -> str | None:
    """The full check's question (db.health): is the log of the database at `path` whole, and
    does it still hold every head its backups recorded?"""
    from db.backup import read_manifest

    entries = [e for folder in backup_folders(conn, path) for e in read_manifest(folder)]
    return verify(conn, recorded_heads(entries, path.name))
