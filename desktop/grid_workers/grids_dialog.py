"""The grids (网格) list with new/edit/delete, and the dialog for one grid."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget
from sqlalchemy.orm import Session

from db.grid_workers import GridInput, GridRow, grid_rows, load_grid_input, save_grid
from desktop.common.context import AppContext
from desktop.common.fields import notes_edit
from desktop.common.list_dialog import RecordListDialog
from desktop.common.paged_model import Column
from desktop.common.record_dialog import RecordDialog


class GridDialog(RecordDialog):
    record_table = "grids"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New grid") if record_id is None else self.tr("Edit grid"))
        page = self.add_page(self.tr("Grid"))
        self.code_edit = self.add_field(page, "code", self.tr("Grid code"), QLineEdit(), required=True)
        self.name_edit = self.add_field(page, "name", self.tr("Grid name"), QLineEdit(), required=True)
        self.buildings_edit = self.add_field(page, "buildings", self.tr("Buildings"), QLineEdit())
        households, population = QSpinBox(), QSpinBox()
        households.setRange(0, 100_000)
        population.setRange(0, 100_000)
        self.households_spin = self.add_field(page, "households", self.tr("Households"), households)
        self.population_spin = self.add_field(page, "population", self.tr("Population"), population)
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.resize(460, 360)
        self.load_record()
        self.code_edit.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        g = load_grid_input(session, self.record_id)
        self.code_edit.setText(g.code)
        self.name_edit.setText(g.name)
        self.buildings_edit.setText(g.buildings)
        self.households_spin.setValue(int(g.households))
        self.population_spin.setValue(int(g.population))
        self.notes_edit.setPlainText(g.notes)

    def save(self, session: Session) -> int:
        data = GridInput(self.code_edit.text(), self.name_edit.text(), self.buildings_edit.text(),
                         self.households_spin.value(), self.population_spin.value(), self.notes_edit.toPlainText())
        return save_grid(session, data, self.record_id).id


class GridsDialog(RecordListDialog):
    """All grids; changes here take effect in the grid worker forms and filters at once."""

    recycle_register = "grids"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("grids_dialog")
        self.setWindowTitle(self.tr("Grids"))
        self.resize(820, 420)

    def columns(self) -> list[Column]:
        return [
            Column("code", QT_TRANSLATE_NOOP("columns", "Grid code"), lambda r: r.code, width=80),
            Column("name", QT_TRANSLATE_NOOP("columns", "Grid name"), lambda r: r.name, width=120),
            Column("buildings", QT_TRANSLATE_NOOP("columns", "Buildings"), lambda r: r.buildings, width=160),
            Column("households", QT_TRANSLATE_NOOP("columns", "Households"), lambda r: str(r.households),
                   align_right=True, width=70),
            Column("population", QT_TRANSLATE_NOOP("columns", "Population"), lambda r: str(r.population),
                   align_right=True, width=70),
            Column("workers", QT_TRANSLATE_NOOP("columns", "Grid workers"), lambda r: r.workers, width=200),
        ]

    def load_rows(self, session: Session) -> list[GridRow]:
        return grid_rows(session)

    def make_dialog(self, record_id: int | None) -> GridDialog:
        return GridDialog(self.ctx, record_id, self)

    def delete_question(self, row: GridRow) -> str:
        return self.tr("Delete grid %1? It goes to the recycle bin and can be restored.").replace(
            "%1", f"{row.code} {row.name}")
