"""Mediators: the list (with how many cases each handled) and the dialog for one mediator."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from db.mediators import MediatorInput, MediatorRow, load_mediator_input, mediator_rows, save_mediator
from db.models import Mediator
from db.validation import mask_phone
from db.vocab import MEDIATION_TIERS, WORKER_STATUSES
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, notes_edit
from desktop.common.formatting import format_date, label
from desktop.common.list_dialog import RecordListDialog
from desktop.common.paged_model import Column
from desktop.common.person_form import PersonForm
from desktop.common.record_dialog import RecordDialog


class MediatorDialog(RecordDialog):
    record_table = "mediators"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New mediator") if record_id is None else self.tr("Edit mediator"))
        zh = ctx.is_chinese
        with ctx.db.session() as s:
            person_id = s.get_one(Mediator, record_id).person_id if record_id is not None else None
        page = self.add_page(self.tr("Mediator"))
        self.person = PersonForm(self, page, None, person_id=person_id)
        self.tier_combo = self.add_field(page, "tier", self.tr("Tier"), CodeCombo(MEDIATION_TIERS, zh), required=True)
        self.tier_combo.set_code("mediator")
        self.since_edit = self.add_field(page, "since", self.tr("Serving since"), DateEdit())
        self.status_combo = self.add_field(page, "status", self.tr("Status"), CodeCombo(WORKER_STATUSES, zh))
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())
        self.add_person_roles(person_id, "mediator")
        self.resize(480, 520)
        self.load_record()
        self.person.name_edit.setFocus()

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


class MediatorsDialog(RecordListDialog):
    recycle_register = "mediators"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("mediators_dialog")
        self.setWindowTitle(self.tr("Mediators"))
        self.resize(620, 420)

    def columns(self) -> list[Column]:
        zh = self.ctx.is_chinese
        return [
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

    def load_rows(self, session: Session) -> list[MediatorRow]:
        return mediator_rows(session)

    def make_dialog(self, record_id: int | None) -> MediatorDialog:
        return MediatorDialog(self.ctx, record_id, self)

    def delete_question(self, row: MediatorRow) -> str:
        return self.tr("Delete mediator %1? The record goes to the recycle bin and can be restored.").replace(
            "%1", row.name)
