"""One points account: its passbook (every line with the balance after it, what is about to
expire), and the ways its balance moves — 记积分 (an earning item, or points with a category and
reason), 调整 and 冲正 (an administrator's, each with its reason), 打印存折.

A new account (the tab's New) starts by choosing its holder, typed as in any search. Nothing
here edits a line: every change is a new one (db.bank.ledger), refused with its reason when it
may not be written.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.bank.account_list import account_rows, statement
from db.bank.accounts import open_account, open_household_account
from db.bank.expiry import upcoming
from db.bank.ledger import post, reverse
from db.bank.rules import earn_by_rule, rule_rows
from db.permissions import allowed
from db.validation import format_date_cn
from db.vocab import BANK_CATEGORIES, BANK_ENTRY_KINDS
from desktop.bank.parts import HolderPicker, bar_button, write_or_say
from desktop.common.context import AppContext
from desktop.common.fields import CodeCombo, DateEdit
from desktop.common.formatting import label
from desktop.common.record_dialog import ERROR_STYLE


class AccountDialog(QDialog):
    def __init__(self, ctx: AppContext, record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.saved_id: int | None = None
        self.changed = False
        self.setObjectName("account_dialog")
        box = QVBoxLayout(self)
        self.holder_label = QLabel(self)
        self.holder_label.setObjectName("holder_label")
        self.holder_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.expiry_label = QLabel(self)
        self.expiry_label.setObjectName("expiry_label")
        box.addWidget(self.holder_label)
        box.addWidget(self.expiry_label)
        if record_id is None:
            self._build_opening(box)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("statement_table")
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Reason"), self.tr("Points"),
                                              self.tr("Balance"), self.tr("Entered / approved by")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for column, width in ((0, 95), (1, 70), (2, 260), (3, 60), (4, 60)):
            self.table.setColumnWidth(column, width)
        box.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.earn_button = bar_button(self, bar, "earn_button", self.tr("Record points…"), self.on_earn_clicked)
        self.adjust_button = bar_button(self, bar, "adjust_button", self.tr("Adjust…"), self.on_adjust_clicked)
        self.reverse_button = bar_button(self, bar, "reverse_button", self.tr("Reverse the line…"),
                                           self.on_reverse_clicked)
        self.print_button = bar_button(self, bar, "print_button", self.tr("Print passbook"), self.on_print_clicked)
        bar.addStretch(1)
        close = bar_button(self, bar, "close_button", self.tr("Close"), self.accept)
        close.setDefault(False)
        box.addLayout(bar)
        may_edit, may_approve = allowed(ctx.db.actor, "edit"), allowed(ctx.db.actor, "points_approve")
        self.earn_button.setVisible(may_edit)
        self.adjust_button.setVisible(may_approve)
        self.reverse_button.setVisible(may_approve)
        self.resize(760, 520)
        self.reload()

    # --- a new account: its holder -------------------------------------------------------------
    def _build_opening(self, box: QVBoxLayout) -> None:
        self.setWindowTitle(self.tr("Open a points account"))
        self.picker = HolderPicker(self.ctx, self.tr("The holder: name, pinyin initials, ID or phone tail"), self,
                                   mark_accounts=self.tr(" — has an account"))
        self.find_edit, self.candidates = self.picker.find_edit, self.picker.candidates
        self.household_check = QCheckBox(self.tr("The household's account (where this resident lives)"), self)
        self.household_check.setObjectName("household_check")
        self.open_button = QPushButton(self.tr("Open the account"), self)
        self.open_button.setObjectName("open_button")
        self.open_button.setAutoDefault(False)
        self.open_error = QLabel(self)
        self.open_error.setObjectName("open_error")
        self.open_error.setStyleSheet(ERROR_STYLE)
        self.picker.entered.connect(self.on_open_clicked)
        self.open_button.clicked.connect(self.on_open_clicked)
        line = QHBoxLayout()
        line.addWidget(self.picker, 1)
        line.addWidget(self.open_button)
        box.addLayout(line)
        box.addWidget(self.household_check)
        box.addWidget(self.open_error)

    def on_open_clicked(self) -> None:
        person = self.picker.chosen()
        if person is None:
            self.open_error.setText(self.tr("Type the holder's name and choose them from the list."))
            return

        household = self.household_check.isChecked()

        def open_it(s: Session) -> None:
            opened = open_household_account(s, person) if household else open_account(s, person_id=person)
            self.record_id = opened.id

        if not write_or_say(self.ctx, open_it, self.open_error.setText):
            return
        self.saved_id, self.changed = self.record_id, True
        for widget in (self.picker, self.open_button, self.open_error, self.household_check):
            widget.hide()
        self.reload()

    # --- the passbook --------------------------------------------------------------------------
    def reload(self) -> None:
        has = self.record_id is not None
        for button in (self.earn_button, self.adjust_button, self.reverse_button, self.print_button):
            button.setEnabled(has)
        if self.record_id is None:
            self.holder_label.setText(self.tr("Choose the holder of the new account."))
            return
        zh = self.ctx.is_chinese
        with self.ctx.db.session() as s:
            row = account_rows(s, [self.record_id])[0]
            _opening, lines = statement(s, self.record_id)
            soon = upcoming(s, self.record_id)
        self.setWindowTitle(self.tr("Points account: %1").replace("%1", row.holder))
        self.holder_label.setText(self.tr("%1 — balance %2 points").replace("%1", row.holder)
                                  .replace("%2", str(row.balance)))
        self.expiry_label.setText("；".join(self.tr("%1 points expire on %2").replace("%1", str(e.points))
                                           .replace("%2", format_date_cn(e.on)) for e in soon))
        self.expiry_label.setVisible(bool(soon))
        self.table.setRowCount(0)
        self._line_ids: list[int] = []
        for line in reversed(lines):  # newest first
            r = self.table.rowCount()
            self.table.insertRow(r)
            kind = label(BANK_ENTRY_KINDS, line.kind, zh) + (self.tr(" (reversed)") if line.reversed else "")
            who = " / ".join(p for p in (line.entered_by, line.approved_by) if p)
            for column, text in enumerate((f"{line.on:%Y-%m-%d}", kind, line.reason, f"{line.points:+d}",
                                           str(line.balance), who + (f"（{line.station}）" if line.station else ""))):
                item = QTableWidgetItem(text)
                if column in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, column, item)
            self._line_ids.append(line.id)

    # --- moving the balance --------------------------------------------------------------------
    def _write(self, write) -> bool:  # type: ignore[no-untyped-def]
        if not write_or_say(self.ctx, write, lambda text: QMessageBox.warning(self, self.tr("Not recorded"), text)):
            return False
        self.changed = True
        self.reload()
        return True

    def on_earn_clicked(self) -> None:
        if self.record_id is not None and EarnDialog(self.ctx, self.record_id, self).exec():
            self.changed = True
            self.reload()

    def on_adjust_clicked(self) -> None:
        points, ok = QInputDialog.getInt(self, self.tr("Adjust"), self.tr("Points (negative to take off):"), 0,
                                         -100000, 100000)
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Adjust"), self.tr("Reason:"))
        if ok and self.record_id is not None:
            account = self.record_id
            self._write(lambda s: post(s, account, "adjust", points, reason=reason))

    def on_reverse_clicked(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._line_ids):
            QMessageBox.information(self, self.tr("Reverse"), self.tr("Choose the line to reverse first."))
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reverse"), self.tr("Why is this line reversed?"))
        if ok:
            entry = self._line_ids[row]
            self._write(lambda s: reverse(s, entry, reason))

    def on_print_clicked(self) -> None:
        if self.record_id is None:
            return
        from desktop.printing.actions import print_passbook

        self._print_job = print_passbook(self, self.ctx.db, self.record_id, None, None)

    def done(self, result: int) -> None:
        """Closing after a change counts as accepted: the tab lists the balances again."""
        super().done(QDialog.DialogCode.Accepted if self.changed else result)


class EarnDialog(QDialog):
    """记积分: under an earning item (its points × times, within its cap), or an amount with a
    category and a reason."""

    def __init__(self, ctx: AppContext, account_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.account_id = ctx, account_id
        self.setObjectName("earn_dialog")
        self.setWindowTitle(self.tr("Record points"))
        with ctx.db.session() as s:
            self.rules = rule_rows(s)
        form = QFormLayout()
        self.rule_combo = QComboBox(self)
        self.rule_combo.setObjectName("rule_combo")
        for r in self.rules:
            self.rule_combo.addItem(self.tr("%1 (%2 points)").replace("%1", r.name).replace("%2", str(r.points)), r.id)
        self.rule_combo.addItem(self.tr("Other: an amount with its reason"), None)
        self.times_spin = QSpinBox(self)
        self.times_spin.setObjectName("times_spin")
        self.times_spin.setRange(1, 100)
        self.points_spin = QSpinBox(self)
        self.points_spin.setObjectName("points_spin")
        self.points_spin.setRange(1, 100000)
        self.category_combo = CodeCombo(BANK_CATEGORIES, ctx.is_chinese, parent=self)
        self.category_combo.setObjectName("category_combo")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason_edit")
        self.date_edit = DateEdit(self)
        self.date_edit.setObjectName("date_edit")
        self.date_edit.set_value(date.today())
        form.addRow(self.tr("Earning item"), self.rule_combo)
        form.addRow(self.tr("Times"), self.times_spin)
        form.addRow(self.tr("Points"), self.points_spin)
        form.addRow(self.tr("Category"), self.category_combo)
        form.addRow(self.tr("Reason"), self.reason_edit)
        form.addRow(self.tr("Date"), self.date_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("earn_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error_label)
        box.addWidget(buttons)
        self.rule_combo.currentIndexChanged.connect(self._by_rule_changed)
        self._by_rule_changed()

    def _by_rule_changed(self) -> None:
        by_rule = self.rule_combo.currentData() is not None
        self.times_spin.setEnabled(by_rule)
        self.points_spin.setEnabled(not by_rule)
        self.category_combo.setEnabled(not by_rule)

    def accept(self) -> None:
        rule = self.rule_combo.currentData()

        def record(s: Session) -> None:
            if rule is not None:
                earn_by_rule(s, self.account_id, rule, times=self.times_spin.value(), on=self.date_edit.value(),
                             reason=self.reason_edit.text())
            else:
                post(s, self.account_id, "earn", self.points_spin.value(), reason=self.reason_edit.text(),
                     category=self.category_combo.code() or "other", on=self.date_edit.value())

        if write_or_say(self.ctx, record, self.error_label.setText):
            super().accept()
