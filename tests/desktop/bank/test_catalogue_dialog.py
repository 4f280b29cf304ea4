"""The catalogue and partner shops from the window (issue 17, point 3): an item added and edited,
goods in, goods out refused past the stock with its reason, a shop added, and the monthly
settlement sheet read back from its PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber

from db.bank.goods import goods_rows, move_stock
from db.bank.ledger import post
from db.bank.redeeming import redeem
from db.bank.shops import save_shop, settlement
from desktop.bank.catalogue_dialog import CatalogueDialog, GoodsDialog
from desktop.common.context import AppContext
from desktop.printing.bank_documents import build_settlement
from tests.db.bank.test_ledger import an_account
from tests.qt_input import type_text


def test_items_are_added_stocked_and_refused_past_the_stock(  # type: ignore[no-untyped-def]
        qtbot, ctx: AppContext) -> None:
    dialog = CatalogueDialog(ctx)
    qtbot.addWidget(dialog)
    item = GoodsDialog(ctx, None)
    qtbot.addWidget(item)
    item.accept()
    assert "物品名称：必填" in item.error_label.text()
    type_text(qtbot, item.name_edit, "洗衣液")
    item.price_spin.setValue(20)
    item.accept()
    assert item.result() == GoodsDialog.DialogCode.Accepted
    dialog.reload()
    assert dialog.goods.rowCount() == 1 and dialog.goods.item(0, 3).text() == "0"
    with ctx.db.session() as s, s.begin():
        move_stock(s, goods_rows(s)[0].id, 5, "in", note="采购")
    dialog.reload()
    dialog.goods.selectRow(0)
    goods = dialog.chosen_goods()
    assert dialog._write(lambda s: move_stock(s, goods.id, 9, "out", note="过期")) is False
    assert "库存不足：现有5件，需要9件" in dialog.error_label.text()
    assert dialog.goods.item(0, 3).text() == "5"


def test_the_monthly_settlement_sheet(ctx: AppContext, tmp_path: Path) -> None:
    account = an_account(ctx.db)
    with ctx.db.session() as s, s.begin():
        post(s, account, "earn", 50)
        shop = save_shop(s, "幸福便民超市").id
        redeem(s, account, shop_id=shop, points=30, note="米面油")
    today = date.today()
    with ctx.db.session() as s:
        lines = settlement(s, today.year, today.month)
    out = tmp_path / "settlement.pdf"
    build_settlement(out, lines, community="幸福社区", month=f"{today.year}年{today.month}月")
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "合作商家结算单" in text and "幸福便民超市" in text and "30" in text and "商家签字" in text
