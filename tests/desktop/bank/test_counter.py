"""The market-day counter (issue 17, point 3): find the resident, two items, confirm — in under
15 keystrokes, keyboard only; a refusal keeps the lines and says why; the slip prints on A4 and
on a receipt's width, read back from the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from db.bank.accounts import balance
from db.bank.goods import move_stock, save_goods
from db.bank.ledger import post
from db.bank.redeeming import slip
from desktop.bank.counter_dialog import CounterDialog, split_quantity
from desktop.common.context import AppContext
from desktop.printing.bank_documents import build_slip
from tests.db.bank.test_ledger import an_account
from tests.qt_input import type_text


class Keys:
    """Types into the focused widget, counting every key pressed."""

    def __init__(self, dialog: CounterDialog) -> None:
        self.dialog, self.count = dialog, 0

    def focused(self):  # type: ignore[no-untyped-def]
        widget = self.dialog.focusWidget()
        assert widget is not None, "nothing has the keyboard"
        return widget

    def type(self, text: str) -> None:
        for ch in text:
            QTest.keyClick(self.focused(), ch)
            self.count += 1

    def enter(self) -> None:
        QTest.keyClick(self.focused(), Qt.Key.Key_Return)
        self.count += 1


def opened(qtbot, ctx: AppContext) -> CounterDialog:  # type: ignore[no-untyped-def]
    dialog = CounterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.who_edit.setFocus()
    return dialog


def stocked(ctx: AppContext) -> int:
    account = an_account(ctx.db, "张三", "131")
    with ctx.db.session() as s, s.begin():
        post(s, account, "earn", 40, today=date.today())
        move_stock(s, save_goods(s, "洗衣液", 10, unit="瓶").id, 5, "in", note="采购")
        move_stock(s, save_goods(s, "毛巾", 8, unit="条").id, 5, "in", note="采购")
    return account


def test_a_redemption_in_under_fifteen_keystrokes(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    account = stocked(ctx)
    dialog = opened(qtbot, ctx)
    keys = Keys(dialog)
    keys.type("zs")
    keys.enter()
    assert "张三" in dialog.holder_label.text() and dialog.focusWidget() is dialog.item_edit
    keys.type("xyy")
    keys.enter()
    keys.type("mj")
    keys.enter()
    assert [(line.goods.name, line.quantity) for line in dialog.lines] == [("洗衣液", 1), ("毛巾", 1)]
    keys.enter()  # the empty item box: redeem
    assert keys.count < 15, keys.count
    assert "DH" in dialog.done_label.text() and dialog.last_redemption is not None
    assert dialog.focusWidget() is dialog.who_edit  # the next resident
    with ctx.db.session() as s:
        assert balance(s, account) == 40 - 18


def test_a_refusal_keeps_the_lines_and_says_why(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    stocked(ctx)
    dialog = opened(qtbot, ctx)
    keys = Keys(dialog)
    keys.type("zs")
    keys.enter()
    keys.type("xyy*6")
    keys.enter()
    keys.enter()
    assert "余额不足：现有40分，本次兑换需60分" in dialog.error_label.text()
    assert "库存不足：现有5瓶，需要6瓶" in dialog.error_label.text()
    assert [(line.goods.name, line.quantity) for line in dialog.lines] == [("洗衣液", 6)]
    assert dialog.last_redemption is None
    type_text(qtbot, dialog.item_edit, "金条")
    keys.enter()
    assert "金条" in dialog.error_label.text()


def test_quantities_are_read_from_what_was_typed() -> None:
    assert split_quantity("mj*2") == ("mj", 2) and split_quantity("毛巾×3") == ("毛巾", 3)
    assert split_quantity("xyy") == ("xyy", 1) and split_quantity("x") == ("x", 1)


def test_the_slip_on_a4_and_on_a_receipt(ctx: AppContext, tmp_path: Path) -> None:
    from db.bank.redeeming import Item, redeem
    from db.models import BankGoods

    account = stocked(ctx)
    with ctx.db.session() as s, s.begin():
        soap = s.query(BankGoods).filter_by(name="洗衣液").one().id
        done = redeem(s, account, [Item(soap, 2)]).id
    with ctx.db.session() as s:
        data = slip(s, done, "幸福社区")
    for receipt in (False, True):
        out = tmp_path / f"slip-{receipt}.pdf"
        build_slip(out, data, community="幸福社区", receipt=receipt)
        with pdfplumber.open(out) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
            width = pdf.pages[0].width
        assert "兑换凭证" in text and data.number in text and "张三" in text and "洗衣液" in text, text
        assert "20" in text and "兑换后余额" in text
        assert (abs(width - 226.8) < 1) == receipt  # 80 mm
