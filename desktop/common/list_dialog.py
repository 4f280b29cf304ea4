"""A dialog listing a short register (grids, mediators) with New / Edit / Delete.

For lists of tens of rows kept beside a main register: all rows are loaded at once, edits
open the record's own dialog, deletes ask first and go to the recycle bin. A role that may
not add or delete (a viewer) has no New or Delete button; View shows the record read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import recycle
from db.permissions import allowed
from desktop.common.context import AppContext
from desktop.common.paged_model import Column, PagedTableModel


class RecordListDialog(QDialog):
    """Subclasses give columns(), load_rows(), make_dialog(), describe() and a recycle register."""

    open_record_requested = Signal(str, int)
    recycle_register = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self._rows: dict[int, Any] = {}
        columns = self.columns()
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
        actor = ctx.db.actor
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (("new_button", self.tr("New"), self.on_new_button_clicked),
                                 ("edit_button", self.tr("Edit"), self.on_edit_button_clicked),
                                 ("delete_button", self.tr("Delete"), self.on_delete_button_clicked)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        self.buttons["new_button"].setVisible(allowed(actor, "edit"))
        self.buttons["delete_button"].setVisible(allowed(actor, "delete"))
        if not allowed(actor, "edit"):
            self.buttons["edit_button"].setText(self.tr("View"))
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.reload()

    # --- to implement ------------------------------------------------------------------
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def load_rows(self, session: Session) -> list[Any]:
        raise NotImplementedError

    def make_dialog(self, record_id: int | None) -> QDialog:
        raise NotImplementedError

    def delete_question(self, row: Any) -> str:
        raise NotImplementedError

    # --- behaviour ------------------------------------------------------------------------
    def reload(self) -> None:
        with self.ctx.db.session() as s:
            self._rows = {r.id: r for r in self.load_rows(s)}
        self.model.set_ids(list(self._rows))

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def on_new_button_clicked(self) -> None:
        if allowed(self.ctx.db.actor, "edit"):
            self.edit(None)

    def on_edit_button_clicked(self) -> None:
        if (record_id := self.current_id()) is not None:
            self.edit(record_id)

    def edit(self, record_id: int | None) -> None:
        dialog = self.make_dialog(record_id)
        if hasattr(dialog, "open_record_requested"):
            dialog.open_record_requested.connect(self._forward)
        if dialog.exec():
            self.changed = True
            self.reload()

    def _forward(self, register: str, record_id: int) -> None:
        """Another record of the same person was asked for: close and let the window open it."""
        self.open_record_requested.emit(register, record_id)
        self.reject()

    def on_delete_button_clicked(self) -> None:
        record_id = self.current_id()
        if record_id is None or not allowed(self.ctx.db.actor, "delete"):
            return
        answer = QMessageBox.question(self, self.tr("Delete"), self.delete_question(self._rows[record_id]),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.db.session() as s, s.begin():
            recycle.delete(s, self.recycle_register, [record_id])
        self.changed = True
        self.reload()
