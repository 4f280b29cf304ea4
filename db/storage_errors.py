"""What SQLite's storage errors mean to an office, in one Chinese sentence.

A healthy database in a read-only folder, on a full disk or held by another program is not
damaged: saying "已损坏或不完整" (or showing `OperationalError: (sqlite3.OperationalError) …`)
sends staff to restore a backup they do not need, and loses the work since that backup. These
are told apart here, by SQLite's own words, for the start-up check, every save and the
command line; only real damage is called damage.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

READ_ONLY = "read_only"
DISK_FULL = "disk_full"
BUSY = "busy"
DAMAGED = "damaged"
IO_ERROR = "io_error"

_KINDS = (  # SQLite's messages (sqlite3 and through SQLAlchemy), most specific first
    ("readonly database", READ_ONLY),
    ("read-only", READ_ONLY),
    ("disk is full", DISK_FULL),
    ("database or disk is full", DISK_FULL),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("busy", BUSY),
    ("malformed", DAMAGED),
    ("no such table", DAMAGED),  # a table or column the program needs is gone: the file was changed by hand
    ("no such column", DAMAGED),
    ("file is not a database", DAMAGED),
    ("file is encrypted or is not a database", DAMAGED),
    ("disk i/o error", IO_ERROR),
)


SERVER_GONE = "server_gone"
SERVER_REFUSED = "server_refused"
SERVER_BUSY = "server_busy"

# PostgreSQL's SQLSTATE classes and codes (psycopg sets .sqlstate), most specific first.
_SERVER_STATES = (("40P01", SERVER_BUSY), ("40001", SERVER_BUSY), ("55P03", SERVER_BUSY),  # deadlock, serial., lock
                  ("42501", SERVER_REFUSED),  # insufficient privilege: the server's GRANTs (db.server_roles)
                  ("08", SERVER_GONE), ("57P", SERVER_GONE))  # connection exceptions, admin/crash shutdown


def server_kind(exc: BaseException) -> str | None:
    """SERVER_GONE, SERVER_REFUSED or SERVER_BUSY for a PostgreSQL failure a person can retry or
    take to the administrator; else None."""
    if getattr(exc, "connection_invalidated", False):
        return SERVER_GONE
    original = getattr(exc, "orig", None) or exc
    if not type(original).__module__.startswith("psycopg"):
        return None
    state = getattr(original, "sqlstate", None) or ""
    found = next((kind for prefix, kind in _SERVER_STATES if state.startswith(prefix)), None)
    if found is None and type(original).__name__ == "OperationalError":
        return SERVER_GONE  # no SQLSTATE: the connection itself failed
    return found


def storage_kind(exc: BaseException) -> str | None:
    """READ_ONLY, DISK_FULL, BUSY, DAMAGED or IO_ERROR for SQLite's storage errors, or a server
    kind (server_kind); else None."""
    original = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's exception
    if not isinstance(original, sqlite3.Error):
        return server_kind(exc)
    text = str(original).lower()
    return next((kind for words, kind in _KINDS if words in text), None)


def is_writable(path: Path) -> bool:
    """Whether the file and its folder (where SQLite keeps its -wal and -shm files) can be written."""
    folder = path.parent if path.parent != Path("") else Path(".")
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def sentence(kind: str, name: str) -> str:
    """The one sentence for a kind of storage problem with the database file `name` ("" when
    the caller does not know it)."""
    db = f"数据库“{name}”" if name else "数据库"
    return {
        READ_ONLY: f"{db}是只读的（文件或所在文件夹不能写入），数据没有损坏；请把它放到可以写入的文件夹，"
                   "或请管理员开放写入权限。",
        DISK_FULL: f"磁盘已满，{db}无法写入，数据没有损坏；请清理磁盘空间后再试。",
        BUSY: f"{db}正被其他程序独占使用，请稍后重试。",
        DAMAGED: f"{db}已损坏或不完整。",
        IO_ERROR: f"读写{db}时出错（磁盘或网络故障），请检查磁盘或 U 盘后重试。",
        SERVER_GONE: "与数据库服务器的连接中断了，这次操作没有写入任何内容；请检查网络后重试。",
        SERVER_REFUSED: "数据库服务器拒绝了这项操作：本机连接服务器所用的账号没有这项权限，没有写入任何内容。",
        SERVER_BUSY: "其他电脑正在修改同一批记录，这次操作没有写入；请稍后重试。",
    }[kind]


def explain(exc: BaseException, path: Path | None = None) -> str:
    """A failed save or read as staff should read it: a storage problem in its sentence,
    anything else as its own first line (no exception class names)."""
    kind = storage_kind(exc)
    if kind is not None:
        return sentence(kind, path.name if path is not None else "")
    original = getattr(exc, "orig", None) or exc
    text = str(original).splitlines()[0] if str(original) else ""
    return text[:300] or "未知错误"
