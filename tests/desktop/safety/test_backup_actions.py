"""Back up now, at opening and at closing: verified files, audit entries, cancel and full disks leave nothing."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import IO

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QStatusBar, QWidget
from sqlalchemy import select

from db.backup import BackupInfo, default_backup_dir, list_backups
from db.database import Database
from db.health import check_file
from db.models import AuditEntry
from desktop.safety.backup_actions import back_up_at_opening, back_up_in_background, back_up_on_close, run_backup
from desktop.safety.folders import remembered_folders
from tests.db.test_backup import FullDisk, add_member
from tests.desktop.safety.boxes import Seen, answer_message_box

# Backups of the .sqlite3 file (SQLite's backup API, the folder beside it); a server's are
# pg_dump's, tested in tests/db/test_server_backup.py.
pytestmark = pytest.mark.sqlite_only

OK = QMessageBox.StandardButton.Ok


def backup_entries(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "backup")))


def leftovers(db: Database) -> list[Path]:
    """Anything a backup may leave behind: files in the backup folder, scratch folders beside the database."""
    folder = default_backup_dir(db.path)
    return [*(folder.iterdir() if folder.exists() else []), *db.path.parent.glob("community-desk-backup-*")]


def pad(db: Database, megabytes: int) -> None:
    """Make the file large enough that a backup takes many steps."""
    with sqlite3.connect(db.path) as conn:
        conn.execute("CREATE TABLE padding (x BLOB)")
        conn.executemany("INSERT INTO padding VALUES (?)", [(os.urandom(1 << 20),) for _ in range(megabytes)])


def full_disk(path: Path) -> IO[bytes]:
    return FullDisk(path)  # type: ignore[return-value]


def test_back_up_now_writes_a_verified_file_logs_it_and_remembers_the_folder(qtbot, db: Database) -> None:
    add_member(db, "张三", "131")
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[Seen] = []
    results: list[BackupInfo | None] = []
    answer_message_box(OK, seen)
    back_up_in_background(parent, db, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    info = results[0]
    assert info is not None and check_file(info.path, full=True).ok
    assert list_backups(default_backup_dir(db.path), with_counts=True)[0].counts["党员"] == 1
    assert seen[0].title == "Backed up" and info.path.name in seen[0].text
    assert "KB)" in seen[0].text or "MB)" in seen[0].text
    [entry] = backup_entries(db)
    assert entry.username == db.actor.username and info.path.name in entry.summary
    assert remembered_folders() == [default_backup_dir(db.path).absolute()]


def test_a_backup_cancelled_before_it_starts_leaves_nothing(db: Database) -> None:
    with pytest.raises(InterruptedError):
        run_backup(db, default_backup_dir(db.path), 30, "manual", cancelled=lambda: True)
    assert leftovers(db) == [] and backup_entries(db) == []


class HeldWriter:
    """A writer that, at its first chunk, waits until the test has pressed Cancel (so the cancel lands mid-copy)."""

    def __init__(self, path: Path, writing: threading.Event, go_on: threading.Event) -> None:
        self.file = path.open("wb")
        self.writing, self.go_on = writing, go_on

    def write(self, data: bytes) -> int:
        self.writing.set()
        self.go_on.wait(10)
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()

    def fileno(self) -> int:
        return self.file.fileno()

    def __enter__(self) -> HeldWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def test_cancel_in_the_progress_dialog_leaves_nothing(qtbot, db: Database) -> None:
    pad(db, 3)  # more than one chunk of the copy to the backup folder
    parent = QWidget()
    qtbot.addWidget(parent)
    writing, go_on = threading.Event(), threading.Event()
    results: list[BackupInfo | None] = []
    seen: list[Seen] = []
    answer_message_box(OK, seen, within_ms=3000)  # none should open: a cancel is not reported as an error
    job = back_up_in_background(parent, db, on_done=results.append,
                                opener=lambda path: HeldWriter(path, writing, go_on))  # type: ignore[arg-type,return-value]
    qtbot.waitUntil(writing.is_set, timeout=20_000)
    assert list(default_backup_dir(db.path).rglob("*.part"))  # the copy is half-way (in its scratch folder)
    parent.findChild(QProgressDialog, "backup_progress").findChild(QPushButton).click()  # its Cancel button
    go_on.set()
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(results))
    assert results == [None] and leftovers(db) == [] and backup_entries(db) == [] and seen == []
    assert remembered_folders() == []


def test_a_full_disk_is_explained_and_leaves_nothing(qtbot, db: Database) -> None:
    add_member(db, "张三", "131")
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[Seen] = []
    results: list[BackupInfo | None] = []
    answer_message_box(OK, seen)
    back_up_in_background(parent, db, on_done=results.append, opener=full_disk)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    assert results == [None]
    assert seen[0].title == "Not backed up" and "磁盘已满" in seen[0].text
    assert [p for p in leftovers(db) if p.is_file()] == [] and backup_entries(db) == []


def test_the_opening_backup_runs_once_a_day_with_word_in_the_status_bar(qtbot, db: Database) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    job = back_up_at_opening(db, bar)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert "Backed up automatically" in bar.currentMessage()
    assert len(list_backups(default_backup_dir(db.path))) == 1
    assert back_up_at_opening(db, bar) is None  # today's backup is there
    assert "打开时自动备份" in backup_entries(db)[0].summary


def test_the_closing_backup_blocks_briefly_and_never_raises(qtbot, db: Database) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    back_up_on_close(parent, db)
    assert len(list_backups(default_backup_dir(db.path))) == 1
    back_up_on_close(parent, db)  # nothing written since: no second copy of the same data
    assert len(list_backups(default_backup_dir(db.path))) == 1
    add_member(db, "张三", "131")
    seen: list[Seen] = []
    answer_message_box(OK, seen)
    back_up_on_close(parent, db, opener=full_disk)  # shown, not raised
    assert "磁盘已满" in seen[0].text
    assert len(list_backups(default_backup_dir(db.path))) == 1
    db.close()
    db.path.unlink()
    db.path.write_bytes(b"not a database at all")
    answer_message_box(OK, seen)
    back_up_on_close(parent, db)  # even a database that went bad under the window
    assert len(seen) == 2


def test_the_closing_backup_waits_for_the_opening_one(qtbot, db: Database) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    job = back_up_at_opening(db, bar)
    assert job is not None
    back_up_on_close(None, db)
    assert not job.is_running() or job.wait(5000)
    assert len(list_backups(default_backup_dir(db.path))) == 1  # the opening one; nothing changed after it
    assert [e.summary[:7] for e in backup_entries(db)] == ["打开时自动备份"]


def test_a_failed_opening_backup_is_said_in_the_status_bar(qtbot, db: Database, tmp_path: Path) -> None:
    from db.office import set_setting

    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    with db.session() as s, s.begin():
        set_setting(s, "backup_folder", str(a_file / "backups"))  # a folder that can never be made
    bar = QStatusBar()
    qtbot.addWidget(bar)
    job = back_up_at_opening(db, bar)
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=20_000):
        pass
    assert "The automatic backup failed" in bar.currentMessage() and "备份失败" in bar.currentMessage()
    assert backup_entries(db) == [] and remembered_folders() == []
