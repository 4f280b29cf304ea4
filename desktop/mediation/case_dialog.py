"""The mediation case dialog: the case, its parties, the result, and follow-up visits.

Parties are edited in memory and written with the case in one transaction; follow-ups
belong to a saved case and are written as they are entered. The parties list counts in the
dialog's unsaved changes; stored parties open with their numbers masked (PartyDialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db import recycle
from db.mediation import CaseInput, PartyInput, follow_up_rows, load_case_input, save_case
from db.mediators import mediator_choices
from db.models import MediationCase
from db.validation import mask_phone
from db.vocab import (
    CASE_RESULTS,
    CASE_SOURCES,
    CASE_STATUSES,
    DISPUTE_TYPES,
    FOLLOW_UP_PERFORMED,
    GENDERS,
    MEDIATION_TIERS,
    PARTY_ROLES,
    SATISFACTION,
)
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, IdChoiceCombo, notes_edit
from desktop.common.formatting import format_date, label
from desktop.common.record_dialog import RecordDialog
from desktop.mediation.follow_up_dialog import FollowUpDialog
from desktop.mediation.party_dialog import PartyDialog


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


def _button(parent: QWidget, name: str, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


class CaseDialog(RecordDialog):
    record_table = "mediation_cases"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.setWindowTitle(self.tr("New mediation case") if record_id is None else self.tr("Mediation case"))
        zh = ctx.is_chinese
        self.parties: list[PartyInput] = []
        self.party_ids: list[int | None] = []  # the stored party of each row, None once added or revealed here
        with ctx.db.session() as s:
            mediators = mediator_choices(s, "zh" if zh else "en")

        page = self.add_page(self.tr("Case"))
        self.number_label = QLabel(self.tr("Given when the case is first saved"))
        self.number_label.setObjectName("number_label")
        page.addRow(self.tr("Case number"), self.number_label)
        self.received_on_edit = self.add_field(page, "received_on", self.tr("Received on"), DateEdit(), required=True)
        self.source_combo = self.add_field(page, "source", self.tr("Source"), CodeCombo(CASE_SOURCES, zh))
        self.dispute_type_combo = self.add_field(page, "dispute_type", self.tr("Dispute type"),
                                                 CodeCombo(DISPUTE_TYPES, zh), required=True)
        self.dispute_type_combo.set_code("neighbour")
        self.tier_combo = self.add_field(page, "tier", self.tr("Tier"), CodeCombo(MEDIATION_TIERS, zh), required=True)
        self.tier_combo.set_code("mediator")
        self.mediator_combo = self.add_field(page, "mediator_id", self.tr("Mediator"),
                                             IdChoiceCombo([(None, ""), *mediators]))
        self.facts_edit = self.add_field(page, "facts", self.tr("Brief facts"), notes_edit(height=80))
        self.requests_edit = self.add_field(page, "requests", self.tr("Requested matters"), notes_edit())

        self._build_parties_page()

        page = self.add_page(self.tr("Result"))
        self.status_combo = self.add_field(page, "status", self.tr("Case status"), CodeCombo(CASE_STATUSES, zh))
        self.result_combo = self.add_field(page, "result", self.tr("Result"), CodeCombo(CASE_RESULTS, zh))
        self.status_combo.currentIndexChanged.connect(self.on_status_combo_changed)
        self.closed_on_edit = self.add_field(page, "closed_on", self.tr("Closed on"), DateEdit())
        self.agreement_edit = self.add_field(page, "agreement_terms", self.tr("Agreement terms"),
                                             notes_edit(height=90))
        self.performance_edit = self.add_field(page, "performance", self.tr("How, where and by when performed"),
                                               notes_edit())
        self.amount_edit = self.add_field(page, "amount", self.tr("Amount involved (yuan)"), QLineEdit())
        self.notes_edit = self.add_field(page, "notes", self.tr("Notes"), notes_edit())

        self._build_follow_ups_page()
        self.resize(640, 600)
        if ctx.station_registers is not None:
            self._applications_only()
        self.load_record()
        self.refresh_parties()
        self.refresh_follow_ups()
        self.received_on_edit.setFocus()

    # --- parties -------------------------------------------------------------------------
    def _build_parties_page(self) -> None:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        self.parties_table = _table(page, "parties_table", [self.tr("Role"), self.tr("Name"), self.tr("Gender"),
                                                            self.tr("Phone"), self.tr("Address or employer")])
        self.parties_table.doubleClicked.connect(lambda _: self.on_edit_party_clicked())
        buttons = QHBoxLayout()
        changing = [_button(page, "add_applicant_button", self.tr("Add applicant"),
                            lambda: self.add_party("applicant")),
                    _button(page, "add_respondent_button", self.tr("Add respondent"),
                            lambda: self.add_party("respondent"))]
        self.edit_party_button = _button(page, "edit_party_button", self.tr("Edit"), self.on_edit_party_clicked)
        changing.append(_button(page, "remove_party_button", self.tr("Remove"), self.on_remove_party_clicked))
        for button in (*changing[:2], self.edit_party_button, changing[2]):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.register_edit_controls(*changing)
        self.parties_error = QLabel(page)
        self.parties_error.setObjectName("parties_error")
        self.parties_error.setStyleSheet("color: #c0392b;")
        self.parties_error.setWordWrap(True)
        self.parties_error.hide()
        layout.addLayout(buttons)
        layout.addWidget(self.parties_table, 1)
        layout.addWidget(self.parties_error)
        self.tabs.addTab(page, self.tr("Parties"))
        self.fields["parties"] = self.parties_table
        self._errors["parties"] = self.parties_error
        self._pages["parties"] = self.tabs.count() - 1

    def refresh_parties(self) -> None:
        zh = self.ctx.is_chinese
        self.parties_table.setRowCount(len(self.parties))
        for row, p in enumerate(self.parties):
            for col, text in enumerate((label(PARTY_ROLES, p.role, zh), p.name, label(GENDERS, p.gender, zh),
                                        mask_phone(p.phone), p.address)):
                self.parties_table.setItem(row, col, QTableWidgetItem(text))

    def add_party(self, role: str) -> bool:
        dialog = PartyDialog(self.ctx, PartyInput(role=role), self)
        if dialog.exec():
            self.parties.append(dialog.party)
            self.party_ids.append(None)
            self.refresh_parties()
            return True
        return False

    def _current_party_row(self) -> int | None:
        rows = self.parties_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def on_edit_party_clicked(self) -> None:
        row = self._current_party_row()
        if row is None:
            return
        dialog = PartyDialog(self.ctx, self.parties[row], self, party_id=self.party_ids[row])
        accepted = dialog.exec()
        if dialog.numbers_revealed:  # seen once in this dialog: no second reveal for the same party
            self.party_ids[row] = None
        if accepted:
            self.parties[row] = dialog.party
            self.refresh_parties()

    def on_remove_party_clicked(self) -> None:
        row = self._current_party_row()
        if row is not None:
            del self.parties[row]
            del self.party_ids[row]
            self.refresh_parties()

    # --- follow-ups ----------------------------------------------------------------------
    def _build_follow_ups_page(self) -> None:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        self.follow_ups_table = _table(page, "follow_ups_table", [self.tr("Visited on"), self.tr("Visitor"),
                                                                  self.tr("Performed"), self.tr("Satisfaction"),
                                                                  self.tr("Action taken")])
        self.follow_ups_table.doubleClicked.connect(lambda _: self.on_edit_follow_up_clicked())
        buttons = QHBoxLayout()
        self.add_follow_up_button = _button(page, "add_follow_up_button", self.tr("Add follow-up"),
                                            self.on_add_follow_up_clicked)
        delete = _button(page, "delete_follow_up_button", self.tr("Delete"), self.on_delete_follow_up_clicked)
        buttons.addWidget(self.add_follow_up_button)
        buttons.addWidget(_button(page, "edit_follow_up_button", self.tr("Edit"), self.on_edit_follow_up_clicked))
        buttons.addWidget(delete)
        self.register_edit_controls(self.add_follow_up_button, delete)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if self.record_id is None:
            layout.addWidget(QLabel(self.tr("Save the case first, then record follow-up visits here."), page))
            self.add_follow_up_button.setEnabled(False)
        layout.addWidget(self.follow_ups_table, 1)
        self.tabs.addTab(page, self.tr("Follow-ups"))
        self._follow_up_ids: list[int] = []

    def refresh_follow_ups(self) -> None:
        if self.record_id is None:
            return
        zh = self.ctx.is_chinese
        with self.ctx.db.session() as s:
            rows = follow_up_rows(s, self.record_id)
        self._follow_up_ids = [r.id for r in rows]
        self.follow_ups_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for col, text in enumerate((format_date(r.visited_on, zh), r.visitor,
                                        label(FOLLOW_UP_PERFORMED, r.performed, zh),
                                        label(SATISFACTION, r.satisfaction, zh), r.action)):
                self.follow_ups_table.setItem(i, col, QTableWidgetItem(text))

    def _current_follow_up(self) -> int | None:
        rows = self.follow_ups_table.selectionModel().selectedRows()
        return self._follow_up_ids[rows[0].row()] if rows else None

    def on_add_follow_up_clicked(self) -> None:
        if self.record_id is not None and FollowUpDialog(self.ctx, self.record_id, None, self).exec():
            self.refresh_follow_ups()

    def on_edit_follow_up_clicked(self) -> None:
        follow_up_id = self._current_follow_up()
        if follow_up_id is not None and self.record_id is not None:
            if FollowUpDialog(self.ctx, self.record_id, follow_up_id, self).exec():
                self.refresh_follow_ups()

    def on_delete_follow_up_clicked(self) -> None:
        follow_up_id = self._current_follow_up()
        if follow_up_id is None:
            return
        question = self.tr("Delete this follow-up visit? It goes to the recycle bin and can be restored.")
        answer = QMessageBox.question(self, self.tr("Delete"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            with self.ctx.db.session() as s, s.begin():
                recycle.delete(s, "follow_ups", [follow_up_id])
            self.refresh_follow_ups()

    # --- case ----------------------------------------------------------------------------
    def _applications_only(self) -> None:
        """At a service station a case is an application (待受理) until the office accepts it
        (受理): its status, result and closing are the office's (db.mediation holds the rule)."""
        self.status_combo.set_code("applied")
        for widget in (self.status_combo, self.result_combo, self.closed_on_edit):
            widget.setEnabled(False)
            widget.setToolTip(self.tr("Accepting, mediating and closing a case are done at the office"))

    def on_status_combo_changed(self) -> None:
        """Closing a case suggests "settled"; reopening it, or an application (accepted or not),
        puts the result back to in progress: only a mediated case has one."""
        if self.status_combo.code() != "closed":
            self.result_combo.set_code("in_progress")
        elif self.result_combo.code() == "in_progress":
            self.result_combo.set_code("success")

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        number, c = load_case_input(session, self.record_id)
        self.number_label.setText(number)
        self.received_on_edit.set_value(c.received_on)
        self.source_combo.set_code(c.source)
        self.dispute_type_combo.set_code(c.dispute_type)
        self.tier_combo.set_code(c.tier)
        self.mediator_combo.set_value(c.mediator_id)
        self.facts_edit.setPlainText(c.facts)
        self.requests_edit.setPlainText(c.requests)
        self.status_combo.blockSignals(True)
        self.status_combo.set_code(c.status)
        self.status_combo.blockSignals(False)
        self.result_combo.set_code(c.result)
        self.closed_on_edit.set_value(c.closed_on)
        self.agreement_edit.setPlainText(c.agreement_terms)
        self.performance_edit.setPlainText(c.performance)
        self.amount_edit.setText(str(c.amount or ""))
        self.notes_edit.setPlainText(c.notes)
        self.parties = list(c.parties)
        # the same collection load_case_input read (the session's identity map), so the same order
        self.party_ids = [p.id for p in session.get_one(MediationCase, self.record_id).parties]

    def extra_state(self) -> Any:
        """The parties count as the case's fields: adding, editing or removing one is a change."""
        return tuple(self.parties)

    def values(self) -> CaseInput:
        return CaseInput(
            received_on=self.received_on_edit.value(), source=self.source_combo.code(),
            dispute_type=self.dispute_type_combo.code(), facts=self.facts_edit.toPlainText(),
            requests=self.requests_edit.toPlainText(), tier=self.tier_combo.code(),
            mediator_id=self.mediator_combo.value(), status=self.status_combo.code(), result=self.result_combo.code(),
            closed_on=self.closed_on_edit.value(), agreement_terms=self.agreement_edit.toPlainText(),
            performance=self.performance_edit.toPlainText(), amount=self.amount_edit.text(),
            notes=self.notes_edit.toPlainText(), parties=list(self.parties),
        )

    def save(self, session: Session) -> int:
        return save_case(session, self.values(), self.record_id).id
