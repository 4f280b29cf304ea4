"""The grids (网格) list with new/edit/delete, and the dialog for one grid."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import recycle
from db.grid_workers import GridInput, GridRow, grid_rows, load_grid_input, save_grid
from desktop.common.context import AppContext
from desktop.common.fields import notes_edit
from desktop.common.paged_model import Column, PagedTableModel
from desktop.common.record_dialog import RecordDialog


class GridDialog(RecordDialog):
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


class GridsDialog(QDialog):
    """All grids; changes here take effect in the grid worker forms and filters at once."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.setObjectName("grids_dialog")
        self.setWindowTitle(self.tr("Grids"))
        self._rows: dict[int, GridRow] = {}
        columns = [
            Column("code", QT_TRANSLATE_NOOP("columns", "Grid code"), lambda r: r.code, width=80),
            Column("name", QT_TRANSLATE_NOOP("columns", "Grid name"), lambda r: r.name, width=120),
            Column("buildings", QT_TRANSLATE_NOOP("columns", "Buildings"), lambda r: r.buildings, width=160),
            Column("households", QT_TRANSLATE_NOOP("columns", "Households"), lambda r: str(r.households),
                   align_right=True, width=70),
            Column("population", QT_TRANSLATE_NOOP("columns", "Population"), lambda r: str(r.population),
                   align_right=True, width=70),
            Column("workers", QT_TRANSLATE_NOOP("columns", "Grid workers"), lambda r: r.workers, width=200),
        ]
        self.model = PagedTableModel(columns, lambda ids: [self._rows[i] for i in ids], parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(columns):
            self.table.setColumnWidth(i, col.width)
        self.table.doubleClicked.connect(lambda _: self.on_edit_button_clicked())
        buttons = QHBoxLayout()
        for name, text, slot in (("new_button", self.tr("New"), self.on_new_button_clicked),
                                 ("edit_button", self.tr("Edit"), self.on_edit_button_clicked),
                                 ("delete_button", self.tr("Delete"), self.on_delete_button_clicked)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(820, 420)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            self._rows = {r.id: r for r in grid_rows(s)}
        self.model.set_ids(list(self._rows))

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def on_new_button_clicked(self) -> None:
        self._edit(None)

    def on_edit_button_clicked(self) -> None:
        if (grid_id := self.current_id()) is not None:
            self._edit(grid_id)

    def _edit(self, grid_id: int | None) -> None:
        dialog = GridDialog(self.ctx, grid_id, self)
        if dialog.exec():
            self.changed = True
            self.reload()

    def on_delete_button_clicked(self) -> None:
        grid_id = self.current_id()
        if grid_id is None:
            return
        row = self._rows[grid_id]
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete grid %1? It goes to the recycle bin and can be restored.").replace(
                "%1", f"{row.code} {row.name}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.db.session() as s, s.begin():
            recycle.delete(s, "grids", [grid_id])
        self.changed = True
        self.reload()
