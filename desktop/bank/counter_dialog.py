"""The counter (兑换台), for a market day (公益集市) with residents in a row, keyboard only:

    zs ⏎   (the resident: name, pinyin, initials, ID or phone tail; ⏎ takes the first found)
    xyy ⏎  mj*2 ⏎   (items by name, pinyin or initials, *N for a quantity; ⏎ adds the first found)
    ⏎      (on the empty item box: redeem; the slip is ready to print, the next resident begins)

Esc on the item box starts again with the next resident. db.bank.redeeming checks the balance
and the stock together and writes nothing while anything is wrong; its reasons show in red
here. The slip of the last redemption prints with Ctrl+P (A4 or a receipt's width).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.bank.accounts import AccountRow, find_accounts
from db.bank.allowance import allowance_left
from db.bank.goods import GoodsRow, find_goods
from db.bank.redeeming import Item, redeem
from db.validation import FieldError, ValidationErrors
from desktop.common.context import AppContext
from desktop.common.record_dialog import ERROR_STYLE

MAX_SHOWN = 8


@dataclass
class Line:
    goods: GoodsRow
    quantity: int


def split_quantity(text: str) -> tuple[str, int]:
    """"mj*2" → ("mj", 2); "mj×2", "mj x2" too; a plain name → 1."""
    for mark in ("*", "×", "x", "X"):
        name, found, count = text.rpartition(mark)
        if found and name.strip() and count.strip().isdigit():
            return name.strip(), max(int(count), 1)
    return text.strip(), 1


class CounterDialog(QDialog):
    redeemed = Signal(int)  # the redemption's id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("counter_dialog")
        self.setWindowTitle(self.tr("Counter (market day)"))
        self.account: AccountRow | None = None
        self.lines: list[Line] = []
        self.last_redemption: int | None = None
        self.who_edit = QLineEdit(self)
        self.who_edit.setObjectName("who_edit")
        self.who_edit.setPlaceholderText(self.tr("Resident: name, pinyin initials, ID or phone tail — Enter"))
        self.who_list = QListWidget(self)
        self.who_list.setObjectName("who_list")
        self.who_list.setMaximumHeight(120)
        self.who_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.holder_label = QLabel(self)
        self.holder_label.setObjectName("holder_label")
        self.item_edit = QLineEdit(self)
        self.item_edit.setObjectName("item_edit")
        self.item_edit.setPlaceholderText(self.tr("Item: name or initials, *2 for two — Enter adds; "
                                                  "Enter on an empty box redeems"))
        self.item_list = QListWidget(self)
        self.item_list.setObjectName("item_list")
        self.item_list.setMaximumHeight(120)
        self.item_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("lines_table")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Quantity"), self.tr("Points")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("total_label")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("counter_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("done_label")
        self.allowance_label = QLabel(self)  # at a station: what it may still redeem offline
        self.allowance_label.setObjectName("allowance_label")
        form = QFormLayout()
        form.addRow(self.tr("Resident"), self.who_edit)
        form.addRow("", self.who_list)
        form.addRow("", self.holder_label)
        form.addRow(self.tr("Item"), self.item_edit)
        form.addRow("", self.item_list)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.table, 1)
        sums = QHBoxLayout()
        sums.addWidget(self.total_label, 1)
        sums.addWidget(self.allowance_label)
        box.addLayout(sums)
        box.addWidget(self.error_label)
        box.addWidget(self.done_label)
        self.who_edit.textEdited.connect(self.on_who_typed)
        self.who_edit.returnPressed.connect(self.on_who_entered)
        self.item_edit.textEdited.connect(self.on_item_typed)
        self.item_edit.returnPressed.connect(self.on_item_entered)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_slip)
        self._found_accounts: list[AccountRow] = []
        self._found_goods: list[GoodsRow] = []
        with ctx.db.session() as s:  # the pinyin dictionary loads now, not on the first item typed
            find_goods(s, "a")
        self.next_resident()
        self.resize(560, 560)

    # --- the resident ----------------------------------------------------------------------
    def on_who_typed(self, text: str) -> None:
        with self.ctx.db.session() as s:
            self._found_accounts = find_accounts(s, text, limit=MAX_SHOWN)
        self.who_list.clear()
        for row in self._found_accounts:
            self.who_list.addItem(self.tr("%1 — balance %2").replace("%1", row.holder)
                                  .replace("%2", str(row.balance)))
        if self._found_accounts:
            self.who_list.setCurrentRow(0)

    def on_who_entered(self) -> None:
        if not self._found_accounts:
            self.error_label.setText(self.tr("No account found for “%1”.").replace("%1", self.who_edit.text()))
            return
        self.choose(self._found_accounts[max(self.who_list.currentRow(), 0)])

    def choose(self, account: AccountRow) -> None:
        self.account, self.lines = account, []
        self.error_label.clear()
        self.holder_label.setText(self.tr("%1, balance %2 points").replace("%1", account.holder)
                                  .replace("%2", str(account.balance)))
        self.show_lines()
        self.item_edit.setEnabled(True)
        self.item_edit.setFocus()

    # --- the items -------------------------------------------------------------------------
    def on_item_typed(self, text: str) -> None:
        name, _count = split_quantity(text)
        with self.ctx.db.session() as s:
            self._found_goods = find_goods(s, name)[:MAX_SHOWN]
        self.item_list.clear()
        for g in self._found_goods:
            stock = "" if g.stock is None else self.tr(" (%1 left)").replace("%1", str(g.stock))
            self.item_list.addItem(self.tr("%1  %2 points").replace("%1", g.name).replace("%2", str(g.price)) + stock)

    def on_item_entered(self) -> None:
        text = self.item_edit.text().strip()
        if not text:
            self.confirm()
            return
        _name, count = split_quantity(text)
        if not self._found_goods:
            self.on_item_typed(text)
        if not self._found_goods:
            self.error_label.setText(self.tr("No item “%1” in the catalogue.").replace("%1", text))
            return
        goods = self._found_goods[0]
        for line in self.lines:
            if line.goods.id == goods.id:
                line.quantity += count
                break
        else:
            self.lines.append(Line(goods, count))
        self.item_edit.clear()
        self.item_list.clear()
        self._found_goods = []
        self.error_label.clear()
        self.show_lines()

    def show_lines(self) -> None:
        self.table.setRowCount(0)
        for line in self.lines:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate((line.goods.name, str(line.quantity), str(line.goods.price * line.quantity))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        total = sum(line.goods.price * line.quantity for line in self.lines)
        after = (self.account.balance if self.account else 0) - total
        self.total_label.setText(self.tr("Total %1 points; balance after %2").replace("%1", str(total))
                                 .replace("%2", str(after)))
        self.total_label.setStyleSheet(ERROR_STYLE if after < 0 else "")

    # --- redeeming -------------------------------------------------------------------------
    def confirm(self) -> None:
        if self.account is None or not self.lines:
            self.error_label.setText(self.tr("Choose the resident and at least one item first."))
            return
        try:
            with self.ctx.db.session() as s, s.begin():
                done = redeem(s, self.account.id, [Item(line.goods.id, line.quantity) for line in self.lines])
                number, redemption_id, points = done.number, done.id, done.points
        except (ValidationErrors, FieldError) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            self.error_label.setText("\n".join(e.message for e in errors))
            return
        except Exception as exc:  # a refusal (rights) or a database failure: said, the lines kept
            self.error_label.setText(str(exc)[:300])
            return
        self.last_redemption = redemption_id
        self.done_label.setText(self.tr("Redeemed %1 points for %2: slip %3 (Ctrl+P prints it).")
                                .replace("%1", str(points)).replace("%2", self.account.holder).replace("%3", number))
        self.redeemed.emit(redemption_id)
        self.next_resident()

    def next_resident(self) -> None:
        self.account, self.lines = None, []
        self.who_edit.clear()
        self.who_list.clear()
        self.item_edit.clear()
        self.item_list.clear()
        self.item_edit.setEnabled(False)
        self.holder_label.clear()
        self.show_lines()
        self.show_allowance()
        self.who_edit.setFocus()

    def show_allowance(self) -> None:
        """At a station, the points it may still redeem before its next exchange with the office."""
        with self.ctx.db.session() as s:
            left = allowance_left(s)
        self.allowance_label.setVisible(left is not None)
        if left is not None:
            self.allowance_label.setText(self.tr("Offline allowance left: %1 points").replace("%1", str(left)))

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Enter never closes the counter; Esc in the item box starts again with the next resident."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        if event.key() == Qt.Key.Key_Escape and self.account is not None:
            self.error_label.clear()
            self.next_resident()
            return
        super().keyPressEvent(event)

    def print_slip(self) -> None:
        if self.last_redemption is None:
            return
        from desktop.printing.actions import print_redemption_slip

        print_redemption_slip(self, self.ctx.db, self.last_redemption)
