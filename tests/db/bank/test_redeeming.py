"""Redeeming at the counter (issue 17, point 3): balance and stock checked in the same
transaction, every problem said at once and nothing written, stock in and out as movements,
partner shops with their monthly settlement, and the slip's values."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.bank.accounts import balance
from db.bank.goods import goods_rows, move_stock, save_goods
from db.bank.ledger import post
from db.bank.redeeming import Item, redeem, slip
from db.bank.shops import save_shop, settlement
from db.database import Database
from db.models import BankEntry, Redemption, StockMove
from db.validation import ValidationErrors
from tests.db.bank.test_ledger import an_account

TODAY = date(2026, 12, 3)


def stocked(db: Database) -> tuple[int, int, int]:
    """An account with 30 points; 洗衣液 (10 points, 3 in stock) and 理发 (a service, 8 points)."""
    account = an_account(db)
    with db.session() as s, s.begin():
        post(s, account, "earn", 30, today=TODAY)
        soap = save_goods(s, "洗衣液", 10, unit="瓶").id
        haircut = save_goods(s, "理发", 8, unit="次", tracks_stock=False).id
        move_stock(s, soap, 3, "in", note="社区采购")
    return account, soap, haircut


def refused(db: Database, write) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as info, db.session() as s, s.begin():
        write(s)
    return [str(e) for e in info.value.errors]


def counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(int(s.scalar(select(func.count()).select_from(t)) or 0)  # type: ignore[return-value]
                     for t in (BankEntry, StockMove, Redemption))


def test_a_redemption_takes_points_and_stock_together(db: Database) -> None:
    account, soap, haircut = stocked(db)
    with db.session() as s, s.begin():
        number = redeem(s, account, [Item(soap, 2), Item(haircut, 1)], today=TODAY).id
    with db.session() as s:
        assert balance(s, account) == 30 - 28
        assert {g.name: g.stock for g in goods_rows(s)} == {"洗衣液": 1, "理发": None}
        printed = slip(s, number)
    assert printed.number == "DH2026-0001" and printed.total == 28 and printed.balance_after == 2
    assert printed.lines == (("洗衣液", 2, 20), ("理发", 1, 8)) and printed.holder == "王大爷"


def test_every_problem_is_said_at_once_and_nothing_written(db: Database) -> None:
    account, soap, haircut = stocked(db)
    before = counts(db)
    assert refused(db, lambda s: redeem(s, account, [Item(soap, 4)], today=TODAY)) == [
        "积分：余额不足：现有30分，本次兑换需40分", "洗衣液：库存不足：现有3瓶，需要4瓶"]
    assert refused(db, lambda s: redeem(s, account, [Item(soap, -1), Item(999, 1)], today=TODAY)) == [
        "第1项数量：应为1到1000之间的整数", "第2项：该物品已不在目录中"]
    assert refused(db, lambda s: redeem(s, account, [], today=TODAY)) == ["兑换物品：请选择要兑换的物品"]
    assert refused(db, lambda s: redeem(s, account, [Item(soap, "两")], today=TODAY)) == [
        "第1项数量：应为1到1000之间的整数"]
    assert counts(db) == before


def test_the_same_item_twice_is_one_line_checked_as_a_whole(db: Database) -> None:
    account, soap, _haircut = stocked(db)
    assert refused(db, lambda s: redeem(s, account, [Item(soap, 2), Item(soap, 2)], today=TODAY)) == [
        "积分：余额不足：现有30分，本次兑换需40分", "洗衣液：库存不足：现有3瓶，需要4瓶"]


def test_stock_never_goes_below_zero_and_a_loss_says_why(db: Database) -> None:
    _account, soap, haircut = stocked(db)
    assert refused(db, lambda s: move_stock(s, soap, 5, "out", note="过期")) == [
        "数量：“洗衣液”库存不足：现有3瓶，需要5瓶"]
    assert refused(db, lambda s: move_stock(s, soap, 1, "out")) == ["说明：必填"]
    assert refused(db, lambda s: move_stock(s, haircut, 1, "in")) == ["物品：“理发”是服务项目，没有库存"]


def test_a_partner_shop_records_redemptions_at_its_name_and_is_settled(db: Database) -> None:
    account, _soap, _haircut = stocked(db)
    with db.session() as s, s.begin():
        shop = save_shop(s, "幸福超市", contact="刘老板", phone="13900002222").id
        save_shop(s, "便民理发店")
        redeem(s, account, shop_id=shop, points=12, note="米面油", today=TODAY)
    assert refused(db, lambda s: redeem(s, account, points=5, today=TODAY)) == [
        "积分：按积分兑换只用于合作商家；在驿站请选择物品"]
    assert refused(db, lambda s: save_shop(s, "幸福超市")) == ["商家名称：“幸福超市”已经登记"]
    with db.session() as s:  # (a redemption is timed by the clock: settled in the real month)
        this_month = settlement(s, date.today().year, date.today().month)
    assert [(line.shop, line.redemptions, line.points) for line in this_month] == [("幸福超市", 1, 12),
                                                                                  ("便民理发店", 0, 0)]
