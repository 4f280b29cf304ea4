"""The audit-log window: lists what real saves logged, filters narrow it, details follow the
selection, nothing can be edited, administrators export it, other roles are turned away."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QPushButton

from db import recycle
from db.audit import ACTION_LABELS
from db.members import load_member_input, save_member
from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from desktop.audit_log import AuditLogDialog
from desktop.common.context import AppContext
from desktop.recycle_bin import RecycleBinDialog
from tests.db.test_audit import CLERK, new_member
from tests.db.test_audit_log import ADMIN, add_entry
from tests.db.test_members import make_id
from tests.qt_input import type_text


def column_texts(dialog: AuditLogDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def logged_work(ctx: AppContext) -> int:
    """A clerk adds a member and changes her phone; the system adds another; returns the first member's id."""
    ctx.db.actor = CLERK
    with ctx.db.session() as s, s.begin():
        member_id = save_member(s, new_member("13812345678")).id
    with ctx.db.session() as s, s.begin():
        data = load_member_input(s, member_id)
        data.person.phone = "13900000000"
        save_member(s, data, member_id)
    ctx.db.actor = ADMIN
    with ctx.db.session() as s, s.begin():
        other = new_member()
        other.person.name, other.person.id_number = "李四", make_id("19900101", "222")
        save_member(s, other)
    return member_id


def open_dialog(qtbot, ctx: AppContext, **kw: object) -> AuditLogDialog:  # type: ignore[no-untyped-def]
    dialog = AuditLogDialog(ctx, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_lists_real_saves_newest_first_and_filters_by_user(qtbot, ctx: AppContext) -> None:
    logged_work(ctx)
    dialog = open_dialog(qtbot, ctx)
    users = column_texts(dialog, 1)
    assert {"lixiao", "wang", "系统"} <= set(users)
    assert users[0] == "wang" and dialog.model.rowCount() >= 6
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers == ["Time", "User", "Computer", "Action", "Register", "Record", "Summary", "Details"]
    assert dialog.count_label.text() == f"{dialog.model.rowCount()} entries"

    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("lixiao"))
    assert set(column_texts(dialog, 1)) == {"lixiao"}
    assert sorted(column_texts(dialog, 3)) == ["修改", "新增", "新增"]  # the person's phone; person and member added
    assert dialog.count_label.text() == "3 entries"
    assert set(column_texts(dialog, 2)) == {"OFFICE-PC\\staff"}

    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("update"))
    assert column_texts(dialog, 4) == ["人员"]
    assert column_texts(dialog, 7) == ["联系电话：138****5678 → 139****0000"]
    dialog.user_combo.setCurrentIndex(0)  # 全部 / All
    dialog.action_combo.setCurrentIndex(0)
    assert "wang" in column_texts(dialog, 1)


def test_selecting_an_entry_shows_its_details(qtbot, ctx: AppContext) -> None:
    logged_work(ctx)
    dialog = open_dialog(qtbot, ctx)
    assert dialog.details.toPlainText() == "" and dialog.details.isReadOnly()
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("update"))
    dialog.table.selectRow(0)
    text = dialog.details.toPlainText()
    assert "lixiao（OFFICE-PC\\staff）" in text and "修改  人员" in text and "张三" in text
    assert text.endswith("联系电话：138****5678 → 139****0000")
    assert "13812345678" not in text
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("create"))
    dialog.register_combo.setCurrentIndex(dialog.register_combo.findData("persons"))
    dialog.table.selectRow(1)
    assert "姓名：张三" in dialog.details.toPlainText().splitlines()


def test_dates_register_and_text_filters(qtbot, ctx: AppContext) -> None:
    first = add_entry(ctx.db, datetime(2026, 11, 24, 23, 59, 59), "wang", "update", "persons", 7, "张三")
    add_entry(ctx.db, datetime(2026, 11, 25, 0, 0, 1), "wang", "delete", "party_members", 7, "李四")
    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.from_edit, "2026-11-24")
    qtbot.keyClicks(dialog.to_edit, "2026.11.24")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.ids == [first]
    dialog.to_edit.clear()
    qtbot.keyClicks(dialog.to_edit, "20261125")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    dialog.register_combo.setCurrentIndex(dialog.register_combo.findText("党员"))
    assert column_texts(dialog, 6) == ["李四"]
    dialog.register_combo.setCurrentIndex(0)
    type_text(qtbot, dialog.search_edit, "张")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert column_texts(dialog, 6) == ["张三"] and column_texts(dialog, 5) == ["7"]


