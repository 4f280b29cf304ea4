"""Restore from the window: the list of backups, asking first, and restore_into (data back, safety copy kept)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db.backup import BackupError, backup_database, default_backup_dir
from db.models import AuditEntry, PartyMember
from db.permissions import Actor
from desktop.common.context import AppContext
from desktop.safety.formatting import backup_date, file_size
from desktop.safety.restore_dialog import RestoreDialog, restore_into
from tests.db.test_backup import add_member
from tests.desktop.safety.boxes import Seen, answer_message_box

# Restoring a .sqlite3 file from its backups; a server's restore is pg_restore's
# (tests/db/test_server_backup.py).
pytestmark = pytest.mark.sqlite_only

T0 = datetime(2026, 11, 25, 14, 5, 0)


def member_count(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(PartyMember)) or 0


def test_restore_into_brings_the_data_back_and_keeps_a_safety_backup(ctx: AppContext) -> None:
    folder = default_backup_dir(ctx.db.path)
    add_member(ctx.db, "张三", "131")
    first = backup_database(ctx.db.path, folder, at=T0)
    add_member(ctx.db, "李四", "222")
    ctx.db.actor = Actor("wang", "admin", user_id=None)
    before = ctx.db
    message = restore_into(ctx, first.path, folder)
    assert ctx.db is not before and ctx.db.actor.username == "wang"
    assert member_count(ctx) == 1
    assert "2026年11月25日 14:05" in message
    safety = [b for b in folder.glob("*.sqlite3") if b != first.path]
    assert len(safety) == 1 and str(safety[0]) in message
    with ctx.db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "restore_backup")).one()
    assert entry.username == "wang" and first.path.name in entry.summary
    assert restore_into(ctx, safety[0], folder)  # and the restore itself can be undone
    assert member_count(ctx) == 2


def test_a_bad_backup_leaves_the_original_open(ctx: AppContext, tmp_path: Path) -> None:
    for i in range(30):
        add_member(ctx.db, "张" + "一二三四五六七八九十"[i % 10] + "甲乙丙"[i // 10], f"{i:03d}")
    whole = backup_database(ctx.db.path, tmp_path / "whole", at=T0)  # the live file's pages are partly in its WAL
    bad = tmp_path / "community-20261125-140500.sqlite3"
    data = whole.path.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError, match="不能用这个备份恢复"):
        restore_into(ctx, bad, tmp_path / "backups")
    assert member_count(ctx) == 30  # ctx.db is open again on the same data


def test_a_clerk_cannot_restore(ctx: AppContext) -> None:
    folder = default_backup_dir(ctx.db.path)
    first = backup_database(ctx.db.path, folder, at=T0)
    add_member(ctx.db, "张三", "131")
    ctx.db.actor = Actor("li", "clerk")
    with pytest.raises(BackupError, match="无权从备份恢复数据"):
        restore_into(ctx, first.path, folder)
    assert member_count(ctx) == 1


def test_the_dialog_lists_backups_newest_first_and_asks_before_restoring(qtbot, ctx: AppContext,
                                                                         tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    folder = default_backup_dir(ctx.db.path)
    add_member(ctx.db, "张三", "131")
    backup_database(ctx.db.path, folder, at=T0)
    add_member(ctx.db, "李四", "222")
    newest = backup_database(ctx.db.path, usb, at=T0 + timedelta(days=1))
    dialog = RestoreDialog(ctx.db.path, [usb, folder, usb], None)  # a folder named twice is listed once
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "2026年11月26日 14:05" and table.item(1, 0).text() == "2026年11月25日 14:05"
    assert table.item(0, 1).text() == file_size(newest.size) and table.item(0, 1).text().endswith(("KB", "MB"))
    qtbot.waitUntil(lambda: table.item(1, 2).text().startswith("党员"), timeout=10_000)
    assert table.item(0, 2).text().startswith("党员 2 · 网格员 0") and table.item(1, 2).text().startswith("党员 1 ·")

    seen: list[Seen] = []
    table.selectRow(1)
    answer_message_box(QMessageBox.StandardButton.No, seen)
    dialog.restore_button.click()
    assert dialog.chosen is None
    assert seen[0].default == QMessageBox.StandardButton.No and backup_date(T0) in seen[0].text
    assert seen[0].text.endswith("\n\nThe backup holds: 党员 1 · 网格员 0 · 调解案件 0 · 志愿者 0 · 服务记录 0")
    answer_message_box(QMessageBox.StandardButton.Yes, seen)
    dialog.restore_button.click()
    assert dialog.chosen is not None and dialog.chosen.taken_at == T0
    assert dialog.result() == RestoreDialog.DialogCode.Accepted


def test_the_dialog_says_when_there_is_nothing_to_restore(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = RestoreDialog(ctx.db.path, [tmp_path / "nowhere"], None)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert "nowhere" in dialog.empty_label.text() and not dialog.empty_label.isHidden()
