"""The visits of the household chosen in the 房屋 tab (newest first), with 登记走访 for one visit:
to that household, or — no household chosen — to a place in the chosen grid. A visit saved
with 报事件 ticked opens the incident report at once, with the household, its building and grid
and what was found already filled in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.incidents import IncidentInput
from db.visits import household_visits
from desktop.common.context import AppContext
from desktop.common.formatting import format_date


class VisitsPanel(QWidget):
    data_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visits_panel")
        self.ctx = ctx
        self.household_id: int | None = None
        self.grid_id: int | None = None
        self._title = ""
        self._visit_ids: list[int] = []
        self.title_label = QLabel(self)
        self.title_label.setObjectName("visits_label")
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("visits_table")
        self.table.setHorizontalHeaderLabels([self.tr("Visited on"), self.tr("Visited by"), self.tr("What was found"),
                                              self.tr("Follow-up"), self.tr("Incidents")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # what was found takes the room
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for column, width in ((0, 120), (1, 80), (3, 60), (4, 90)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _: self.on_open_clicked())
        self.table.itemSelectionChanged.connect(self._enable)
        self.new_button = QPushButton(self.tr("Record a visit"), self)
        self.new_button.setObjectName("new_visit_button")
        self.new_button.clicked.connect(self.on_new_clicked)
        self.open_button = QPushButton(self.tr("Open the visit"), self)
        self.open_button.setObjectName("open_visit_button")
        self.open_button.clicked.connect(self.on_open_clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title_label)
        box.addWidget(self.table)
        tools = QHBoxLayout()
        tools.addWidget(self.new_button)
        tools.addWidget(self.open_button)
        tools.addStretch(1)
        box.addLayout(tools)
        self.may_edit = True
        self.show_for(None, None, "")

    def show_for(self, household_id: int | None, grid_id: int | None, title: str) -> None:
        """The chosen household's visits; without one, the grid a place visit would be in."""
        self.household_id, self.grid_id, self._title = household_id, grid_id, title
        self.table.setRowCount(0)
        self._visit_ids = []
        if household_id is None:
            self.title_label.setText(self.tr("Choose a household to see its visits; or record a visit to a place."))
            self._enable()
            return
        self.title_label.setText(self.tr("Visits to %1").replace("%1", title))
        with self.ctx.db.session() as s:
            rows = household_visits(s, household_id)
        zh = self.ctx.is_chinese
        for row in rows:
            line = self.table.rowCount()
            self.table.insertRow(line)
            for column, text in enumerate((format_date(row.visited_on, zh), row.visitor,
                                           " ".join(row.found.split()), self.tr("Yes") if row.follow_up else "",
                                           "、".join(row.incidents))):
                self.table.setItem(line, column, QTableWidgetItem(text))
            self._visit_ids.append(row.id)
        self._enable()

    def chosen_visit(self) -> int | None:
        row = self.table.currentRow()
        return self._visit_ids[row] if 0 <= row < len(self._visit_ids) else None

    def _enable(self) -> None:
        self.new_button.setEnabled(self.may_edit and (self.household_id is not None or self.grid_id is not None))
        self.open_button.setEnabled(self.chosen_visit() is not None)

    def on_new_clicked(self) -> None:
        from desktop.residents.visit_dialog import VisitDialog

        self._run(VisitDialog(self.ctx, None, self, household_id=self.household_id, grid_id=self.grid_id))

    def on_open_clicked(self) -> None:
        from desktop.residents.visit_dialog import VisitDialog

        if (visit := self.chosen_visit()) is not None:
            self._run(VisitDialog(self.ctx, visit, self))

    def _run(self, dialog) -> None:  # type: ignore[no-untyped-def]
        if not dialog.exec() or dialog.saved_id is None:
            return
        if dialog.report_box.isChecked():
            self.report_incident(dialog)
        self.show_for(self.household_id, self.grid_id, self._title)
        self.data_changed.emit()

    def report_incident(self, visit) -> None:  # type: ignore[no-untyped-def]
        """The incident report a visit asked for, its household, grid and findings filled in."""
        from desktop.incidents.dialog import IncidentDialog

        values = visit.values()
        start = IncidentInput(grid_id=values.grid_id, building_id=visit.building_id, household_id=values.household_id,
                              place=values.place, description=values.found, visit_id=visit.saved_id)
        IncidentDialog(self.ctx, None, self, start=start).exec()
