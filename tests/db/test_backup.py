"""Backups (verified, pruned, refused cleanly on a full disk), restore, health checks, the lock."""

from __future__ import annotations

import errno
import json
import os
import random
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import func, select

from db.backup import (
    MANIFEST,
    BackupError,
    backup_database,
    backup_due,
    list_backups,
    read_manifest,
    restore_database,
)
from db.database import Database, DatabaseOpenError, open_database
from db.health import check_file
from db.lock import DatabaseLock, DatabaseLocked, lock_path
from db.members import MemberInput, save_member
from db.models import PartyMember
from db.people import PersonFields
from tests.db.test_members import make_id

# Backups, restores, checks and the lock of a .sqlite3 file: a server's are pg_dump's
# (tests/db/test_server_backup.py) and it has no lock file.
pytestmark = pytest.mark.sqlite_only

T0 = datetime(2026, 12, 1, 9, 0, 0)


def add_member(db: Database, name: str, serial: str) -> None:
    with db.session() as s, s.begin():
        save_member(s, MemberInput(PersonFields(name, id_number=make_id("19850312", serial)), org_id=2,
                                   admitted_on="2010-07-01", full_on="2011-07-01"))


def members(path: Path) -> int:
    db = open_database(path)
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(PartyMember)) or 0
    db.close()
    return count


def test_backups_are_whole_verified_counted_and_pruned(db: Database, tmp_path: Path) -> None:
    add_member(db, "张三", "131")
    folder = tmp_path / "备份"
    assert backup_due(folder, T0.date())
    for i in range(4):
        backup_database(db.path, folder, keep=3, at=T0 + timedelta(minutes=i))
    backups = list_backups(folder, with_counts=True)
    assert [b.taken_at for b in backups] == [T0 + timedelta(minutes=i) for i in (3, 2, 1)]  # the oldest went
    assert backups[0].counts["党员"] == 1 and backups[0].size > 0
    assert check_file(backups[0].path, full=True).ok
    assert not backup_due(folder, T0.date()) and backup_due(folder, date(2026, 12, 2))
    assert not list(folder.glob("*.part")) and not list(tmp_path.glob("community-desk-backup-*"))


