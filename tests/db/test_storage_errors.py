"""Storage errors said as what they are: SQLite's real errors (a read-only connection, a
database that cannot grow, a lock held by another connection) are not called damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from db.database import Database
from db.storage_errors import BUSY, DISK_FULL, READ_ONLY, explain, storage_kind


def _error(run) -> BaseException:  # type: ignore[no-untyped-def]
    with pytest.raises((sqlite3.Error, OperationalError)) as caught:
        run()
    return caught.value


@pytest.mark.sqlite_only  # SQLite's own error on a file opened read-only
def test_a_read_only_database_is_not_damaged(db: Database) -> None:
    reader = sqlite3.connect(f"{db.path.resolve().as_uri()}?mode=ro", uri=True)
    exc = _error(lambda: reader.execute("UPDATE persons SET notes = 'x'"))
    reader.close()
    assert storage_kind(exc) == READ_ONLY
    message = explain(exc, db.path)
    assert "只读" in message and "没有损坏" in message and "Error" not in message


def test_a_full_disk_through_sqlalchemy_is_said_so(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'small.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x BLOB)"))
    with engine.connect() as conn:
        conn.execute(text("PRAGMA max_page_count = 3"))  # SQLite's own "database or disk is full"
        exc = _error(lambda: conn.execute(text("INSERT INTO t VALUES (zeroblob(100000))")))
    engine.dispose()
    assert isinstance(exc, OperationalError) and storage_kind(exc) == DISK_FULL
    assert explain(exc).startswith("磁盘已满") and "OperationalError" not in explain(exc)


@pytest.mark.sqlite_only  # SQLite's file lock, held by another connection to the file
def test_a_lock_held_elsewhere_is_waited_for_then_said(db: Database) -> None:
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    writer = sqlite3.connect(db.path, timeout=0.1)
    try:
        exc = _error(lambda: writer.execute("UPDATE persons SET notes = 'x'"))
    finally:
        writer.close()
        holder.execute("ROLLBACK")
        holder.close()
    assert storage_kind(exc) == BUSY and "正被其他程序" in explain(exc, db.path)


def test_other_errors_keep_their_own_words() -> None:
    assert storage_kind(ValueError("x")) is None and explain(ValueError("坏了\n第二行")) == "坏了"
    assert explain(RuntimeError()) == "未知错误"
