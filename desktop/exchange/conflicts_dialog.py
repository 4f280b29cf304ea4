"""待处理冲突: the fields the office and a station both changed, with both values; the office's
stands until someone here keeps it or takes the station's (db.exchange.conflicts)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.common.context import AppContext


class ConflictsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Pending conflicts"))
        self.setObjectName("conflicts_dialog")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("conflicts_table")
        self.table.setHorizontalHeaderLabels([self.tr("Register"), self.tr("Record"), self.tr("Field"),
                                              self.tr("Office's value (kept now)"), self.tr("Station's value"),
                                              self.tr("Station"), self.tr("Changed at the station")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep_button = QPushButton(self.tr("Keep the office's value"), self)
        self.keep_button.setObjectName("keep_button")
        self.take_button = QPushButton(self.tr("Take the station's value"), self)
        self.take_button.setObjectName("take_button")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_button.clicked.connect(lambda: self.resolve(take_station=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_station=True))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(980, 420)
        self.changed = False
        self.reload()

    def reload(self) -> None:
        from db.exchange.conflicts import open_conflicts

        with self.ctx.db.session() as s:
            rows = open_conflicts(s)
        self._ids = [r.id for r in rows]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, text in enumerate((r.register, r.record, r.field, r.office_value, r.station_value, r.station,
                                      r.station_changed_at)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.intro.setText(self.tr("%1 fields were changed both here and at a station before they exchanged. "
                                   "The office's value stands; choose for each whether to keep it or to take "
                                   "the station's (it then goes to the stations with the next bundle).")
                           .replace("%1", str(len(rows))) if rows else self.tr("No conflicts are waiting."))
        self._update_buttons()

    def _selected(self) -> list[int]:
        return [self._ids[i.row()] for i in self.table.selectionModel().selectedRows()]

    def _update_buttons(self) -> None:
        chosen = bool(self._selected())
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    def resolve(self, *, take_station: bool) -> None:
        from db.exchange.conflicts import resolve

        try:
            with self.ctx.db.session() as s, s.begin():
                for conflict_id in self._selected():
                    resolve(s, conflict_id, take_station=take_station)
        except Exception as exc:  # one sentence at the window, nothing written
            from db.storage_errors import explain

            QMessageBox.warning(self, self.tr("Pending conflicts"), explain(exc))
        else:
            self.changed = True
        self.reload()
