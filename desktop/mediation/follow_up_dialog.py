"""A follow-up visit (回访) on a case."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from db.mediation import FollowUpInput, load_follow_up_input, save_follow_up
from db.vocab import FOLLOW_UP_PERFORMED, RELAPSE_RISK, SATISFACTION
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit, notes_edit
from desktop.common.record_dialog import RecordDialog


class FollowUpDialog(RecordDialog):
    record_table = "mediation_follow_ups"  # its version is checked at saving (db.versions)

    def __init__(self, ctx: AppContext, case_id: int, record_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, record_id, parent)
        self.case_id = case_id
        self.setWindowTitle(self.tr("Follow-up visit"))
        zh = ctx.is_chinese
        page = self.add_page(self.tr("Follow-up visit"))
        self.visited_on_edit = self.add_field(page, "visited_on", self.tr("Visited on"), DateEdit(), required=True)
        self.visitor_edit = self.add_field(page, "visitor", self.tr("Visitor"), QLineEdit(), required=True)
        self.performed_combo = self.add_field(page, "performed", self.tr("Agreement performed"),
                                              CodeCombo(FOLLOW_UP_PERFORMED, zh))
        self.satisfaction_combo = self.add_field(page, "satisfaction", self.tr("Satisfaction"),
                                                 CodeCombo(SATISFACTION, zh))
        self.relapse_combo = self.add_field(page, "relapse_risk", self.tr("Risk of relapse"),
                                            CodeCombo(RELAPSE_RISK, zh))
        self.action_edit = self.add_field(page, "action", self.tr("Action taken"), notes_edit())
        self.notes_edit = self.add_field(page, "notes", self.tr("What was found"), notes_edit())
        self.resize(440, 420)
        self.load_record()
        self.visited_on_edit.setFocus()

    def load(self, session: Session) -> None:
        assert self.record_id is not None
        f = load_follow_up_input(session, self.record_id)
        self.visited_on_edit.set_value(f.visited_on)
        self.visitor_edit.setText(f.visitor)
        self.performed_combo.set_code(f.performed)
        self.satisfaction_combo.set_code(f.satisfaction)
        self.relapse_combo.set_code(f.relapse_risk)
        self.action_edit.setPlainText(f.action)
        self.notes_edit.setPlainText(f.notes)

    def save(self, session: Session) -> int:
        data = FollowUpInput(self.visited_on_edit.value(), self.visitor_edit.text(), self.performed_combo.code(),
                             self.satisfaction_combo.code(), self.relapse_combo.code(),
                             self.action_edit.toPlainText(), self.notes_edit.toPlainText())
        return save_follow_up(session, self.case_id, data, self.record_id).id
