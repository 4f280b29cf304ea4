"""Taking attendance in the meeting dialog with the keyboard only, on a real database file.

Members (tests/seed.py organisations): 第一党支部 (id 2) has 陈一, 李二 directly and 王三 in its
party group 第一党小组 (id 4); 第二党支部 (id 3) has 赵四 and 周五. A meeting of branch 2 therefore
lists 陈一, 李二, 王三 (the branch includes its group), in pinyin order.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from db.models import Attendance, Meeting
from desktop.common.context import AppContext
from desktop.party_life.attendance import COL_ABSENT, COL_LEAVE
from desktop.party_life.meeting_dialog import MeetingDialog, MemberPicker
from tests.desktop.party_life.helpers import FIRST_BRANCH, FIRST_GROUP, SECOND_BRANCH, add_member, counts_text
from tests.qt_dialogs import handle_next_dialog
from tests.qt_input import type_text


@pytest.fixture
def members(ctx: AppContext) -> dict[str, int]:
    db = ctx.db
    return {
        "陈一": add_member(db, "陈一", FIRST_BRANCH, 11),
        "李二": add_member(db, "李二", FIRST_BRANCH, 21),
        "王三": add_member(db, "王三", FIRST_GROUP, 31),
        "赵四": add_member(db, "赵四", SECOND_BRANCH, 41),
        "周五": add_member(db, "周五", SECOND_BRANCH, 51),
    }


def open_dialog(qtbot, ctx: AppContext, meeting_id: int | None = None) -> MeetingDialog:  # type: ignore[no-untyped-def]
    dialog = MeetingDialog(ctx, meeting_id)
    # A failing test leaves marks unsaved: close without the discard question (it would hang).
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard_and_close())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog




def names(dialog: MeetingDialog) -> list[str]:
    return [line.name for line in dialog.attendance_model.lines]


def stored_attendance(ctx: AppContext, meeting_id: int) -> dict[int, tuple[str, str]]:
    with ctx.db.session() as s:
        return {a.member_id: (a.status, a.reason) for a in s.scalars(
            select(Attendance).where(Attendance.meeting_id == meeting_id))}


def test_a_roll_call_with_the_keyboard_only(qtbot, ctx: AppContext, members: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert dialog.focusWidget() is dialog.kind_combo
    # A new meeting is for the first branch and starts with everyone present.
    assert names(dialog) == ["陈一", "李二", "王三"]
    assert dialog.counts_label.text() == counts_text(3, 0, 0)

    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)  # 党员大会 → 支委会
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.org_combo
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.held_on_edit
    qtbot.keyClicks(dialog.focusWidget(), "2026-11-20")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "19:30")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    type_text(qtbot, dialog.focusWidget(), "党员活动室")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    type_text(qtbot, dialog.focusWidget(), "学习党章")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    type_text(qtbot, dialog.focusWidget(), "陈一")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.minutes_edit
    type_text(qtbot, dialog.focusWidget(), "传达学习")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    table = dialog.attendance_table
    assert dialog.focusWidget() is table
    assert table.current_row() == 0

    qtbot.keyClick(table, Qt.Key.Key_P)  # 陈一 present, on to 李二
    assert table.current_row() == 1
    qtbot.keyClick(table, Qt.Key.Key_L)  # 李二 on leave: the reason is being typed
    editor = dialog.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.objectName() == "reason_editor"
    type_text(qtbot, editor, "出差")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.current_row() == 2 and dialog.focusWidget() is table)
    assert dialog.isVisible()  # Enter after the reason did not save the meeting
    qtbot.keyClick(table, Qt.Key.Key_3)  # 王三 absent
    assert dialog.counts_label.text() == counts_text(1, 1, 1)

    qtbot.keyClick(table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved_id is not None, dialog.general_error.text()
    assert not dialog.isVisible()
    with ctx.db.session() as s:
        meeting = s.get_one(Meeting, dialog.saved_id)
        assert (meeting.kind, meeting.org_id, meeting.held_at, meeting.place, meeting.topic, meeting.speaker,
                meeting.minutes) == ("branch_committee", FIRST_BRANCH, datetime(2026, 11, 20, 19, 30), "党员活动室",
                                     "学习党章", "陈一", "传达学习")
    assert stored_attendance(ctx, dialog.saved_id) == {
        members["陈一"]: ("present", ""), members["李二"]: ("leave", "出差"), members["王三"]: ("absent", "")}


def test_space_cycles_enter_saves_and_all_present_resets(qtbot, ctx: AppContext, members: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.held_on_edit, "2026-11-21")
    table = dialog.attendance_table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)  # present → leave (no reason editor: Space only cycles)
    assert dialog.attendance_model.lines[0].status == "leave"
    qtbot.keyClick(table, Qt.Key.Key_Space)  # → absent
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert [line.status for line in dialog.attendance_model.lines] == ["absent", "absent", "present"]
    qtbot.keyClick(dialog.all_present_button, Qt.Key.Key_Space)
    assert dialog.counts_label.text() == counts_text(3, 0, 0)
    for row, col in ((0, COL_ABSENT), (1, COL_LEAVE)):  # one click in a mark column sets it
        rect = table.visualRect(dialog.attendance_model.index(row, col))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [line.status for line in dialog.attendance_model.lines] == ["absent", "leave", "present"]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)  # the click on 请假 opened the reason
    dialog.attendance_model.set_all("present")
    table.go_to(2)
    assert dialog.counts_label.text() == counts_text(3, 0, 0)
    qtbot.keyClick(table, Qt.Key.Key_2)  # 王三 (the cursor is on the third row) on leave, no reason given
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)  # leave the reason empty
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "请假事由" in dialog.error_text("attendance")  # shown under the list
    assert dialog.focusWidget() is table
    dialog.attendance_model.set_status(2, "present")
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.saved_id is not None
    assert set(stored_attendance(ctx, dialog.saved_id).values()) == {("present", "")}


def test_a_member_from_another_branch_by_initials_and_marks_kept_across_organisations(
        qtbot, ctx: AppContext, members: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    table = dialog.attendance_table
    dialog.attendance_model.set_status(1, "absent")  # 李二

    found: list[str] = []

    def pick(picker: MemberPicker) -> None:
        qtbot.keyClicks(picker.search_edit, "zs")  # 赵四 of the second branch
        found.extend(picker.list.item(i).text().split("　")[0] for i in range(picker.list.count()))
        qtbot.keyClick(picker.search_edit, Qt.Key.Key_Return)
        if picker.isVisible():  # Enter did not add: close it so the test fails instead of hanging
            picker.reject()

    handle_next_dialog(MemberPicker, pick)
    qtbot.keyClick(dialog.add_member_button, Qt.Key.Key_Space)
    assert found == ["赵四"]
    assert names(dialog) == ["陈一", "李二", "王三", "赵四"]
    assert dialog.focusWidget() is table and table.current_row() == 3
    qtbot.keyClick(table, Qt.Key.Key_L)
    type_text(qtbot, dialog.focusWidget(), "生病")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.focusWidget() is table)

    dialog.org_combo.set_value(FIRST_GROUP)  # the group: only 王三, plus 赵四 added by hand
    assert names(dialog) == ["王三", "赵四"]
    assert [line.status for line in dialog.attendance_model.lines] == ["present", "leave"]
    dialog.org_combo.set_value(FIRST_BRANCH)  # back: 李二's absence was kept
    assert names(dialog) == ["陈一", "李二", "王三", "赵四"]
    assert [line.status for line in dialog.attendance_model.lines] == ["present", "absent", "present", "leave"]

    qtbot.keyClicks(dialog.held_on_edit, "2026-11-22")
    dialog.accept()
    assert dialog.saved_id is not None, dialog.general_error.text()
    saved = stored_attendance(ctx, dialog.saved_id)
    assert saved[members["赵四"]] == ("leave", "生病") and saved[members["李二"]] == ("absent", "")

    again = open_dialog(qtbot, ctx, dialog.saved_id)  # the stored record comes back as saved
    assert names(again) == ["陈一", "李二", "王三", "赵四"]
    assert again.counts_label.text() == counts_text(2, 1, 1)
    assert not again.has_unsaved_changes()
    again.reject()


def test_messages_at_the_fields(qtbot, ctx: AppContext, members: dict[str, int]) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.start_edit, "25:99")
    dialog.accept()
    assert dialog.isVisible()
    assert "必填" in dialog.error_text("held_on")
    assert "时间格式" in dialog.error_text("start_time")
    assert dialog.focusWidget() is dialog.held_on_edit
    qtbot.keyClicks(dialog.held_on_edit, "2099-01-01")
    dialog.start_edit.clear()
    dialog.accept()
    assert dialog.error_text("held_on") and not dialog.error_text("start_time")
    dialog.discard_and_close()


def test_a_viewer_gets_a_read_only_meeting(qtbot, ctx: AppContext, members: dict[str, int]) -> None:
    from db.permissions import Actor

    dialog = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.held_on_edit, "2026-11-20")
    dialog.accept()
    ctx.db.actor = Actor("zhao", "viewer", 3, "PC")
    view = open_dialog(qtbot, ctx, dialog.saved_id)
    assert view.read_only and view.save_button.isHidden() and view.all_present_button.isHidden()
    assert view.add_member_button.isHidden()
    view.attendance_table.setFocus()
    qtbot.keyClick(view.attendance_table, Qt.Key.Key_A)
    assert view.attendance_model.lines[0].status == "present"
    view.reject()
