"""The office's side of the stations' counters (服务站兑换额度与透支记录): how many points each
station may redeem offline between two exchanges, and the accounts a station's offline
redemptions took below zero, each marked dealt with once someone has (an adjustment, a word
with the resident).

db.bank.allowance checks and writes; its reasons show in red here.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.bank.allowance import (
    MAX_ALLOWANCE,
    handle_overdraft,
    open_overdrafts,
    set_allowance,
    station_allowances,
)
from db.permissions import allowed
from desktop.bank.parts import bar_button, fill_table, list_table, write_or_say
from desktop.common.context import AppContext
from desktop.common.formatting import format_date
from desktop.common.record_dialog import ERROR_STYLE


class StationsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("stations_dialog")
        self.setWindowTitle(self.tr("Stations' allowances and overdrafts"))
        self.may_change = allowed(ctx.db.actor, "points_approve")
        self.allowances = list_table(self, "allowances_table", [self.tr("Station"), self.tr("Offline allowance")])
        self.overdrafts = list_table(self, "overdrafts_table", [
            self.tr("Holder"), self.tr("Station"), self.tr("Balance then"), self.tr("Balance now"),
            self.tr("Found on")])
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setPlaceholderText(self.tr("How it was dealt with (e.g. adjusted, resident told)"))
        self.message = QLabel(self)
        self.message.setObjectName("stations_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self._spins: list[tuple[str, QSpinBox]] = []
        self._flags: list[int] = []

        allowance_box = QGroupBox(self.tr("Points each station may redeem offline between two exchanges"), self)
        allowance_layout = QVBoxLayout(allowance_box)
        allowance_layout.addWidget(self.allowances)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.save_button = bar_button(self, bar, "save_allowances_button", self.tr("Save allowances"),
                                      self.on_save)
        allowance_layout.addLayout(bar)
        overdraft_box = QGroupBox(self.tr("Accounts a station took below zero (both sides redeemed)"), self)
        overdraft_layout = QVBoxLayout(overdraft_box)
        overdraft_layout.addWidget(self.overdrafts)
        handled = QHBoxLayout()
        handled.addWidget(self.note_edit, 1)
        self.handle_button = bar_button(self, handled, "handle_button", self.tr("Mark dealt with"), self.on_handle)
        overdraft_layout.addLayout(handled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(allowance_box)
        box.addWidget(overdraft_box, 1)
        box.addWidget(self.message)
        box.addWidget(buttons)
        for widget in (self.save_button, self.handle_button, self.note_edit):
            widget.setEnabled(self.may_change)
        self.load()
        self.resize(640, 520)

    def load(self) -> None:
        with self.ctx.db.session() as s:
            allowances, flags = station_allowances(s), open_overdrafts(s)
        self.allowances.setRowCount(0)
        self._spins = []
        for row, station in enumerate(allowances):
            self.allowances.insertRow(row)
            self.allowances.setItem(row, 0, QTableWidgetItem(station.station))
            spin = QSpinBox(self.allowances)
            spin.setObjectName(f"allowance_{row}")
            spin.setRange(0, MAX_ALLOWANCE)
            spin.setSingleStep(50)
            spin.setValue(station.points)
            spin.setSuffix(self.tr(" points"))
            spin.setEnabled(self.may_change)
            self.allowances.setCellWidget(row, 1, spin)
            self._spins.append((station.station, spin))
        zh = self.ctx.is_chinese
        self._flags = [f.id for f in flags]
        fill_table(self.overdrafts, [[f.holder, f.station, str(f.balance_then), str(f.balance_now),
                                      format_date(f.found_at.date(), zh)] for f in flags])
        if not allowances:
            self.message.setText(self.tr("No station copies yet: make one with File → Make a station copy…."))

    def on_save(self) -> None:
        def write(s: Session) -> None:
            for station, spin in self._spins:
                set_allowance(s, station, spin.value())

        if write_or_say(self.ctx, write, self.message.setText):
            self.message.clear()
            self.load()

    def on_handle(self) -> None:
        row = self.overdrafts.currentRow()
        if not 0 <= row < len(self._flags):
            self.message.setText(self.tr("Choose an overdraft in the list first."))
            return
        flag = self._flags[row]
        if write_or_say(self.ctx, lambda s: handle_overdraft(s, flag, self.note_edit.text()), self.message.setText):
            self.message.clear()
            self.note_edit.clear()
            self.load()
