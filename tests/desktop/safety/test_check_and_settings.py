"""Check the database (full check off the UI thread) and the backup and lock settings dialog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from db.backup import default_backup_dir
from db.data_settings import data_settings
from db.health import Health
from db.permissions import Actor
from desktop.common.context import AppContext
from desktop.safety.check import check_in_background
from desktop.safety.folders import remembered_folders
from desktop.safety.settings_dialog import DataSettingsDialog
from tests.db.test_backup import add_member
from tests.desktop.safety.boxes import Seen, answer_message_box

OK = QMessageBox.StandardButton.Ok


def run_check(qtbot, path: Path) -> tuple[Health, Seen]:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[Seen] = []
    results: list[Health] = []
    answer_message_box(OK, seen)
    check_in_background(parent, path, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    return results[0], seen[0]


@pytest.mark.sqlite_only  # the full check of the .sqlite3 file
def test_check_says_healthy(qtbot, ctx: AppContext) -> None:
    health, seen = run_check(qtbot, ctx.db.path)
    assert health.ok and seen.title == "Database checked" and seen.text == "数据库完好。"


@pytest.mark.sqlite_only  # a .sqlite3 file damaged on disk
def test_check_names_the_damage_and_points_to_restore(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    for i in range(30):
        add_member(ctx.db, "张" + "一二三四五六七八九十"[i % 10] + "甲乙丙"[i // 10], f"{i:03d}")
    ctx.db.close()
    data = bytearray(ctx.db.path.read_bytes())
    data[4096: 4096 + 12_000] = os.urandom(12_000)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(bytes(data))
    health, seen = run_check(qtbot, bad)
    assert not health.ok and seen.title == "The database has a problem"
    assert "损坏" in seen.text and "Restore from a backup" in seen.text


@pytest.mark.sqlite_only  # the default folder is the one beside the file
def test_settings_are_saved_and_the_folder_remembered(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = DataSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.folder_edit.text() == "" and dialog.folder_edit.placeholderText() == str(
        default_backup_dir(ctx.db.path))
    assert dialog.keep_spin.value() == 30 and dialog.lock_spin.value() == 15
    usb = tmp_path / "usb"
    dialog.folder_edit.setText(str(usb))
    dialog.keep_spin.setValue(7)
    dialog.lock_spin.setValue(0)
    assert dialog.lock_spin.text() == "Never"
    dialog.accept()
    assert dialog.result() == DataSettingsDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        saved = data_settings(s)
    assert (saved.backup_folder, saved.backup_keep, saved.lock_minutes) == (str(usb), 7, 0)
    assert remembered_folders()[0] == usb.absolute()
    assert (dialog.keep_spin.minimum(), dialog.keep_spin.maximum()) == (1, 365)
    assert (dialog.lock_spin.minimum(), dialog.lock_spin.maximum()) == (0, 240)


def test_a_bad_folder_is_refused_at_its_field(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    for value, words in (("backups", "完整的文件夹路径"), (str(a_file), "不是文件夹")):
        dialog = DataSettingsDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.folder_edit.setText(value)
        dialog.keep_spin.setValue(9)
        dialog.accept()
        assert dialog.result() != DataSettingsDialog.DialogCode.Accepted
        assert words in dialog.error_text("backup_folder")
        assert dialog.folder_edit.text() == value  # nothing typed is lost
    with ctx.db.session() as s:
        assert data_settings(s).backup_keep == 30  # nothing was saved


def test_a_clerk_cannot_save_settings(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    ctx.db.actor = Actor("li", "clerk")
    dialog = DataSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.keep_spin.setValue(5)
    seen: list[Seen] = []
    answer_message_box(OK, seen)
    dialog.accept()
    assert seen[0].title == "Not allowed" and "无权修改单位信息和设置" in seen[0].text and "li" in seen[0].text
    assert dialog.result() != DataSettingsDialog.DialogCode.Accepted
    with ctx.db.session() as s:
        assert data_settings(s).backup_keep == 30
