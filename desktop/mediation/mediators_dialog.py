"""Mediators: the list (with how many cases each handled) and the dialog for one mediator."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
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
from db.mediators import MediatorInput, MediatorRow, load_mediator_input, mediator_rows, save_mediator
from db.models import Mediator
from db.validation import mask_phone
from db.vocab import MEDIATION_TIERS, WORKER_STATUSES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, notes_edit
from desktop.common.formatting import format_date, label
from desktop.common.paged_model import Column, PagedTableModel
from desktop.common.person_form import PersonForm
from desktop.common.person_roles import PersonRolesBar
from desktop.common.record_dialog import RecordDialog


class MediatorDialog(RecordDialog):
    open_record_requested = Signal(str, int)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New mediator") if record_id is None else self.tr("Edit mediator"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            person_id = s.get_one(Mediator, record_id).person_id if record_id is not None else None
        page = self.add_page(self.tr("Mediator"))
        self.person = PersonForm(self, page, None)
        self.tier_combo = self.add_field(page, "tier", self.tr("Tier"), CodeCombo(MEDIATION_TIERS, zh), required=True)
        self.tier_combo.set_code("mediator")
        self.since_edit = self.add_field(page, "since", self.tr("Serving since"), DateEdit())
        self.status_combo = self.add_field(page, "status", self.tr("Status"), CodeCombo(WORKER_STATUSES, zh))
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.roles_bar = PersonRolesBar(ctx, person_id, "mediator", self)
        self.roles_bar.open_record_requested.connect(self._open_other)
        self.layout().insertWidget(1, self.roles_bar)
        self.resize(480, 520)
        self.load_record()
        self.person.name_edit.setFocus()

    def _open_other(self, register: str, record_id: int) -> None:
        self.open_record_requested.emit(register, record_id)
        self.reject()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        m = load_mediator_input(session, self.record_id)
        self.person.load(m.person)
        self.tier_combo.set_code(m.tier)
        self.since_edit.set_value(m.since)
        self.status_combo.set_code(m.status)
        self.notes_edit.setPlainText(m.notes)

    def save(self, session: Session) -> int:
        data = MediatorInput(self.person.values(), self.tier_combo.code(), self.since_edit.value(),
                             self.status_combo.code(), self.notes_edit.toPlainText())
        return save_mediator(session, data, self.record_id).id


class MediatorsDialog(QDialog):
    open_record_requested = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.setObjectName("mediators_dialog")
        self.setWindowTitle(self.tr("Mediators"))
        zh = ctx.is_chinese
        self._rows: dict[int, MediatorRow] = {}
        columns = [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name, width=90),
            Column("tier", QT_TRANSLATE_NOOP("columns", "Tier"), lambda r: label(MEDIATION_TIERS, r.tier, zh),
                   width=100),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: mask_phone(r.phone), width=110),
            Column("since", QT_TRANSLATE_NOOP("columns", "Serving since"), lambda r: format_date(r.since, zh),
                   width=120),
            Column("status", QT_TRANSLATE_NOOP("columns", "Status"), lambda r: label(WORKER_STATUSES, r.status, zh),
                   width=60),
            Column("cases", QT_TRANSLATE_NOOP("columns", "Cases"), lambda r: str(r.cases), align_right=True,
                   width=60),
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
        self.resize(620, 420)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            self._rows = {r.id: r for r in mediator_rows(s)}
        self.model.set_ids(list(self._rows))

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def on_new_button_clicked(self) -> None:
        self.edit(None)

    def on_edit_button_clicked(self) -> None:
        if (mediator_id := self.current_id()) is not None:
            self.edit(mediator_id)

    def edit(self, mediator_id: int | None) -> None:
        dialog = MediatorDialog(self.ctx, mediator_id, self)
        dialog.open_record_requested.connect(self._forward)
        if dialog.exec():
            self.changed = True
            self.reload()

    def _forward(self, register: str, record_id: int) -> None:
        self.open_record_requested.emit(register, record_id)
        self.reject()

    def on_delete_button_clicked(self) -> None:
        mediator_id = self.current_id()
        if mediator_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete"),
            self.tr("Delete mediator %1? The record goes to the recycle bin and can be restored.").replace(
                "%1", self._rows[mediator_id].name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            with self.ctx.db.session() as s, s.begin():
                recycle.delete(s, "mediators", [mediator_id])
            self.changed = True
            self.reload()
