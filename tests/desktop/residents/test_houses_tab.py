"""Driving the 房屋 tab (issue 16): a building, a room, a household and a resident added through
its buttons and dialogs, the tree counting them; a room refused at the field; a deletion that
goes to the recycle bin."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem

from db import recycle
from db.grid_workers import GridInput, save_grid
from desktop.common.context import AppContext
from desktop.residents.dialog import ResidentDialog
from desktop.residents.houses_tab import HousesTab
from desktop.residents.housing_dialogs import BuildingDialog, HouseholdDialog, RoomDialog
from tests.qt_dialogs import answer_next_message_box, handle_next_dialog
from tests.qt_input import type_text


def find(tab: HousesTab, title: str) -> QTreeWidgetItem:
    (item,) = [i for i in tab.tree.findItems(title, _recursive()) if i.text(0) == title]
    return item


def _recursive():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly


def test_a_building_room_household_and_resident_through_the_tab(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s, s.begin():
        save_grid(s, GridInput(code="wg91", name="幸福一区"))
    tab = HousesTab(ctx)
    qtbot.addWidget(tab)
    tab.refresh()
    assert not tab.new_building_button.isEnabled()  # nothing chosen yet
    tab.tree.setCurrentItem(find(tab, "WG91 幸福一区"))
    assert tab.new_building_button.isEnabled() and not tab.new_room_button.isEnabled()

    def building(dialog: BuildingDialog) -> None:
        type_text(qtbot, dialog.name_edit, "3号楼")
        dialog.units_spin.setValue(2)
        dialog.accept()

    handle_next_dialog(BuildingDialog, building)
    tab.on_new_building_clicked()
    tab.tree.setCurrentItem(find(tab, "3号楼"))
    said: list[str] = []

    def room(dialog: RoomDialog) -> None:
        dialog.accept()  # no door number: said at the field, the dialog stays open
        said.append(dialog.error_text("number"))
        dialog.unit_spin.setValue(2)
        dialog.floor_spin.setValue(3)
        type_text(qtbot, dialog.number_edit, "301")
        dialog.accept()

    handle_next_dialog(RoomDialog, room)
    tab.on_new_room_clicked()
    assert said == ["门牌号：必填"]
    tab.tree.setCurrentItem(find(tab, "2单元301"))
    handle_next_dialog(HouseholdDialog, lambda d: d.accept())
    tab.on_new_household_clicked()
    assert tab.households.rowCount() == 1
    tab.households.selectRow(0)

    def person(dialog: ResidentDialog) -> None:
        type_text(qtbot, dialog.person.name_edit, "王大爷")
        dialog.accept()

    handle_next_dialog(ResidentDialog, person)
    tab.on_new_resident_clicked()
    assert tab.households.item(0, 0).text() == "王大爷"  # the head, named in the list
    grid = find(tab, "WG91 幸福一区")
    assert (grid.text(1), grid.text(2)) == ("1", "1")

    tab.tree.setCurrentItem(find(tab, "2单元301"))
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    tab.on_delete_clicked()
    assert not tab.tree.findItems("2单元301", _recursive())
    with ctx.db.session() as s:
        assert any(d.title == "3号楼 2单元301" for d in recycle.deleted_records(s))