class FullDisk:
    """A writer that fails like a USB drive running out of space half-way through."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("wb")
        self.written = 0

    def write(self, data: bytes) -> int:
        if self.written + len(data) > 4096:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written += len(data)
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()

    def fileno(self) -> int:
        return self.file.fileno()

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def test_a_full_disk_leaves_no_partial_backup(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    backup_database(db.path, folder, at=T0)

    def opener(path: Path) -> IO[bytes]:
        return FullDisk(path)  # type: ignore[return-value]

    with pytest.raises(BackupError, match="磁盘已满"):
        backup_database(db.path, folder, at=T0 + timedelta(hours=1), opener=opener)
    assert [b.taken_at for b in list_backups(folder)] == [T0]  # the earlier backup is untouched
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST, list_backups(folder)[0].path.name]
    assert len(read_manifest(folder)) == 1  # the failed backup wrote no line


def test_restore_backs_up_the_current_file_first(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    add_member(db, "张三", "131")
    first = backup_database(db.path, folder, at=T0)
    add_member(db, "李四", "222")
    db.close()
    safety = restore_database(db.path, first.path, folder)
    assert members(db.path) == 1
    assert safety is not None and members(safety.path) == 2  # what was there before the restore


def test_a_damaged_backup_is_refused_for_restore(db: Database, tmp_path: Path) -> None:
    add_member(db, "张三", "131")
    bad = tmp_path / "bad-20261201-090000.sqlite3"
    db.close()
    data = db.path.read_bytes()
    bad.write_bytes(data[: len(data) // 3])  # truncated
    with pytest.raises(BackupError, match="不能用这个备份恢复"):
        restore_database(db.path, bad, tmp_path / "backups")
    assert members(db.path) == 1


def test_an_empty_file_or_the_database_itself_is_refused_for_restore(db: Database, tmp_path: Path) -> None:
    """An empty SQLite file passes the integrity check; restoring it would erase every register."""
    empty = tmp_path / "empty-20261201-120000.sqlite3"
    sqlite3.connect(empty).close()
    with pytest.raises(BackupError, match="空的数据库"):
        restore_database(db.path, empty, tmp_path / "safety")
    with pytest.raises(BackupError, match="当前数据库本身"):
        restore_database(db.path, db.path, tmp_path / "safety")
    assert not (tmp_path / "safety").exists()
    assert check_file(db.path).ok


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "空的"),
    (b"PK\x03\x04 this is a zip, an .xlsx chosen by mistake", "不是 SQLite 数据库"),
    (None, "找不到"),
])
def test_check_names_what_is_wrong(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "x.sqlite3"
    if content is not None:
        path.write_bytes(content)
    health = check_file(path)
    assert expected in health.message
    if content == b"":
        assert health.ok
    else:
        assert not health.ok


def test_check_finds_damage_truncation_foreign_and_newer_files(db: Database, tmp_path: Path) -> None:
    for i in range(30):
        add_member(db, "张" + "一二三四五六七八九十"[i % 10] + "甲乙丙"[i // 10], f"{i:03d}")
    db.close()
    data = db.path.read_bytes()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(data[: len(data) // 2])
    assert not check_file(truncated, full=True).ok
    scribbled = tmp_path / "scribbled.sqlite3"
    for seed in range(12):  # (damage that puts bytes that are no text into the check's report, too)
        damaged = bytearray(data)
        damaged[len(data) // 2: len(data) // 2 + 3000] = random.Random(seed).randbytes(3000)
        scribbled.write_bytes(bytes(damaged))
        health = check_file(scribbled, full=True)
        assert not health.ok and ("损坏" in health.message or "不完整" in health.message), seed
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert "其他程序" in check_file(foreign).message
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(data)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    assert "更新版本" in check_file(newer).message
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(newer)
    assert check_file(db.path, full=True).ok


def test_a_locked_database_is_reported_not_waited_on_forever(db: Database, tmp_path: Path) -> None:
    db.close()
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        health = check_file(db.path)
        assert not health.ok and "独占" in health.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_one_running_copy_per_database(db: Database) -> None:
    first = DatabaseLock(db.path).acquire()
    with pytest.raises(DatabaseLocked) as caught:
        DatabaseLock(db.path).acquire()
    host = first.info.computer.split("\\")[0]
    assert host in str(caught.value) and first.info.opened_at in str(caught.value)
    first.release()
    assert not lock_path(db.path).exists()
    stale = {"computer": f"{host}\\old", "pid": 999_999_999, "opened_at": "昨天"}
    lock_path(db.path).write_text(json.dumps(stale, ensure_ascii=False))
    with DatabaseLock(db.path) as taken:  # the copy that wrote it died: taken over
        assert taken.held
    lock_path(db.path).write_text('{"computer": "OTHER-PC\\\\wang", "pid": 1, "opened_at": "2026-12-01 08:00"}')
    with pytest.raises(DatabaseLocked, match="OTHER-PC.*wang.*2026-12-01 08:00"):
        DatabaseLock(db.path).acquire()


def test_a_cancel_at_any_step_leaves_nothing_behind(db: Database, tmp_path: Path) -> None:
    """Cancel on the 1st, 2nd, … question until the backup completes: each stop leaves no file."""
    add_member(db, "张三", "131")
    with sqlite3.connect(db.path) as conn:  # several backup steps of 256 pages and a few 1 MB chunks
        conn.execute("CREATE TABLE padding (x BLOB)")
        conn.executemany("INSERT INTO padding VALUES (?)", [(os.urandom(100_000),) for _ in range(40)])
    folder = tmp_path / "backups"
    stops = 0
    for stop_at in range(1, 100):
        asked = 0

        def cancelled(stop_at: int = stop_at) -> bool:
            nonlocal asked
            asked += 1
            return asked >= stop_at

        try:
            backup_database(db.path, folder, at=T0, cancelled=cancelled)
        except InterruptedError:
            stops += 1
            assert not list(folder.glob("*")) and not list(tmp_path.glob("community-desk-backup-*"))
            continue
        break
    assert stops >= 6  # the snapshot steps, the verification and the chunked copy each asked
    assert [b.taken_at for b in list_backups(folder)] == [T0]
    assert check_file(list_backups(folder)[0].path, full=True).ok
