"""A safe start: each kind of bad file is named and the latest good backup offered; another copy's lock stops it."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db.backup import backup_database, default_backup_dir
from db.database import Database, open_database
from db.lock import lock_path
from db.models import AuditEntry, PartyMember
from desktop.safety.folders import backup_folders, remember_folder
from desktop.safety.recovery_dialog import RecoveryDialog
from desktop.safety.startup import Problem, diagnose, latest_good_backup, open_for_window, try_open
from tests.db.test_backup import add_member
from tests.desktop.safety.boxes import Seen, answer_message_box
from tests.qt_dialogs import handle_next_dialog

# The start's check of the .sqlite3 file (damaged, truncated, not a database) and its lock file:
# a server has neither.
pytestmark = pytest.mark.sqlite_only

T0 = datetime(2026, 11, 25, 14, 5, 0)


def members(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(PartyMember)) or 0


@pytest.fixture
def backed_up(db: Database, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A database of 30 members, closed, with a good backup on a 'USB drive' (remembered) and a
    newer backup beside the database that is damaged: the good one must be the one offered."""
    for i in range(30):
        add_member(db, "张" + "一二三四五六七八九十"[i % 10] + "甲乙丙"[i // 10], f"{i:03d}")
    usb = tmp_path / "usb"
    good = backup_database(db.path, usb, at=T0).path
    remember_folder(usb)
    broken = backup_database(db.path, default_backup_dir(db.path), at=T0 + timedelta(days=1)).path
    data = broken.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    db.close()
    yield db.path, good


def spoil(path: Path, kind: str) -> sqlite3.Connection | None:
    """Turn the database file into one of the bad files the office meets; a held connection for 'busy'."""
    data = path.read_bytes()
    if kind == "damaged":
        spoilt = bytearray(data)
        spoilt[4096: 4096 + 12_000] = os.urandom(12_000)  # the pages right after the header page
        path.write_bytes(bytes(spoilt))
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "not_sqlite":
        path.write_bytes(b"PK\x03\x04 an .xlsx saved under the database's name")
    elif kind == "foreign":
        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE contacts (name)")
        conn.close()
    elif kind == "newer":
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.close()
    elif kind == "busy":
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        return holder
    return None


@pytest.mark.parametrize(("kind", "words"), [
    ("damaged", "损坏"), ("truncated", "损坏"), ("not_sqlite", "不是 SQLite 数据库"),
    ("foreign", "其他程序"), ("newer", "更新版本"), ("busy", "独占"),
])
def test_each_bad_file_is_named_and_the_latest_good_backup_offered(backed_up: tuple[Path, Path], kind: str,
                                                                   words: str) -> None:
    path, good = backed_up
    holder = spoil(path, kind)
    try:
        problem = try_open(path)
        assert isinstance(problem, Problem), f"{kind} was opened"
        assert words in problem.reason
        assert problem.kind == ("damaged" if kind == "truncated" else kind)
        assert problem.upgrade == (kind == "newer")
        assert problem.can_restore == (kind != "busy")  # a file another program holds is not replaced
        folders = backup_folders(path)
        assert folders[0] == (path.parent / "usb").absolute() and default_backup_dir(path).absolute() in folders
        latest = latest_good_backup(folders)
        assert latest is not None and latest.path == good  # the newer, damaged backup is passed over
    finally:
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()


def test_a_good_or_missing_file_is_no_problem(db: Database, tmp_path: Path) -> None:
    assert diagnose(db.path) is None and diagnose(tmp_path / "new.sqlite3") is None
    opened = try_open(tmp_path / "new.sqlite3")
    assert isinstance(opened, Database)
    opened.close()
    assert latest_good_backup([tmp_path / "nowhere"]) is None


def test_a_damaged_file_is_replaced_by_the_offered_backup_end_to_end(qtbot, backed_up: tuple[Path, Path]) -> None:
    path, good = backed_up
    spoil(path, "damaged")
    shown: dict[str, str] = {}

    def restore(dialog: RecoveryDialog) -> None:
        shown["reason"] = dialog.reason_label.text()
        shown["backup"] = dialog.backup_label.text()
        dialog.restore_button.click()

    handle_next_dialog(RecoveryDialog, restore)
    opened = open_for_window(path)
    assert opened is not None
    try:
        assert "损坏" in shown["reason"]
        assert "2026年11月25日 14:05" in shown["backup"] and "党员 30" in shown["backup"] and "usb" in shown["backup"]
        assert members(opened.db) == 30 and opened.restored_from == good
        assert opened.lock.held and lock_path(path).exists()
        assert list(path.parent.glob("*.damaged-*"))  # the bad file is kept aside for whoever looks into it
        with opened.db.session() as s:
            assert s.scalars(select(AuditEntry).where(AuditEntry.action == "restore_backup")).one()
    finally:
        opened.close()
    assert not lock_path(path).exists()


def test_quit_opens_nothing_and_releases_the_lock(qtbot, backed_up: tuple[Path, Path]) -> None:
    path, _good = backed_up
    spoil(path, "newer")
    shown: dict[str, str] = {}

    def quit_(dialog: RecoveryDialog) -> None:
        shown["advice"] = dialog.advice_label.text()
        shown["restore"] = str(dialog.restore_button.isEnabled())
        dialog.quit_button.click()

    handle_next_dialog(RecoveryDialog, quit_)
    assert open_for_window(path) is None
    assert "newer version" in shown["advice"] and shown["restore"] == "True"
    assert not lock_path(path).exists()


def test_another_copy_holding_the_database_is_named_and_the_start_stops(qtbot, db: Database) -> None:
    lock_path(db.path).write_text('{"computer": "OTHER-PC\\\\wang", "pid": 1, "opened_at": "2026-12-01 08:00"}',
                                  encoding="utf-8")
    seen: list[Seen] = []
    answer_message_box(QMessageBox.StandardButton.Ok, seen)
    assert open_for_window(db.path) is None
    assert "OTHER-PC" in seen[0].text and "wang" in seen[0].text and "2026-12-01 08:00" in seen[0].text
    assert lock_path(db.path).exists()  # someone else's lock is left alone


def test_a_new_database_is_simply_created(qtbot, tmp_path: Path) -> None:
    opened = open_for_window(tmp_path / "first" / "community_desk.sqlite3")
    assert opened is not None
    assert members(opened.db) == 0 and opened.restored_from is None
    opened.close()
    reopened = open_database(tmp_path / "first" / "community_desk.sqlite3")
    reopened.close()


def test_choose_another_backup_goes_through_the_restore_list(qtbot, backed_up: tuple[Path, Path]) -> None:
    from desktop.safety.restore_dialog import RestoreDialog

    path, good = backed_up
    spoil(path, "truncated")
    folders = backup_folders(path)
    problem = try_open(path)
    assert isinstance(problem, Problem)
    dialog = RecoveryDialog(path, problem, latest_good_backup(folders), folders)
    qtbot.addWidget(dialog)
    seen: list[Seen] = []

    def choose(restore: RestoreDialog) -> None:
        rows = [restore.table.item(r, 0).text() for r in range(restore.table.rowCount())]
        assert rows == ["2026年11月26日 14:05", "2026年11月25日 14:05"]  # the damaged one is listed, too
        restore.table.selectRow(1)
        answer_message_box(QMessageBox.StandardButton.Yes, seen)
        restore.restore_button.click()

    handle_next_dialog(RestoreDialog, choose)
    dialog.choose_button.click()
    assert dialog.action == "restore" and dialog.backup == good and len(seen) == 1


def test_a_file_another_program_holds_is_not_replaced_but_tried_again(qtbot, backed_up: tuple[Path, Path]) -> None:
    path, _good = backed_up
    holder = spoil(path, "busy")
    try:
        problem = try_open(path)
        assert isinstance(problem, Problem)
        folders = backup_folders(path)
        dialog = RecoveryDialog(path, problem, latest_good_backup(folders), folders)
        qtbot.addWidget(dialog)
        assert not dialog.restore_button.isEnabled() and not dialog.choose_button.isEnabled()
        assert dialog.retry_button.isDefault() and "Try again" in dialog.advice_label.text()
        assert "2026年11月25日 14:05" in dialog.backup_label.text()  # still said where the good copy is
    finally:
        assert holder is not None
        holder.execute("ROLLBACK")
        holder.close()
    opened = open_for_window(path)  # the other program is done: it simply opens
    assert opened is not None
    opened.close()


@pytest.mark.parametrize("kind", ["read_only", "disk_full", "busy", "io_error"])
def test_what_is_not_damage_offers_no_restore(kind: str) -> None:
    from db.storage_errors import sentence
    from desktop.safety.startup import _kind

    reason = sentence(kind, "community.sqlite3")
    problem = Problem(reason, _kind(reason))
    assert problem.kind == kind and not problem.can_restore
    assert "损坏" not in reason or "没有损坏" in reason
