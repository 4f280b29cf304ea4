"""The moral bank's figures (issue 17, points 4–6): issued by category, redeemed, expired and
outstanding — issued − redeemed − expired equals the sum of the balances, reversals counted
under what they reverse — the stock's movement, and expiry oldest first (off by default)."""

from __future__ import annotations

from datetime import date

from db.accounts import create_user, sign_in
from db.bank.accounts import balance
from db.bank.expiry import expire_points, upcoming
from db.bank.goods import move_stock, save_goods
from db.bank.ledger import post, reverse
from db.bank.redeeming import Item, redeem
from db.bank.reports import month_figures, totals
from db.bank.settings import save_bank_settings
from db.database import Database
from tests.db.bank.test_ledger import an_account

PASSWORD = "Xingfu#2026"


def test_the_figures_add_up(db: Database) -> None:
    first, second = an_account(db), an_account(db, "李梅", "122")
    with db.session() as s, s.begin():
        create_user(s, "admin", PASSWORD, "admin")
    db.actor = sign_in(db, "admin", PASSWORD)
    today = date.today()
    with db.session() as s, s.begin():
        post(s, first, "earn", 20, category="garbage")
        wrong = post(s, second, "earn", 15, category="good_deed").id
        reverse(s, wrong, "录错了")
        post(s, second, "earn", 12, category="good_deed")
        post(s, first, "adjust", -2, reason="多记了")
        soap = save_goods(s, "洗衣液", 5, unit="瓶").id
        move_stock(s, soap, 10, "in", note="采购")
        redeem(s, first, [Item(soap, 2)])
    with db.session() as s:
        figures = totals(s)
        month = month_figures(s, today.year, today.month)
        assert figures.outstanding == balance(s, first) + balance(s, second) == 8 + 12
    assert (figures.issued, figures.redeemed, figures.expired) == (30, 10, 0)
    assert figures.issued - figures.redeemed - figures.expired == figures.outstanding
    assert month.issued_by_category == {"garbage": 20, "good_deed": 12, "other": -2} and month.redeemed == 10
    assert month.outstanding == 20 and month.redemptions == 1
    [line] = month.stock
    assert (line.name, line.opening, line.stocked, line.redeemed, line.closing) == ("洗衣液", 0, 10, 2, 8)


def test_expiry_is_off_by_default_then_takes_the_oldest_first(db: Database) -> None:
    account = an_account(db)
    with db.session() as s, s.begin():
        post(s, account, "earn", 10, on="2025-01-10", today=date(2026, 12, 3))
        post(s, account, "earn", 5, on="2025-11-20", today=date(2026, 12, 3))
        post(s, account, "earn", 7, on="2026-06-01", today=date(2026, 12, 3))
        post(s, account, "redeem", 12, on="2026-07-01", today=date(2026, 12, 3))  # uses the 10 and 2 of the 5
    with db.session() as s, s.begin():
        assert expire_points(s, date(2026, 12, 3)) == 0  # off
        save_bank_settings(s, "1", 7, 12)
    with db.session() as s:
        assert [(e.on, e.points) for e in upcoming(s, account, date(2026, 10, 1))] == [(date(2026, 11, 20), 3)]
    with db.session() as s, s.begin():
        assert expire_points(s, date(2026, 12, 3)) == 3  # the 3 left of November 2025's 5
        assert expire_points(s, date(2026, 12, 3)) == 0  # once
        assert balance(s, account) == 7
        assert totals(s).expired == 3
