"""Backups of a database on a PostgreSQL server: pg_dump into the backup folder, and restore.

A backup is `pg_dump --format=custom` of one consistent moment: the program opens a REPEATABLE
READ transaction, exports its snapshot, counts the registers and reads the operation log's head
in it, and pg_dump dumps that same snapshot. The dump is written under a .part name in a scratch
folder of the backup folder (db.backup's, so a killed run leaves a folder clean_leftovers knows),
verified — `pg_restore --list` reads its table of contents, then a full read of every entry
(`pg_restore -f -`, discarded), which a file cut short fails where --list alone does not — and
only then renamed to `<database>-YYYYmmdd-HHMMSS.dump`. The folder's manifest gets the same line
as a SQLite backup (counts, log head), and the oldest dumps beyond `keep` go (db.backup.prune).

A restore first checks the dump the same way and that it is a Community Desk database this
version knows, then dumps the current state (the safety backup, never pruned by its own
restore), then replaces the schema's contents in ONE transaction of psql: everything in the
schema dropped, the dump's SQL (pg_restore, no owners or rights) run, COMMIT sent only when
pg_restore read the whole dump. Any failure — a refused drop, a broken dump, a lost connection —
rolls back: the database stays as it was, in use. The roles' rights are granted afresh after it
(db.server_roles). Only the database's owner may restore (the roles may not drop tables).

The password goes to the tools in the environment (PGPASSWORD), never on their command line,
where other users of the PC could read it. The tools come from PATH, the folder in
CD_PG_BIN, or (Windows) Program Files\\PostgreSQL\\<version>\\bin, newest first.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from db import location
from db.backup import (
    DEFAULT_KEEP,
    BackupError,
    BackupInfo,
    _append_manifest,
    _disk_message,
    _scratch,
    clean_leftovers,
    list_backups,
    prune,
)
from db.health import COUNTED

SUFFIX = ".dump"
TOOLS_ENV = "CD_PG_BIN"  # a folder holding pg_dump, pg_restore and psql, when they are not on PATH
CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT = "60s"  # a restore waits this long for the window's transactions, then gives up (rolled back)
UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')


class ServerBackupError(BackupError):
    """str() is one Chinese sentence for the user."""


# --- the tools ----------------------------------------------------------------------------------------


def _candidates(name: str) -> list[Path]:
    exe = f"{name}.exe" if sys.platform == "win32" else name
    found: list[Path] = []
    if os.environ.get(TOOLS_ENV):
        found.append(Path(os.environ[TOOLS_ENV]) / exe)
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    roots = ([Path(os.environ.get(v, "")) / "PostgreSQL" for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
              if os.environ.get(v)] if sys.platform == "win32" else [Path("/usr/lib/postgresql")])
    for root in roots:
        try:
            versions = sorted((p for p in root.iterdir() if p.is_dir()), key=_version_key, reverse=True)
        except OSError:
            continue
        found.extend(v / "bin" / exe for v in versions)
    return found


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", folder.name)) or (0,)


def find_tool(name: str) -> Path:
    """pg_dump, pg_restore or psql; ServerBackupError saying what to install when it is missing."""
    for candidate in _candidates(name):
        if candidate.is_file():
            return candidate
    raise ServerBackupError(f"这台电脑上找不到 PostgreSQL 的 {name} 程序：请安装 PostgreSQL（与服务器同一版本或更新），"
                            f"或把它的 bin 文件夹加入 PATH（也可设环境变量 {TOOLS_ENV}）。")


def _conninfo(url: URL) -> str:
    """The libpq connection string for `url`, without its password."""
    parts: dict[str, str] = {"dbname": str(url.database)}
    if url.host:
        parts["host"] = url.host
    if url.port:
        parts["port"] = str(url.port)
    if url.username:
        parts["user"] = url.username
    for key, value in url.query.items():
        if key != "password":
            parts[key] = value if isinstance(value, str) else value[0]
    parts.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    parts.setdefault("application_name", "community-desk-backup")
    return " ".join(f"{k}='{_escape(v)}'" for k, v in parts.items())


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _env(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    env.setdefault("PGCLIENTENCODING", "UTF8")
    return env


_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashing up over the window


def _run(args: list[str], url: URL | None = None, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, env=_env(url) if url is not None else None, stdin=subprocess.DEVNULL, stdout=stdout,
                          stderr=subprocess.PIPE, creationflags=_NO_WINDOW, check=False)


_TOOL_PREFIX = re.compile(r"^(?:(?:pg_dump|pg_restore|psql)(?::[^:\s]*:\d+)?:\s*)?"  # psql:<stdin>:12:
                          r"(?:(?:error|fatal|错误|ERROR|FATAL):\s*)*")


def _first_line(stderr: bytes | str) -> str:
    said = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [_TOOL_PREFIX.sub("", line.strip()) for line in said.splitlines() if line.strip()]
    errors = [line for line in lines if re.search(r"\b(ERROR|FATAL|error|错误)\b", line)]
    important = errors or [line for line in lines if not line.lower().startswith(("detail", "hint", "warning",
                                                                                    "notice"))]
    return (important or lines or ["未知错误"])[0][:200]


def _explain(stderr: bytes | str, shown: str) -> str:
    said = _first_line(stderr)
    lower = said.lower()
    if "version mismatch" in lower:
        return (f"这台电脑上的 PostgreSQL 工具比服务器旧（{said}），请安装与服务器同一版本或更新的 PostgreSQL。")
    if "password authentication failed" in lower or "no password supplied" in lower:
        return f"无法登录数据库服务器“{shown}”：用户名或密码不对（密码可写在地址中，或设环境变量 PGPASSWORD）。"
    if "could not connect" in lower or "connection to server" in lower or "timeout expired" in lower:
        return f"无法连接数据库服务器“{shown}”：请检查网络和服务器是否开着（{said}）。"
    if "lock timeout" in lower:
        return "数据库正被其他电脑使用（有未结束的操作），请稍后再试，或先关闭其他电脑上的社区工作台。"
    if "permission denied" in lower or "must be owner" in lower:
        return f"当前登录名无权这样做（{said}）。"
    if "no space left" in lower:
        return "磁盘已满，请清理空间或换一个备份位置。"
    return said


# --- where and how many -------------------------------------------------------------------------------


def server_url(where: str | URL) -> URL:
    url = where if isinstance(where, URL) else location.parse(where)
    if not isinstance(url, URL):
        raise ServerBackupError(f"“{where}”不是服务器上的数据库地址。")
    return url


def stem_of(url: URL) -> str:
    """The backups' file name before the time: the database's name, safe on every file system."""
    return UNSAFE_IN_NAME.sub("_", str(url.database)).strip("._") or "database"


def default_folder(url: URL) -> Path:
    """Where a server database's backups go when none is set: this PC's data folder, per server."""
    from db.database import default_db_path

    return default_db_path().parent / "server-backups" / UNSAFE_IN_NAME.sub("_", location.display_name(url))


@dataclass(frozen=True)
class Settings:
    folder: Path
    keep: int


def settings_of(url: URL) -> Settings:
    """The backup folder and copies to keep set in the database (office settings), else the
    defaults. Read straight, with no schema upgrade: a backup comes before any change."""
    from db.data_settings import KEEP_RANGE

    values: dict[str, str] = {}
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        with engine.connect() as conn:
            if conn.exec_driver_sql("SELECT to_regclass('office_settings') IS NOT NULL").scalar():
                for key, value in conn.execute(text("SELECT key, value FROM office_settings "
                                                    "WHERE key IN ('backup_folder', 'backup_keep') AND value <> ''")):
                    values.setdefault(str(key), str(value))
    except DBAPIError:
        pass  # the defaults: the backup itself says what is wrong with the connection
    finally:
        engine.dispose()
    keep = int(values["backup_keep"]) if values.get("backup_keep", "").isdigit() else DEFAULT_KEEP
    keep = keep if KEEP_RANGE[0] <= keep <= KEEP_RANGE[1] else DEFAULT_KEEP
    return Settings(Path(values["backup_folder"]) if values.get("backup_folder") else default_folder(url), keep)


def list_server_backups(folder: Path, where: str | URL) -> list[BackupInfo]:
    """The server database's dumps in the folder, newest first (counts from the manifest)."""
    return list_backups(folder, with_counts=True, suffix=SUFFIX, stem=stem_of(server_url(where)))


