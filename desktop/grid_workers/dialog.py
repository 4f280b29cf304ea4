"""The grid worker dialog: personal details, and the duty page (role, grids, buildings)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QSpinBox, QWidget
from sqlalchemy.orm import Session

from db.choices import grid_choices
from db.grid_workers import GridWorkerInput, load_grid_worker_input, save_grid_worker
from db.models import GridWorker
from db.vocab import EMPLOYMENT, GRID_ROLES, WORKER_STATUSES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, notes_edit
from desktop.common.person_form import PersonForm
from desktop.common.record_dialog import RecordDialog


class GridWorkerDialog(RecordDialog):
    record_table = "grid_workers"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New grid worker") if record_id is None else self.tr("Edit grid worker"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            grids = grid_choices(s)
            person_id = s.get_one(GridWorker, record_id).person_id if record_id is not None else None

        page = self.add_page(self.tr("Personal details"))
        self.person = PersonForm(self, page, grids, phone_required=True, person_id=person_id)
        page = self.add_page(self.tr("Duties"))
        self.role_combo = self.add_field(page, "role", self.tr("Role"), CodeCombo(GRID_ROLES, zh), required=True)
        self.role_combo.set_code("worker")
        self.employment_combo = self.add_field(page, "employment", self.tr("Full/part-time"),
                                               CodeCombo(EMPLOYMENT, zh))
        self.grid_list = self.add_field(page, "grid_ids", self.tr("Grids"), QListWidget())
        self.grid_list.setMaximumHeight(120)
        for grid_id, text in grids:
            item = QListWidgetItem(text, self.grid_list)
            item.setData(Qt.ItemDataRole.UserRole, grid_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.buildings_edit = self.add_field(page, "buildings", self.tr("Buildings"), QLineEdit())
        self.buildings_edit.setPlaceholderText(self.tr("e.g. 1栋, 2栋, 3栋"))
        households = QSpinBox()
        households.setRange(0, 100_000)
        self.households_spin = self.add_field(page, "households", self.tr("Households"), households)
        self.start_on_edit = self.add_field(page, "start_on", self.tr("Started on"), DateEdit())
        self.status_combo = self.add_field(page, "status", self.tr("Status"), CodeCombo(WORKER_STATUSES, zh))
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())

        self.add_person_roles(person_id, "grid_worker")
        self.resize(540, 520)
        self.load_record()
        self.person.name_edit.setFocus()

    def checked_grids(self) -> list[int]:
        items = (self.grid_list.item(i) for i in range(self.grid_list.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]

    def set_checked_grids(self, grid_ids: list[int]) -> None:
        for i in range(self.grid_list.count()):
            item = self.grid_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in grid_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        data = load_grid_worker_input(session, self.record_id)
        self.person.load(data.person)
        self.role_combo.set_code(data.role)
        self.employment_combo.set_code(data.employment)
        self.set_checked_grids(data.grid_ids)
        self.buildings_edit.setText(data.buildings)
        self.households_spin.setValue(int(data.households))
        self.start_on_edit.set_value(data.start_on)
        self.status_combo.set_code(data.status)
        self.notes_edit.setPlainText(data.notes)

    def values(self) -> GridWorkerInput:
        return GridWorkerInput(
            person=self.person.values(), role=self.role_combo.code(), employment=self.employment_combo.code(),
            grid_ids=self.checked_grids(), buildings=self.buildings_edit.text(),
            households=self.households_spin.value(), start_on=self.start_on_edit.value(),
            status=self.status_combo.code(), notes=self.notes_edit.toPlainText(),
        )

    def save(self, session: Session) -> int:
        return save_grid_worker(session, self.values(), self.record_id).id
