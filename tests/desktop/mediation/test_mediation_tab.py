"""Driving the mediation tab: a case with two parties, a date error, search, follow-up, delete."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.common.context import AppContext
from desktop.mediation.case_dialog import CaseDialog
from desktop.mediation.follow_up_dialog import FollowUpDialog
from desktop.mediation.party_dialog import PartyDialog
from desktop.mediation.tab import MediationTab
from desktop.recycle_bin import RecycleBinDialog
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog
from tests.qt_input import replace_text, type_text


def add_party(qtbot, dialog: CaseDialog, role: str, name: str, phone: str = "") -> None:  # type: ignore[no-untyped-def]
    def fill(party: PartyDialog) -> None:
        type_text(qtbot, party.name_edit, name)
        if phone:
            type_text(qtbot, party.phone_edit, phone)
        party.accept()

    handle_next_dialog(PartyDialog, fill)
    assert dialog.add_party(role)


def test_case_through_the_tab(qtbot, ctx: AppContext) -> None:
    tab = MediationTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    dialog = CaseDialog(ctx, None, tab)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.received_on_edit, "2026-03-01")
    type_text(qtbot, dialog.facts_edit, "楼上漏水")
    add_party(qtbot, dialog, "applicant", "王建国", "13800001111")
    add_party(qtbot, dialog, "respondent", "李秀英")
    assert dialog.parties_table.rowCount() == 2

    dialog.status_combo.set_code("closed")
    assert dialog.result_combo.code() == "success"
    type_text(qtbot, dialog.closed_on_edit, "2026-02-01")
    dialog.accept()
    assert dialog.error_text("closed_on") == "结案日期：不能早于受理日期"
    assert dialog.tabs.currentIndex() == 2  # switched to the page with the problem
    replace_text(qtbot, dialog.closed_on_edit, "2026-03-10")
    dialog.accept()
    assert dialog.saved_id is not None
    tab.refresh()
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 0)) == "（2026）幸福调字第1号"
    assert tab.model.data(tab.model.index(0, 2)) == "王建国 与 李秀英"

    type_text(qtbot, tab.search_edit, "lxy")
    tab.refresh()
    assert tab.model.rowCount() == 1
    tab.search_edit.clear()

    edit = CaseDialog(ctx, dialog.saved_id, tab)
    qtbot.addWidget(edit)
    assert edit.number_label.text() == "（2026）幸福调字第1号"

    def visit(follow: FollowUpDialog) -> None:
        type_text(qtbot, follow.visited_on_edit, "2026-04-01")
        type_text(qtbot, follow.visitor_edit, "刘芳")
        follow.accept()

    handle_next_dialog(FollowUpDialog, visit)
    edit.on_add_follow_up_clicked()
    assert edit.follow_ups_table.rowCount() == 1
    edit.accept()
    tab.refresh()
    assert tab.model.data(tab.model.index(0, 9)) == "1"

    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    tab.delete_selected()
    assert tab.model.rowCount() == 0
    tab.undo_stack.undo()
    assert tab.model.rowCount() == 1
    tab.undo_stack.redo()
    bin_dialog = RecycleBinDialog(ctx)
    qtbot.addWidget(bin_dialog)
    bin_dialog.table.selectRow(0)
    bin_dialog.restore_button.click()
    tab.refresh()
    assert tab.model.rowCount() == 1


def test_a_party_needs_a_name(qtbot, ctx: AppContext) -> None:
    from db.mediation import PartyInput

    party = PartyDialog(ctx, PartyInput(role="respondent"))
    qtbot.addWidget(party)
    party.accept()
    assert party.error_text("name") == "姓名：必填"
    assert party.result() == 0