# --- what the database holds --------------------------------------------------------------------------


def _counts(conn: Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table, label in COUNTED.items():
        if conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}).scalar():
            counts[label] = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")
                                .scalar_one())
    return counts


def _head(conn: Connection) -> dict[str, Any] | None:
    """The operation log's head as db.audit_chain.Head.as_json has it (None: no log, or empty)."""
    has_chain = conn.exec_driver_sql("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                     "current_schema() AND table_name = 'audit_log' AND column_name = 'entry_hash'")
    if not has_chain.scalar():
        return None
    row = conn.exec_driver_sql("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").first()
    if row is None:
        return None
    entries = conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar_one()
    return {"last_id": int(row[0]), "hash": str(row[1] or ""), "entries": int(entries)}


def _manifest(kind: str, url: URL, file: Path, size: int, counts: dict[str, int],
              head: dict[str, Any] | None) -> dict[str, Any]:
    return {"kind": kind, "database": location.display_name(url), "file": file.name,
            "recorded_at": datetime.now().isoformat(), "size": size, "counts": counts, "audit_log": head}


# --- backup -------------------------------------------------------------------------------------------


def backup_server(where: str | URL, folder: Path, *, keep: int = DEFAULT_KEEP,
                  at: datetime | None = None) -> BackupInfo:
    """Dump the server database into `folder`, verify the dump, keep `keep` of them. Raises
    ServerBackupError (nothing half-written is left in the folder)."""
    url = server_url(where)
    shown = location.shown(url)
    pg_dump, pg_restore = find_tool("pg_dump"), find_tool("pg_restore")
    at = at or datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServerBackupError(_disk_message(exc, folder)) from exc
    stem = stem_of(url)
    target = folder / f"{stem}-{at:%Y%m%d-%H%M%S}{SUFFIX}"
    n = 2
    while target.exists():
        target = folder / f"{stem}-{at:%Y%m%d-%H%M%S}-{n}{SUFFIX}"
        n += 1
    clean_leftovers(folder)
    engine = create_engine(url, poolclass=NullPool, isolation_level="REPEATABLE READ",
                           connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        with engine.connect() as conn, conn.begin():  # held open while pg_dump reads its snapshot
            snapshot = str(conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one())
            counts, head = _counts(conn), _head(conn)
            with _scratch(folder, "backup") as landing:
                part = landing / (target.name + ".part")
                done = _run([str(pg_dump), "--format=custom", "--no-password", f"--snapshot={snapshot}",
                             f"--file={part}", f"--dbname={_conninfo(url)}"], url)
                if done.returncode != 0:
                    raise ServerBackupError(f"备份失败：{_explain(done.stderr, shown)}")
                problem = dump_problem(part, pg_restore)
                if problem:
                    raise ServerBackupError(f"备份未通过校验，未保存：{problem}")
                size = part.stat().st_size
                os.replace(part, target)
    except DBAPIError as exc:
        said = _first_line(str(exc.orig))
        raise ServerBackupError(f"备份失败：无法读取服务器上的数据库“{shown}”（{said}）。") from exc
    except OSError as exc:
        raise ServerBackupError(_disk_message(exc, folder)) from exc
    finally:
        engine.dispose()
    with contextlib.suppress(OSError):  # the dump is in place; only its counts and head are not noted
        _append_manifest(folder, _manifest("backup", url, target, size, counts, head) | {"taken_at": at.isoformat()})
    prune(folder, keep, suffix=SUFFIX, stem=stem)
    return BackupInfo(target, at.replace(microsecond=0), size, counts)


def dump_problem(path: Path, pg_restore: Path | None = None) -> str | None:
    """None when `path` is a whole custom-format dump: its table of contents lists (pg_restore
    --list) and every entry reads back (a file cut short lists, but does not read); else why not."""
    pg_restore = pg_restore or find_tool("pg_restore")
    listed = _run([str(pg_restore), "--list", str(path)])
    if listed.returncode != 0:
        return f"“{path.name}”不是完整的数据库备份（{_first_line(listed.stderr)}）。"
    if b" TABLE " not in listed.stdout:
        return f"“{path.name}”里没有任何数据表。"
    with tempfile.TemporaryFile() as sink:  # the whole dump read and thrown away
        read = _run([str(pg_restore), "--file=-", str(path)], stdout=sink)
    if read.returncode != 0:
        return f"“{path.name}”不完整或已损坏（{_first_line(read.stderr)}）。"
    return None


def dump_revision(path: Path, pg_restore: Path | None = None) -> str | None:
    """The schema revision (alembic_version) a dump holds; None when it holds none."""
    pg_restore = pg_restore or find_tool("pg_restore")
    done = _run([str(pg_restore), "--data-only", "--table=alembic_version", "--file=-", str(path)])
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            value = lines[i + 1].strip() if i + 1 < len(lines) else ""
            return value if value and value != "\\." else None
    return None


# --- restore ------------------------------------------------------------------------------------------

_EMPTY_SCHEMA = """
DO $cd$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass::text AS name, c.relkind FROM pg_class c
           WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           ORDER BY c.relkind <> 'r'
  LOOP
    EXECUTE 'DROP ' || CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                     WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END
            || ' IF EXISTS ' || r.name || ' CASCADE';
  END LOOP;
  FOR r IN SELECT t.oid::regtype::text AS name FROM pg_type t
           WHERE t.typnamespace = current_schema()::regnamespace
             AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class
                                                                   WHERE oid = t.typrelid) = 'c'))
  LOOP
    EXECUTE 'DROP TYPE IF EXISTS ' || r.name || ' CASCADE';
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure::text AS name FROM pg_proc p
           WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE 'DROP FUNCTION IF EXISTS ' || r.name || ' CASCADE';
  END LOOP;
END
$cd$;
"""


def restore_server(where: str | URL, dump: Path, folder: Path, *, keep_safety: int = 10**6) -> BackupInfo:
    """Replace the server database's contents with the dump, after a safety backup of the current
    state into `folder` (returned). Raises ServerBackupError; on any failure the database is as it
    was (one transaction)."""
    from alembic.script import ScriptDirectory

    from db import server_roles
    from db.database import alembic_config

    url = server_url(where)
    shown = location.shown(url)
    pg_restore, psql = find_tool("pg_restore"), find_tool("psql")
    find_tool("pg_dump")
    if not dump.is_file():
        raise ServerBackupError(f"找不到备份文件“{dump}”。")
    problem = dump_problem(dump, pg_restore)
    if problem:
        raise ServerBackupError(f"不能用这个备份恢复：{problem}")
    revision = dump_revision(dump, pg_restore)
    if revision is None:
        raise ServerBackupError(f"不能用这个备份恢复：“{dump.name}”不是社区工作台的数据库备份（没有数据库版本）。")
    if revision not in {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}:
        raise ServerBackupError(f"不能用这个备份恢复：“{dump.name}”由更新版本的社区工作台制作（版本 {revision}），"
                                "请先升级本软件。")
    engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        try:
            with engine.connect() as conn:
                if not server_roles.may_migrate(conn):
                    raise ServerBackupError(f"从备份恢复须用数据库“{url.database}”所有者的地址（server init "
                                            f"用的那个），登录名“{url.username}”无权替换数据表。")
        except DBAPIError as exc:
            raise ServerBackupError(f"无法连接数据库服务器“{shown}”（{_first_line(str(exc.orig))}）。") from exc
        safety = backup_server(url, folder, keep=keep_safety)
        said = _replace_contents(url, dump, pg_restore, psql)
        if said:
            why = _explain(said, shown).rstrip("。")
            raise ServerBackupError(f"恢复失败：{why}。数据库未改动，当前数据已先备份在“{safety.path}”。")
        with engine.begin() as conn:
            if server_roles.installed(conn):
                server_roles.apply_grants(conn)
            counts, head = _counts(conn), _head(conn)
    finally:
        engine.dispose()
    with contextlib.suppress(OSError):
        _append_manifest(folder, _manifest("restore", url, dump, dump.stat().st_size, counts, head))
    return safety


def _replace_contents(url: URL, dump: Path, pg_restore: Path, psql: Path) -> str:
    """Empty the schema and run the dump's SQL in one psql transaction, committed only when
    pg_restore read the whole dump. Returns what went wrong ("" when it was committed)."""
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        client = subprocess.Popen([str(psql), "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1",
                                   f"--dbname={_conninfo(url)}", "-f", "-"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_err,
                                  env=_env(url), creationflags=_NO_WINDOW)
        reader = subprocess.Popen([str(pg_restore), "--no-owner", "--no-privileges", "--file=-", str(dump)],
                                  stdout=subprocess.PIPE, stderr=restore_err, creationflags=_NO_WINDOW)
        assert client.stdin is not None and reader.stdout is not None
        sent = _feed(client.stdin, reader.stdout)
        if not sent:
            reader.kill()
        read_ok = reader.wait() == 0
        if sent:
            with contextlib.suppress(OSError):  # psql stopped at an error: nothing to commit
                client.stdin.write(b"\nCOMMIT;\n" if read_ok else b"\nROLLBACK;\n")
        with contextlib.suppress(OSError):
            client.stdin.close()
        client_ok = client.wait() == 0
        if read_ok and client_ok and sent:
            return ""
        psql_err.seek(0)
        restore_err.seek(0)
        return (psql_err.read() or restore_err.read()).decode("utf-8", "replace") or "备份没有读完"


def _feed(into: IO[bytes], source: IO[bytes]) -> bool:
    """BEGIN, the schema emptied, then the dump's SQL as pg_restore writes it. False when psql
    stopped taking it (it hit an error and quit: the transaction is rolled back)."""
    try:
        into.write(f"SET client_min_messages = warning;\nBEGIN;\nSET LOCAL lock_timeout = '{LOCK_TIMEOUT}';\n"
                   f"{_EMPTY_SCHEMA}".encode())
        while chunk := source.read(1 << 16):
            into.write(chunk)
        into.flush()
        return True
    except OSError:  # BrokenPipeError
        return False
