"""The charity market's catalogue (物品目录) and partner shops (合作商家), as the office keeps them:
goods and services with their price in points and their stock, goods in (入库) and out (出库, a
loss or a return, with its reason); the shops, and each shop's monthly settlement sheet.

db.bank.goods and db.bank.shops check and write; their reasons show in red here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from db.bank.goods import goods_rows, move_stock, save_goods
from db.bank.shops import save_shop, shop_rows
from db.permissions import allowed
from desktop.bank.parts import bar_button, fill_table, list_table, write_or_say
from desktop.common.context import AppContext
from desktop.common.record_dialog import ERROR_STYLE


class CatalogueDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("catalogue_dialog")
        self.setWindowTitle(self.tr("Catalogue and partner shops"))
        # The catalogue and the shops are the office's: a station reads them.
        self.may_edit = allowed(ctx.db.actor, "edit") and ctx.station_registers is None
        self.tabs = QTabWidget(self)
        self.goods = list_table(self, "goods_table", [self.tr("Item"), self.tr("Unit"), self.tr("Points"),
                                                  self.tr("In stock"), self.tr("Offered")])
        self.shops = list_table(self, "shops_table", [self.tr("Shop"), self.tr("Contact"), self.tr("Phone"),
                                                  self.tr("Address")])
        self.error_label = QLabel(self)
        self.error_label.setObjectName("catalogue_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        goods_page, shops_page = QWidget(self), QWidget(self)
        goods_box, shops_box = QVBoxLayout(goods_page), QVBoxLayout(shops_page)
        bar = QHBoxLayout()
        self.new_goods_button = bar_button(self, bar, "new_goods_button", self.tr("New item…"), self.on_new_goods)
        self.edit_goods_button = bar_button(self, bar, "edit_goods_button", self.tr("Edit…"), self.on_edit_goods)
        self.stock_in_button = bar_button(self, bar, "stock_in_button", self.tr("Goods in…"),
                                          lambda: self.on_move("in"))
        self.stock_out_button = bar_button(self, bar, "stock_out_button", self.tr("Goods out…"),
                                             lambda: self.on_move("out"))
        bar.addStretch(1)
        goods_box.addLayout(bar)
        goods_box.addWidget(self.goods)
        bar = QHBoxLayout()
        self.new_shop_button = bar_button(self, bar, "new_shop_button", self.tr("New shop…"), self.on_new_shop)
        self.settle_button = bar_button(self, bar, "settle_button", self.tr("Print last month's settlement"),
                                          self.on_settle)
        bar.addStretch(1)
        shops_box.addLayout(bar)
        shops_box.addWidget(self.shops)
        self.tabs.addTab(goods_page, self.tr("Catalogue"))
        self.tabs.addTab(shops_page, self.tr("Partner shops"))
        for button in (self.new_goods_button, self.edit_goods_button, self.stock_in_button, self.stock_out_button,
                       self.new_shop_button):
            button.setVisible(self.may_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.error_label)
        box.addWidget(buttons)
        self.reload()
        self.resize(640, 440)

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            self._goods = goods_rows(s, include_inactive=True)
            shops = shop_rows(s)
        fill_table(self.goods, [[g.name, g.unit, str(g.price), "—" if g.stock is None else str(g.stock),
                            self.tr("Yes") if g.active else self.tr("No")] for g in self._goods])
        fill_table(self.shops, [[s.name, s.contact, s.phone, s.address] for s in shops])

    def _write(self, write) -> bool:  # type: ignore[no-untyped-def]
        self.error_label.clear()
        if not write_or_say(self.ctx, write, self.error_label.setText):
            return False
        self.reload()
        return True

    def chosen_goods(self):  # type: ignore[no-untyped-def]
        row = self.goods.currentRow()
        if not 0 <= row < len(self._goods):
            self.error_label.setText(self.tr("Choose an item in the list first."))
            return None
        return self._goods[row]

    def on_new_goods(self) -> None:
        if GoodsDialog(self.ctx, None, self).exec():
            self.reload()

    def on_edit_goods(self) -> None:
        goods = self.chosen_goods()
        if goods is not None and GoodsDialog(self.ctx, goods, self).exec():
            self.reload()

    def on_move(self, kind: str) -> None:
        goods = self.chosen_goods()
        if goods is None:
            return
        title = self.tr("Goods in") if kind == "in" else self.tr("Goods out")
        quantity, ok = QInputDialog.getInt(self, title, self.tr("Quantity of %1:").replace("%1", goods.name), 1, 1,
                                           100000)
        if not ok:
            return
        note, ok = QInputDialog.getText(self, title, self.tr("Note (for goods out: why):"))
        if ok:
            self._write(lambda s: move_stock(s, goods.id, quantity, kind, note=note))

    def on_new_shop(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New shop"), self.tr("The shop's name:"))
        if not ok:
            return
        contact, ok = QInputDialog.getText(self, self.tr("New shop"), self.tr("Contact person:"))
        if not ok:
            return
        phone, ok = QInputDialog.getText(self, self.tr("New shop"), self.tr("Phone:"))
        if ok:
            self._write(lambda s: save_shop(s, name, contact=contact, phone=phone))

    def on_settle(self) -> None:
        from desktop.printing.actions import print_shop_settlement

        today = date.today()
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        self._print_job = print_shop_settlement(self, self.ctx.db, year, month)


class GoodsDialog(QDialog):
    """One catalogue item: its name, unit, price in points, whether it has a stock, whether offered."""

    def __init__(self, ctx: AppContext, goods, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx, self.goods = ctx, goods
        self.setObjectName("goods_dialog")
        self.setWindowTitle(self.tr("Catalogue item"))
        self.name_edit = QLineEdit(goods.name if goods else "", self)
        self.name_edit.setObjectName("name_edit")
        self.unit_edit = QLineEdit(goods.unit if goods else "件", self)
        self.unit_edit.setObjectName("unit_edit")
        self.price_spin = QSpinBox(self)
        self.price_spin.setObjectName("price_spin")
        self.price_spin.setRange(1, 100000)
        self.price_spin.setValue(goods.price if goods else 10)
        self.stock_box = QCheckBox(self.tr("Goods with a stock (not a service)"), self)
        self.stock_box.setChecked(goods.tracks_stock if goods else True)
        self.active_box = QCheckBox(self.tr("Offered at the counter"), self)
        self.active_box.setChecked(goods.active if goods else True)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Item"), self.name_edit)
        form.addRow(self.tr("Unit"), self.unit_edit)
        form.addRow(self.tr("Points"), self.price_spin)
        form.addRow("", self.stock_box)
        form.addRow("", self.active_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error_label)
        box.addWidget(buttons)

    def accept(self) -> None:
        goods_id = self.goods.id if self.goods else None

        def save(s: Session) -> None:
            save_goods(s, self.name_edit.text(), self.price_spin.value(), unit=self.unit_edit.text(),
                       tracks_stock=self.stock_box.isChecked(), active=self.active_box.isChecked(), goods_id=goods_id)

        if write_or_say(self.ctx, save, self.error_label.setText):
            super().accept()
