"""Good-deed claims (好人好事申报) as the office works them: the claims not yet settled with where
each stands; 申报 (a resident found by typing, an earning item, the deed, the day); 审核通过 or 不通过
(an administrator's, a rejection with its reason); 登记异议 during the notice; 入账 for the
notices that have run their days; 打印公示 (names, items and points only, in the notice layout).

db.bank.claims checks every step; its reasons show in red here and nothing is written.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.bank.claims import claim_rows, credit_due, object_to_claim, public_notice, review_claim, submit_claim
from db.bank.rules import rule_rows
from db.permissions import allowed
from db.vocab import CLAIM_STATES
from desktop.bank.parts import HolderPicker, bar_button, write_or_say
from desktop.common.context import AppContext
from desktop.common.fields import DateEdit, notes_edit
from desktop.common.formatting import format_date, label
from desktop.common.record_dialog import ERROR_STYLE


class ClaimsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("claims_dialog")
        self.setWindowTitle(self.tr("Good-deed claims"))
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("claims_table")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Earning item"), self.tr("Points"),
                                              self.tr("Deed"), self.tr("Happened on"), self.tr("State"),
                                              self.tr("Notice until / note")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for column, width in ((0, 70), (1, 150), (2, 45), (3, 200), (4, 110), (5, 60)):
            self.table.setColumnWidth(column, width)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("claims_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        bar = QHBoxLayout()
        self.new_button = bar_button(self, bar, "new_claim_button", self.tr("New claim…"), self.on_new_clicked)
        self.approve_button = bar_button(self, bar, "approve_button", self.tr("Approve and post"),
                                           lambda: self.on_review_clicked(True))
        self.reject_button = bar_button(self, bar, "reject_button", self.tr("Reject…"),
                                          lambda: self.on_review_clicked(False))
        self.object_button = bar_button(self, bar, "object_button", self.tr("Record an objection…"),
                                          self.on_object_clicked)
        self.credit_button = bar_button(self, bar, "credit_button", self.tr("Credit ended notices"),
                                          self.on_credit_clicked)
        self.print_button = bar_button(self, bar, "print_notice_button", self.tr("Print the public notice"),
                                         self.on_print_clicked)
        bar.addStretch(1)
        may_edit, may_approve = allowed(ctx.db.actor, "edit"), allowed(ctx.db.actor, "points_approve")
        at_office = ctx.station_registers is None  # a station records claims; the office reviews and credits
        for button in (self.new_button, self.object_button):
            button.setVisible(may_edit)
        self.credit_button.setVisible(may_edit and at_office)
        for button in (self.approve_button, self.reject_button):
            button.setVisible(may_approve and at_office)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.table, 1)
        box.addWidget(self.error_label)
        box.addWidget(buttons)
        self._ids: list[int] = []
        self.reload()
        self.resize(900, 480)

    def reload(self) -> None:
        zh = self.ctx.is_chinese
        with self.ctx.db.session() as s:
            rows = claim_rows(s)
        self.table.setRowCount(0)
        self._ids = []
        for row in rows:
            r = self.table.rowCount()
            self.table.insertRow(r)
            last = format_date(row.until, zh) if row.state == "posted" else row.note
            for column, text in enumerate((row.name, row.item, str(row.points), row.deed,
                                           format_date(row.happened_on, zh), label(CLAIM_STATES, row.state, zh),
                                           last)):
                self.table.setItem(r, column, QTableWidgetItem(text))
            self._ids.append(row.id)

    def chosen(self) -> int | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._ids):
            self.error_label.setText(self.tr("Choose a claim in the list first."))
            return None
        return self._ids[row]

    def _write(self, write) -> bool:  # type: ignore[no-untyped-def]
        self.error_label.clear()
        if not write_or_say(self.ctx, write, self.error_label.setText):
            return False
        self.reload()
        return True

    def on_new_clicked(self) -> None:
        if ClaimDialog(self.ctx, self).exec():
            self.reload()

    def on_review_clicked(self, approve: bool) -> None:
        claim = self.chosen()
        if claim is None:
            return
        note = ""
        if not approve:
            note, ok = QInputDialog.getText(self, self.tr("Reject"), self.tr("Why is the claim rejected?"))
            if not ok:
                return
        self._write(lambda s: review_claim(s, claim, approve, note))

    def on_object_clicked(self) -> None:
        claim = self.chosen()
        if claim is None:
            return
        note, ok = QInputDialog.getText(self, self.tr("Objection"), self.tr("What was objected:"))
        if ok:
            self._write(lambda s: object_to_claim(s, claim, note))

    def on_credit_clicked(self) -> None:
        self._write(lambda s: credit_due(s))

    def on_print_clicked(self) -> None:
        from desktop.printing.actions import print_notice
        from desktop.printing.notice import Notice

        with self.ctx.db.session() as s:
            data = public_notice(s, date.today())
        if not data.rows:
            self.error_label.setText(self.tr("No claim is being posted now: approve one first."))
            return
        notice = Notice(kind="public", issuer=data.issuer, title=data.title, addressee="", body=data.body,
                        issued_on=data.issued_on, table_headers=["姓名", "事项", "积分"], table_rows=data.rows)
        self._print_job = print_notice(self, notice)


class ClaimDialog(QDialog):
    """申报: the resident (typed), the earning item, the deed and the day it happened."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("claim_dialog")
        self.setWindowTitle(self.tr("New good-deed claim"))
        with ctx.db.session() as s:
            rules = rule_rows(s)
        self.picker = HolderPicker(ctx, self.tr("The resident: name, pinyin initials, ID or phone tail"), self)
        self.find_edit = self.picker.find_edit
        self.rule_combo = QComboBox(self)
        self.rule_combo.setObjectName("rule_combo")
        for r in rules:
            self.rule_combo.addItem(self.tr("%1 (%2 points)").replace("%1", r.name).replace("%2", str(r.points)), r.id)
        self.deed_edit = notes_edit(self, height=80)
        self.deed_edit.setObjectName("deed_edit")
        self.date_edit = DateEdit(self)
        self.date_edit.setObjectName("date_edit")
        self.date_edit.set_value(date.today())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("claim_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Resident"), self.picker)
        form.addRow(self.tr("Earning item"), self.rule_combo)
        form.addRow(self.tr("Deed"), self.deed_edit)
        form.addRow(self.tr("Happened on"), self.date_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error_label)
        box.addWidget(buttons)
        self.resize(520, 420)

    def accept(self) -> None:
        person = self.picker.chosen()
        if person is None:
            self.error_label.setText(self.tr("Type the resident's name and choose them from the list."))
            return
        rule, deed, day = self.rule_combo.currentData(), self.deed_edit.toPlainText(), self.date_edit.value()
        if write_or_say(self.ctx, lambda s: submit_claim(s, person, rule, deed, day), self.error_label.setText):
            super().accept()
