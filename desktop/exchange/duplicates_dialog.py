"""疑似重复人员: people of the same name that nothing proves to be one (no ID number; another
phone or birth date), listed side by side for staff to merge into one (db.exchange.merging)."""

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


class DuplicatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("duplicates_dialog")
        self.setWindowTitle(self.tr("Possible duplicate people"))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("duplicates_table")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("First record"), self.tr("Second record")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.keep_first = QPushButton(self.tr("Merge, keeping the first"), self)
        self.keep_first.setObjectName("keep_first_button")
        self.keep_second = QPushButton(self.tr("Merge, keeping the second"), self)
        self.keep_second.setObjectName("keep_second_button")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.keep_first, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_second, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_first.clicked.connect(lambda: self.merge(keep_first=True))
        self.keep_second.clicked.connect(lambda: self.merge(keep_first=False))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 400)
        self.changed = False
        self.reload()

    def reload(self) -> None:
        from db.exchange.merging import near_matches

        with self.ctx.db.session() as s:
            self._pairs = near_matches(s)
        self.table.setRowCount(len(self._pairs))
        for i, m in enumerate(self._pairs):
            for j, text in enumerate((m.name, m.first, m.second)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.intro.setText(self.tr("People of the same name without an ID number to tell them apart, registered "
                                   "here and at a station, or twice. Merge a pair that is one person: the other "
                                   "record goes to the recycle bin, its registrations and service hours move over.")
                           if self._pairs else self.tr("No possible duplicates."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.keep_first.setEnabled(chosen)
        self.keep_second.setEnabled(chosen)

    def merge(self, *, keep_first: bool) -> None:
        from db.exchange.merging import merge_persons
        from db.storage_errors import explain

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        pair = self._pairs[rows[0].row()]
        keep, other = (pair.first_id, pair.second_id) if keep_first else (pair.second_id, pair.first_id)
        try:
            with self.ctx.db.session() as s, s.begin():
                merge_persons(s, keep, other)
        except Exception as exc:  # one sentence at the window, nothing written
            QMessageBox.warning(self, self.tr("Possible duplicate people"), explain(exc))
        else:
            self.changed = True
        self.reload()