def test_one_records_history(qtbot, ctx: AppContext) -> None:
    member_id = logged_work(ctx)
    with ctx.db.session() as s, s.begin():
        recycle.delete(s, "members", [member_id])
    dialog = open_dialog(qtbot, ctx, register="party_members", record_id=member_id)
    assert dialog.register_combo.currentData() == "party_members"
    assert dialog.record_label.isVisible() and str(member_id) in dialog.record_label.text()
    assert column_texts(dialog, 3) == ["删除", "新增"] and set(column_texts(dialog, 5)) == {str(member_id)}
    assert column_texts(dialog, 7) == ["移入回收站", column_texts(dialog, 7)[1]]
    qtbot.mouseClick(dialog.all_records_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 3 and not dialog.record_label.isVisible()  # both members' creates


def test_nothing_can_be_edited_or_deleted(qtbot, ctx: AppContext) -> None:
    logged_work(ctx)
    dialog = open_dialog(qtbot, ctx)
    table = dialog.table
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    index = dialog.model.index(0, 6)
    assert not dialog.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert dialog.model.setData(index, "改掉") is False
    rect = table.visualRect(index)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.state() != QAbstractItemView.State.EditingState
    assert dialog.model.data(index) == column_texts(dialog, 6)[0] and dialog.model.rowCount() >= 6
    assert {b.objectName() for b in dialog.findChildren(QPushButton) if b.isVisible()} >= {"export_button"}
    assert not [b for b in dialog.findChildren(QPushButton)
                if b.text().lower().startswith(("delete", "edit", "new", "删除", "修改"))]
    assert not dialog.model.removeRows(0, 1, QModelIndex())


def test_export_runs_in_the_background_and_is_logged(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    logged_work(ctx)
    dialog = open_dialog(qtbot, ctx)
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("lixiao"))
    assert dialog.export_button.isVisible()
    out = tmp_path / "log.xlsx"
    with qtbot.waitSignal(dialog.export_to(out).finished, timeout=20_000) as blocker:
        assert not dialog.export_button.isEnabled() and dialog.progress.isVisible()
    assert blocker.args == [3]
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
    assert not dialog.progress.isVisible()
    assert dialog.count_label.text() == "3 entries exported to log.xlsx"
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 4 and {r[1] for r in rows[1:]} == {"lixiao"}
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("wang"))  # wang was not in the list before
    assert column_texts(dialog, 3)[0] == "导出" and column_texts(dialog, 6)[0] == "操作日志：log.xlsx"


def refusal_text_of_next_message_box(seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_a_clerk_is_told_no_and_sees_nothing(qtbot, ctx: AppContext) -> None:
    logged_work(ctx)
    ctx.db.actor = CLERK
    dialog = AuditLogDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.user_combo.count() == 0
    seen: list[str] = []
    refusal_text_of_next_message_box(seen)
    assert dialog.exec() == 0
    assert seen == ["当前账号“lixiao”（录入员）无权查看操作日志。"]

    shown = AuditLogDialog(ctx)
    qtbot.addWidget(shown)
    refusal_text_of_next_message_box(seen)
    shown.show()
    qtbot.waitUntil(lambda: len(seen) == 2 and not shown.isVisible())
    assert shown.model.rowCount() == 0


def test_closing_during_an_export_stops_it_and_writes_nothing(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    from sqlalchemy import insert

    from db.models import AuditEntry

    with ctx.db.session() as s, s.begin():
        s.execute(insert(AuditEntry), [{"at": datetime(2026, 11, 25), "username": "wang", "computer": "PC",
                                        "action": "update", "register": "persons", "record_id": i,
                                        "summary": f"居民{i}", "details": "{}"} for i in range(20_000)])
    ctx.db.actor = ADMIN
    dialog = open_dialog(qtbot, ctx)
    out = tmp_path / "log.xlsx"
    job = dialog.export_to(out)
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        dialog.reject()
    job.wait()
    assert not list(tmp_path.glob("log.xlsx*"))
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("export"))
    assert dialog.model.rowCount() == 0


@pytest.fixture
def chinese(qapp):  # type: ignore[no-untyped-def]
    """The window in Chinese, as the office runs it."""
    from desktop.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_a_meeting_saved_reads_in_words_and_the_action_column_fits(qtbot, ctx: AppContext, chinese) -> None:
    ids = []
    with ctx.db.session() as s, s.begin():
        for i, name in enumerate(("张伟", "王芳")):
            data = new_member()
            data.person.name, data.person.id_number = name, make_id("19800101", f"{i:03d}")
            ids.append(save_member(s, data).id)
        mid = save_meeting(s, MeetingInput(kind="members_meeting", org_id=2, held_on=date(2025, 1, 14),
                                           attendance=[AttendanceInput(ids[0]), AttendanceInput(ids[1], "absent")])).id
    dialog = open_dialog(qtbot, ctx, register="meetings", record_id=mid)
    assert dialog.model.headerData(3, Qt.Orientation.Horizontal) == "操作"
    assert column_texts(dialog, 3) == ["修改", "新增"]  # the meeting's points, the meeting with its attendance
    details = column_texts(dialog, 7)
    assert "出席（1 人）：张伟；缺席（1 人）：王芳" in details[1]
    assert not any(word in text for text in details for word in ("member_id", "held_at", "members_meeting", "#"))
    assert column_texts(dialog, 6)[1] == "2025年1月14日 党员大会"
    metrics = dialog.table.fontMetrics()
    widest = max(metrics.horizontalAdvance(label) for label in ACTION_LABELS.values())
    assert widest == metrics.horizontalAdvance("打印完整号码")
    assert dialog.table.columnWidth(3) >= widest + 12  # the cell's margins


def test_the_recycle_bin_shows_who_deleted(qtbot, ctx: AppContext, chinese) -> None:
    member_id = logged_work(ctx)
    ctx.db.actor = CLERK
    with ctx.db.session() as s, s.begin():
        recycle.delete(s, "members", [member_id])
    bin_dialog = RecycleBinDialog(ctx)
    qtbot.addWidget(bin_dialog)
    headers = [bin_dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["台账", "记录", "删除时间", "删除人"]
    assert [bin_dialog.model.data(bin_dialog.model.index(0, c)) for c in (1, 3)] == ["张三", "lixiao"]
