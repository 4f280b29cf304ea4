"""Is this file a healthy Community Desk database? One answer, one sentence.

Used at start (the quick check), by 工具 → 检查数据库 and `main.py check --full`, and to
verify every backup before it counts. Opens the file read-only through SQLite itself, so a
check never changes or upgrades what it looks at.

Besides SQLite's own check of pages and indexes, the structure is compared with what the
program expects at the file's schema revision (db.schema_check): a table dropped or rebuilt
by hand with plain sqlite3 passes integrity_check, but it is damage all the same.

The full check also walks the operation log's hash chain (db.audit_chain): an entry edited,
deleted, moved or slipped in by hand is named ("操作日志第 N 条之后被改动或删除"), and so are
entries deleted from its end that a backup had recorded. Whether a file's data can be backed up
or restored is another question: those checks leave the log out (`audit_chain=False`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.audit_chain import problem_of_file
from db.schema_check import head_schema, known_revisions, schema_problems_of_file
from db.storage_errors import BUSY, DISK_FULL, IO_ERROR, READ_ONLY, explain, is_writable, sentence, storage_kind

SQLITE_HEADER = b"SQLite format 3\x00"
LOCK_WAIT_S = 5  # a lock held by another writer is waited for this long before it is reported


@dataclass(frozen=True)
class Health:
    ok: bool
    message: str  # Chinese, one sentence
    problems: tuple[str, ...] = ()  # every structural difference found, the first one is in the message
    kind: str = ""  # one of STORAGE_PROBLEMS when the file is healthy but cannot be read now, or AUDIT_LOG


STORAGE_PROBLEMS = (BUSY, READ_ONLY, DISK_FULL, IO_ERROR)
AUDIT_LOG = "audit_log"


def check_file(path: Path, *, full: bool = False, audit_chain: bool | None = None) -> Health:
    """quick_check (seconds on a large file) or, with full, integrity_check (also indexes);
    either way the tables, columns and indexes are compared with what the program expects.
    `audit_chain` (by default with full): verify the operation log's chain and recorded heads."""
    if not path.exists():
        return Health(False, f"找不到数据库文件“{path}”。")
    if path.is_dir():
        return Health(False, f"“{path}”是一个文件夹，不是数据库文件。")
    if path.stat().st_size == 0:  # SQLite's own empty database: opening it creates the tables
        return Health(True, "数据库是空的（尚未建立数据表）。")
    try:
        with path.open("rb") as f:
            header = f.read(16)
    except OSError as exc:
        return Health(False, f"无法读取“{path.name}”：{exc.strerror or exc}。")
    if header != SQLITE_HEADER:
        return Health(False, f"“{path.name}”不是社区工作台的数据库文件（不是 SQLite 数据库）。")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=LOCK_WAIT_S)
    except sqlite3.Error as exc:
        return _not_damage(exc, path) or Health(False, f"无法打开“{path.name}”：{exc}。")
    # A damaged page can put any bytes into integrity_check's report or into SQLite's own error
    # message (a name read from garbage): the rows are read leniently, and a message Python cannot
    # decode is damage all the same.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        problems = [line for r in rows if r[0] != "ok" for line in _problem_lines(r[0])]
        if problems:
            return Health(False, f"数据库“{path.name}”已损坏：{problems[0][:120]}。")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables & set(head_schema()):  # ours, with its version record dropped
                return Health(False, f"数据库“{path.name}”已损坏：缺少数据表 alembic_version（数据库结构的版本记录）。")
            if tables - {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}:
                return Health(False, f"“{path.name}”是其他程序的 SQLite 数据库，不是社区工作台的数据库。")
            return Health(True, "数据库是空的（尚未建立数据表）。")
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        if len(revisions) == 1 and revisions[0] not in known_revisions():
            return Health(False, f"数据库“{path.name}”由更新版本的社区工作台创建，请升级本软件后再打开。")
        structure = schema_problems_of_file(conn)
        if structure:
            more = f"（另有 {len(structure) - 1} 处与程序要求的结构不符）" if len(structure) > 1 else ""
            return Health(False, f"数据库“{path.name}”已损坏：{structure[0]}{more}。", tuple(structure))
        if full if audit_chain is None else audit_chain:
            changed = problem_of_file(conn, path)
            if changed:
                return Health(False, changed, kind=AUDIT_LOG)
    except sqlite3.OperationalError as exc:
        return _not_damage(exc, path) or Health(False, f"数据库“{path.name}”已损坏或不完整：{exc}。")
    except sqlite3.DatabaseError as exc:
        return Health(False, f"数据库“{path.name}”已损坏或不完整：{exc}。")
    except UnicodeDecodeError:
        return Health(False, f"数据库“{path.name}”已损坏：数据库结构中有无法读取的内容。")
    finally:
        conn.close()
    return Health(True, "数据库完好。" if full else "数据库快速检查通过。")


def _not_damage(exc: sqlite3.Error, path: Path) -> Health | None:
    """A file SQLite cannot read now for a reason that is not damage: held by another program,
    a read-only folder (a WAL database needs to write its -shm file even to be read), a full
    disk, a failing drive. Said as what it is, so nobody restores a healthy file."""
    kind = storage_kind(exc)
    if kind is None and not is_writable(path):
        kind = READ_ONLY
    if kind in STORAGE_PROBLEMS:
        return Health(False, sentence(kind, path.name), kind=kind)
    return None


def explain_failure(exc: BaseException, path: Path) -> str:
    """Why reading or writing the database failed, in one sentence: a storage problem as what it
    is; otherwise, when the file fails its check (a table dropped by hand: "no such table"), the
    check's sentence naming what is wrong; else the error's own first line (db.storage_errors)."""
    kind = storage_kind(exc)
    if kind not in STORAGE_PROBLEMS:
        health = check_file(path)
        if not health.ok:
            return health.message
    return explain(exc, path)


def record_counts(path: Path) -> dict[str, int]:
    """Live records per register, for the list of backups ("党员 300, 网格员 20, …")."""
    counts: dict[str, int] = {}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return counts
    try:
        for table, label in COUNTED.items():
            try:
                counts[label] = conn.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
            except sqlite3.Error:
                pass
    finally:
        conn.close()
    return counts


COUNTED = {"party_members": "党员", "grid_workers": "网格员", "mediation_cases": "调解案件", "volunteers": "志愿者",
           "service_logs": "服务记录"}


def _problem_lines(problem: str) -> list[str]:
    """SQLite's check answers one row per problem, but a row may hold several lines headed by
    "*** in database main ***"; the message is one line, so it names the first real problem."""
    lines = [line.strip() for line in problem.splitlines() if line.strip() and not line.startswith("***")]
    return lines or [" ".join(problem.split())]
