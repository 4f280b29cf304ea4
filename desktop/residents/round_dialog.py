"""走访登记: a morning's round of one building entered at typing speed. The households of the
building are listed in door order; the worker ticks the ones visited (Space), types what was
found (Tab moves on) and marks those needing follow-up; one save writes the round (db.visits:
all the lines or, with a problem in any, none, naming the line)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.choices import grid_worker_choices
from db.housing import building_households
from db.validation import ValidationErrors
from db.visits import RoundLine, save_round
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit, IdChoiceCombo


class RoundDialog(QDialog):
    def __init__(self, ctx: AppContext, building_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("round_dialog")
        self.setWindowTitle(self.tr("Visits to %1").replace("%1", title))
        with ctx.db.session() as s:
            workers = grid_worker_choices(s)
            self.households = building_households(s, building_id)
        form = QFormLayout()
        self.date_edit = DateEdit(self)
        self.date_edit.setObjectName("visited_on")
        self.date_edit.set_value(date.today())
        self.visitor_combo = IdChoiceCombo([(None, ""), *workers], self)
        self.visitor_combo.setObjectName("visitor_id")
        self.companions_edit = QLineEdit(self)
        self.companions_edit.setObjectName("companions")
        form.addRow(self.tr("Visited on"), self.date_edit)
        form.addRow(self.tr("Visited by"), self.visitor_combo)
        form.addRow(self.tr("Together with"), self.companions_edit)
        self.table = QTableWidget(len(self.households), 3, self)
        self.table.setObjectName("round_table")
        self.table.setHorizontalHeaderLabels([self.tr("Household"), self.tr("What was found"),
                                              self.tr("Follow up")])
        self.table.verticalHeader().setVisible(False)
        for row, (_household_id, text) in enumerate(self.households):
            visited = QTableWidgetItem(text)
            visited.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            visited.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, visited)
            self.table.setItem(row, 1, QTableWidgetItem(""))
            follow = QTableWidgetItem("")
            follow.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            follow.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 2, follow)
        self.table.itemChanged.connect(self._tick_when_written)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setObjectName("error_label")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(680, 520)
        self.saved = 0

    def _tick_when_written(self, item: QTableWidgetItem) -> None:
        """Typing what was found at a household means it was visited."""
        if item.column() == 1 and item.text().strip():
            self.table.item(item.row(), 0).setCheckState(Qt.CheckState.Checked)

    def lines(self) -> list[RoundLine]:
        out = []
        for row, (household_id, _text) in enumerate(self.households):
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked:
                out.append(RoundLine(household_id, self.table.item(row, 1).text(),
                                     self.table.item(row, 2).checkState() == Qt.CheckState.Checked))
        return out

    def save(self) -> None:
        try:
            with self.ctx.db.session() as s, s.begin():
                self.saved = len(save_round(s, self.date_edit.value(), self.visitor_combo.value(),  # type: ignore[arg-type]
                                            self.lines(), companions=self.companions_edit.text()))
        except ValidationErrors as exc:
            self.error.setText("\n".join(str(e) for e in exc.errors[:6]))
            return
        self.accept()
