"""Driving the members tab as a person would: create, fail validation, search, edit, delete, restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.common.context import AppContext
from desktop.members.dialog import MemberDialog
from desktop.members.tab import MembersTab
from desktop.recycle_bin import RecycleBinDialog
from tests.db.test_members import make_id
from tests.qt_dialogs import answer_next_message_box
from tests.qt_input import replace_text, type_text

GOOD_ID = make_id("19850312", "131")


def fill_member(qtbot, dialog: MemberDialog, name: str, id_number: str) -> None:
    type_text(qtbot, dialog.name_edit, name)
    type_text(qtbot, dialog.id_number_edit, id_number)
    type_text(qtbot, dialog.phone_edit, "13800001111")
    dialog.org_combo.setCurrentIndex(0)
    type_text(qtbot, dialog.admitted_on_edit, "2010-07-01")
    type_text(qtbot, dialog.full_on_edit, "2011-07-01")


def test_create_search_edit_delete_restore(qtbot, ctx: AppContext) -> None:
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.model.rowCount() == 0

    # A bad ID number: the message appears at the field and nothing is lost.
    dialog = MemberDialog(ctx, None, tab)
    qtbot.addWidget(dialog)
    fill_member(qtbot, dialog, "张三", GOOD_ID[:-1] + ("1" if GOOD_ID[-1] != "1" else "2"))
    qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Return)
    assert dialog.result() == 0
    assert "校验位" in dialog.error_text("id_number")
    assert dialog.name_edit.text() == "张三"
    assert dialog.focusWidget() is dialog.id_number_edit or not dialog.isVisible()

    replace_text(qtbot, dialog.id_number_edit, GOOD_ID.lower())
    qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Return)
    assert dialog.saved_id is not None
    tab.refresh()
    assert tab.model.rowCount() == 1

    # Find by pinyin initials, typed in the search box.
    type_text(qtbot, tab.search_edit, "zs")
    qtbot.waitUntil(lambda: tab.search_edit.text() == "zs" and not tab._search_timer.isActive())
    assert tab.model.rowCount() == 1
    replace_text(qtbot, tab.search_edit, "ls")
    tab.refresh()
    assert tab.model.rowCount() == 0
    tab.search_edit.clear()
    tab.refresh()

    # Edit: change the phone number (shown masked until revealed).
    edit = MemberDialog(ctx, dialog.saved_id, tab)
    qtbot.addWidget(edit)
    assert edit.name_edit.text() == "张三"
    assert edit.phone_edit.text() == "138****1111"
    edit.person.reveal_button.click()
    replace_text(qtbot, edit.phone_edit, "13912345678")
    edit.accept()
    assert edit.saved_id == dialog.saved_id
    tab.refresh()
    assert tab.model.data(tab.model.index(0, 9)) == "139****5678"

    # Delete with confirmation, then undo, then delete again and restore from the recycle bin.
    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    tab.delete_selected()
    assert tab.model.rowCount() == 0
    tab.undo_stack.undo()
    assert tab.model.rowCount() == 1
    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 0

    bin_dialog = RecycleBinDialog(ctx)
    qtbot.addWidget(bin_dialog)
    assert bin_dialog.model.rowCount() == 1
    assert bin_dialog.model.data(bin_dialog.model.index(0, 1)) == "张三"
    bin_dialog.table.selectRow(0)
    bin_dialog.restore_button.click()
    assert bin_dialog.restored == 1
    tab.refresh()
    assert tab.model.rowCount() == 1


def test_delete_asks_first_and_no_keeps_the_record(qtbot, ctx: AppContext) -> None:
    tab = MembersTab(ctx)
    qtbot.addWidget(tab)
    dialog = MemberDialog(ctx, None, tab)
    qtbot.addWidget(dialog)
    fill_member(qtbot, dialog, "张三", GOOD_ID)
    dialog.accept()
    tab.refresh()
    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.No)
    tab.delete_selected()
    assert tab.model.rowCount() == 1
