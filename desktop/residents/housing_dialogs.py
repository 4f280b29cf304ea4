"""The dialogs of the 房屋 tab: a building (楼栋), a room (门牌) and a household (户). They collect
and show; db.housing checks and saves, its messages shown at the fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.housing import (
    MAX_BASEMENT,
    MAX_FLOORS,
    MAX_UNITS,
    BuildingInput,
    HouseholdInput,
    RoomInput,
    load_building_input,
    load_household_input,
    load_room_input,
    save_building,
    save_household,
    save_room,
)
from db.vocab import BUILDING_KINDS, HOUSEHOLD_REGISTRATIONS, ROOM_USES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, IdChoiceCombo, notes_edit
from desktop.common.record_dialog import RecordDialog


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class BuildingDialog(RecordDialog):
    record_table = "buildings"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None,
                 grid_id: int | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New building") if record_id is None else self.tr("Building"))
        with ctx.db.session() as s:
            grids = grid_choices(s)
        page = self.add_page(self.tr("Building"))
        self.grid_combo = self.add_field(page, "grid_id", self.tr("Grid"), IdChoiceCombo(grids), required=True)
        self.grid_combo.set_value(grid_id)
        self.name_edit = self.add_field(page, "name", self.tr("Building"), QLineEdit(), required=True)
        self.name_edit.setPlaceholderText(self.tr("e.g. 3号楼"))
        self.kind_combo = self.add_field(page, "kind", self.tr("Type"), CodeCombo(BUILDING_KINDS, ctx.is_chinese))
        self.units_spin = self.add_field(page, "units", self.tr("Units"), _spin(1, MAX_UNITS, 1))
        self.floors_spin = self.add_field(page, "floors", self.tr("Floors"), _spin(1, MAX_FLOORS, 6))
        self.address_edit = self.add_field(page, "address", self.tr("Address"), QLineEdit())
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.resize(440, 380)
        self.load_record()
        self.name_edit.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        b = load_building_input(session, self.record_id)
        self.grid_combo.set_value(b.grid_id)
        self.name_edit.setText(b.name)
        self.kind_combo.set_code(b.kind)
        self.units_spin.setValue(int(b.units))
        self.floors_spin.setValue(int(b.floors))
        self.address_edit.setText(b.address)
        self.notes_edit.setPlainText(b.notes)

    def values(self) -> BuildingInput:
        return BuildingInput(grid_id=self.grid_combo.value(), name=self.name_edit.text(), kind=self.kind_combo.code(),
                             units=self.units_spin.value(), floors=self.floors_spin.value(),
                             address=self.address_edit.text(), notes=self.notes_edit.toPlainText())

    def save(self, session: Session) -> int:
        return save_building(session, self.values(), self.record_id).id


class RoomDialog(RecordDialog):
    record_table = "rooms"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None,
                 building_id: int | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New room") if record_id is None else self.tr("Room"))
        self.building_id = building_id
        page = self.add_page(self.tr("Room"))
        self.unit_spin = self.add_field(page, "unit", self.tr("Unit"), _spin(1, MAX_UNITS, 1))
        self.floor_spin = self.add_field(page, "floor", self.tr("Floor"), _spin(-MAX_BASEMENT, MAX_FLOORS, 1))
        self.number_edit = self.add_field(page, "number", self.tr("Door number"), QLineEdit(), required=True)
        self.number_edit.setPlaceholderText(self.tr("e.g. 301"))
        self.purpose_combo = self.add_field(page, "purpose", self.tr("Use"), CodeCombo(ROOM_USES, ctx.is_chinese))
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.resize(400, 320)
        self.load_record()
        self.number_edit.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        r = load_room_input(session, self.record_id)
        self.building_id = r.building_id
        self.unit_spin.setValue(int(r.unit))
        self.floor_spin.setValue(int(r.floor))
        self.number_edit.setText(r.number)
        self.purpose_combo.set_code(r.purpose)
        self.notes_edit.setPlainText(r.notes)

    def values(self) -> RoomInput:
        return RoomInput(building_id=self.building_id, unit=self.unit_spin.value(), floor=self.floor_spin.value(),
                         number=self.number_edit.text(), purpose=self.purpose_combo.code(),
                         notes=self.notes_edit.toPlainText())

    def save(self, session: Session) -> int:
        return save_room(session, self.values(), self.record_id).id


class HouseholdDialog(RecordDialog):
    record_table = "households"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None,
                 room_id: int | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New household") if record_id is None else self.tr("Household"))
        self.room_id = room_id
        page = self.add_page(self.tr("Household"))
        self.registration_combo = self.add_field(page, "registration", self.tr("Registration"),
                                                 CodeCombo(HOUSEHOLD_REGISTRATIONS, ctx.is_chinese))
        self.phone_edit = self.add_field(page, "phone", self.tr("Phone"), QLineEdit())
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.resize(400, 260)
        self.load_record()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        h = load_household_input(session, self.record_id)
        self.room_id = h.room_id
        self.registration_combo.set_code(h.registration)
        self.phone_edit.setText(h.phone)
        self.notes_edit.setPlainText(h.notes)

    def values(self) -> HouseholdInput:
        return HouseholdInput(room_id=self.room_id, registration=self.registration_combo.code(),
                              phone=self.phone_edit.text(), notes=self.notes_edit.toPlainText())

    def save(self, session: Session) -> int:
        return save_household(session, self.values(), self.record_id).id
