"""Driving the grid workers tab: create, validation message, search, edit, delete, restore; grids."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from db import recycle
from desktop.common.context import AppContext
from desktop.grid_workers.dialog import GridWorkerDialog
from desktop.grid_workers.grids_dialog import GridDialog, GridsDialog
from desktop.grid_workers.tab import GridWorkersTab
from tests.db.test_members import make_id
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog
from tests.qt_input import replace_text, type_text


def test_grid_worker_through_the_tab(qtbot, ctx: AppContext) -> None:
    tab = GridWorkersTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    dialog = GridWorkerDialog(ctx, None, tab)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.person.name_edit, "李梅")
    type_text(qtbot, dialog.person.id_number_edit, "410302198001012221")
    type_text(qtbot, dialog.person.phone_edit, "13912345678")
    dialog.grid_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert "身份证号" in dialog.error_text("id_number")
    assert dialog.checked_grids()  # nothing typed or ticked is lost
    replace_text(qtbot, dialog.person.id_number_edit, make_id("19800101", "222"))
    qtbot.keyClick(dialog.person.phone_edit, Qt.Key.Key_Return)
    assert dialog.saved_id is not None
    tab.refresh()
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 5)) == "WG01 幸福一区"

    type_text(qtbot, tab.search_edit, "lm")
    tab.refresh()
    assert tab.model.rowCount() == 1
    replace_text(qtbot, tab.search_edit, "zz")
    tab.refresh()
    assert tab.model.rowCount() == 0
    tab.search_edit.clear()
    tab.refresh()

    edit = GridWorkerDialog(ctx, dialog.saved_id, tab)
    qtbot.addWidget(edit)
    edit.grid_list.item(1).setCheckState(Qt.CheckState.Checked)
    edit.accept()
    tab.refresh()
    assert tab.model.data(tab.model.index(0, 5)) == "WG01 幸福一区、WG02 幸福二区"

    tab.table.selectRow(0)
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 0
    with ctx.db.session() as s, s.begin():
        assert recycle.restore(s, "grid_workers", [dialog.saved_id]) == 1
    tab.refresh()
    assert tab.model.rowCount() == 1


def test_add_a_grid_through_the_grids_dialog(qtbot, ctx: AppContext) -> None:
    grids = GridsDialog(ctx)
    qtbot.addWidget(grids)
    assert grids.model.rowCount() == 2

    def fill(dialog: GridDialog) -> None:
        type_text(qtbot, dialog.code_edit, "wg03")
        type_text(qtbot, dialog.name_edit, "幸福三区")
        dialog.households_spin.setValue(300)
        dialog.accept()

    handle_next_dialog(GridDialog, fill)
    grids.on_new_button_clicked()
    assert grids.model.rowCount() == 3 and grids.changed
    assert grids.model.data(grids.model.index(2, 0)) == "WG03"
