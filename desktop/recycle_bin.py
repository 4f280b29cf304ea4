"""The recycle bin (回收站): every deleted record, restorable with one click.

Restoring needs the "restore" right: a viewer sees the bin with the button disabled (db.recycle
checks again). Permanent delete needs "purge" (administrators), asks first with No as the
default, and is refused as a whole for a record others still point at.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import recycle
from db.permissions import PermissionDenied, allowed
from db.recycle import DeletedRecord
from desktop.common.context import AppContext
from desktop.common.formatting import format_datetime
from desktop.common.paged_model import Column, PagedTableModel


class RecycleBinDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.restored = 0
        self.setObjectName("recycle_bin")
        self.setWindowTitle(self.tr("Recycle bin"))
        self._records: list[DeletedRecord] = []
        zh = ctx.is_chinese
        columns = [
            Column("kind", QT_TRANSLATE_NOOP("columns", "Register"), lambda r: r.kind, width=120),
            Column("title", QT_TRANSLATE_NOOP("columns", "Record"), lambda r: r.title, width=300),
            Column("deleted_at", QT_TRANSLATE_NOOP("columns", "Deleted at"),
                   lambda r: format_datetime(r.deleted_at, zh), width=180),
            Column("deleted_by", QT_TRANSLATE_NOOP("columns", "Deleted by"), lambda r: r.deleted_by, width=100),
        ]
        self.model = PagedTableModel(columns, self._rows, parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(columns):
            self.table.setColumnWidth(i, col.width)
        self.restore_button = QPushButton(self.tr("Restore selected"), self)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(self.on_restore_button_clicked)
        self.purge_button = QPushButton(self.tr("Delete permanently…"), self)
        self.purge_button.setObjectName("purge_button")
        self.purge_button.clicked.connect(self.on_purge_button_clicked)
        self.purge_button.setVisible(allowed(ctx.db.actor, "purge"))
        self.status = QLabel(self)
        self.status.setObjectName("status")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Deleted records stay here until restored."), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(780, 460)
        self.reload()

    def _rows(self, ids: list[int]) -> list[object]:
        return [self._by_key[i] for i in ids]

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            self._records = recycle.deleted_records(s)
        # The paged model keys rows by id; ids repeat across registers, so key by position.
        self._by_key = {i: _Keyed(i, r) for i, r in enumerate(self._records)}
        self.model.set_ids(list(self._by_key))
        self.restore_button.setEnabled(bool(self._records) and self.may_restore())
        self.purge_button.setEnabled(bool(self._records))
        if not self.may_restore():
            self.restore_button.setToolTip(self.tr("Your account may not restore records."))

    def may_restore(self) -> bool:
        return allowed(self.ctx.db.actor, "restore")

    def selected_records(self) -> list[DeletedRecord]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._records[r] for r in rows]

    def on_purge_button_clicked(self) -> None:
        chosen = self.selected_records()
        if not chosen or not allowed(self.ctx.db.actor, "purge"):
            return
        answer = QMessageBox.warning(
            self, self.tr("Delete permanently"),
            self.tr("Erase %n record(s) for good? This cannot be undone; only a backup made "
                    "before now still holds them.", "", len(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            with self.ctx.db.session() as s, s.begin():
                for record in chosen:
                    recycle.purge(s, record.register, [record.id])
        except (recycle.PurgeRefused, PermissionDenied) as exc:
            QMessageBox.warning(self, self.tr("Not deleted"), str(exc))
            return
        self.status.setText(self.tr("%n record(s) deleted permanently", "", len(chosen)))
        self.reload()

    def on_restore_button_clicked(self) -> None:
        chosen = self.selected_records()
        if not chosen or not self.may_restore():
            return
        with self.ctx.db.session() as s, s.begin():
            for record in chosen:
                self.restored += recycle.restore(s, record.register, [record.id])
        self.status.setText(self.tr("%n record(s) restored", "", len(chosen)))
        self.reload()


class _Keyed:
    """A DeletedRecord seen through the paged model, which needs an `id` unique in the list."""

    def __init__(self, key: int, record: DeletedRecord) -> None:
        self.id = key
        self.kind, self.title, self.deleted_at, self.deleted_by = (record.kind, record.title, record.deleted_at,
                                                                   record.deleted_by)
