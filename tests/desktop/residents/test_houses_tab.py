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


def test_a_round_of_visits_at_typing_speed(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Writing what was found ticks the household; a round without a visitor is refused in words."""
    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from db.grid_workers import GridWorkerInput, save_grid_worker
    from db.housing import BuildingInput, HouseholdInput, RoomInput, save_building, save_household, save_room
    from db.models import Visit
    from db.people import PersonFields
    from desktop.residents.round_dialog import RoundDialog

    with ctx.db.session() as s, s.begin():
        grid = save_grid(s, GridInput(code="wg91", name="幸福一区")).id
        building = save_building(s, BuildingInput(grid_id=grid, name="3号楼", floors=6)).id
        for number in ("101", "201", "301"):
            save_household(s, HouseholdInput(room_id=save_room(s, RoomInput(building_id=building, floor=int(number[0]),
                                                                            number=number)).id))
        worker = save_grid_worker(s, GridWorkerInput(PersonFields(name="刘网格", phone="13900002222"),
                                                     grid_ids=[grid])).id
    dialog = RoundDialog(ctx, building, "3号楼")
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(3)] == ["101", "201", "301"]
    dialog.table.item(0, 1).setText("老人身体好")
    dialog.table.item(2, 0).setCheckState(Qt.CheckState.Checked)
    dialog.table.item(2, 2).setCheckState(Qt.CheckState.Checked)
    assert [line.household_id for line in dialog.lines()] and len(dialog.lines()) == 2
    dialog.save()
    assert "走访人：请选择在册的网格员" in dialog.error.text() and dialog.saved == 0
    dialog.visitor_combo.set_value(worker)
    dialog.save()
    assert dialog.saved == 2
    with ctx.db.session() as s:
        found = s.execute(select(Visit.found, Visit.follow_up).order_by(Visit.id)).all()
    assert [tuple(r) for r in found] == [("老人身体好", False), ("", True)]
