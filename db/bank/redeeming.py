"""Redeeming points at the counter (兑换): the resident's account, the items and their quantities,
checked together and written together in the caller's transaction — the balance and the stock
are read with the account's and the items' rows locked, so what is checked is what is taken.

Every problem is said at once (余额不足 and 库存不足 together), and nothing is written while there
is one. A redemption at a partner shop is recorded at the shop's name, for a sum of points
(what the resident took there) or for catalogue items; each shop is settled monthly
(db.bank.shops). The slip's number is the office's yearly series, DH2026-0001; a station
numbers provisionally (站名-临-DH2026-0003) as for cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.bank.allowance import check_allowance
from db.bank.goods import stock_levels
from db.bank.ledger import account_balance, locked_account, station_name
from db.models import BankEntry, BankGoods, PartnerShop, Redemption, RedemptionLine, StockMove
from db.permissions import actor_of, require_in
from db.validation import ErrorCollector, FieldError, check_free_text, check_int, is_id

MAX_QUANTITY = 1000
MAX_SHOP_POINTS = 100_000


@dataclass(frozen=True)
class Item:
    goods_id: int
    quantity: int | str = 1


def next_number(session: Session, year: int) -> str:
    from db.counters import take_next
    from db.exchange.numbers import station_prefix

    prefix = f"{station_prefix(session) or ''}DH{year}-"
    return f"{prefix}{take_next(session, 'redemption_station' if station_prefix(session) else 'redemption', year):04d}"


def _items(session: Session, items: Sequence[Item], errors: ErrorCollector) -> list[tuple[BankGoods, int]]:
    """The items checked: each a live, active catalogue entry with a quantity; one line per item."""
    wanted: dict[int, int] = {}
    for n, item in enumerate(items, start=1):
        count = errors.check(check_int, item.quantity, "items", f"第{n}项数量", 1, MAX_QUANTITY)
        goods = session.get(BankGoods, item.goods_id, with_for_update=True) if is_id(item.goods_id) else None
        if goods is None or goods.deleted_at is not None:
            errors.add(FieldError("items", f"第{n}项", "该物品已不在目录中"))
        elif not goods.active:
            errors.add(FieldError("items", f"第{n}项", f"“{goods.name}”已停止兑换"))
        elif count is not None:
            wanted[goods.id] = wanted.get(goods.id, 0) + count
    return [(session.get_one(BankGoods, gid), count) for gid, count in wanted.items()]


def redeem(session: Session, account_id: int, items: Sequence[Item] = (), *, shop_id: int | None = None,
           points: object = None, note: str = "", today: date | None = None) -> Redemption:
    """Take the points for `items` (or, at a partner shop, `points` for what was taken there)."""
    require_in(session, "edit")
    errors = ErrorCollector()
    shop = None
    if shop_id is not None:
        shop = session.get(PartnerShop, shop_id) if is_id(shop_id) else None
        if shop is None or shop.deleted_at is not None or not shop.active:
            errors.add(FieldError("shop_id", "合作商家", "请选择在册的合作商家"))
    text = errors.check(check_free_text, note, "note", "说明", max_len=200) or ""
    lines = _items(session, items, errors)
    amount = 0
    if points not in (None, ""):
        if shop_id is None:
            errors.add(FieldError("points", "积分", "按积分兑换只用于合作商家；在驿站请选择物品"))
        checked: int | None = errors.check(check_int, points, "points", "积分", 1, MAX_SHOP_POINTS)
        amount = checked or 0
    if not lines and not amount and not errors.errors:
        errors.add(FieldError("items", "兑换物品", "请选择要兑换的物品"))
    errors.raise_if_any()
    account = locked_account(session, account_id)
    total = amount + sum(goods.price * count for goods, count in lines)
    have = account_balance(session, account.id)
    if total > have:
        errors.add(FieldError("points", "积分", f"余额不足：现有{have}分，本次兑换需{total}分"))
    check_allowance(session, total, errors)  # (at a station, offline)
    levels = stock_levels(session, [g.id for g, _ in lines if g.tracks_stock])
    for goods, count in lines:
        if goods.tracks_stock and levels[goods.id] < count:
            errors.add(FieldError("items", goods.name,
                                  f"库存不足：现有{levels[goods.id]}{goods.unit}，需要{count}{goods.unit}"))
    errors.raise_if_any()
    day = today or date.today()
    who, station = actor_of(session).username, station_name(session)
    redemption = Redemption(number=next_number(session, day.year), account_id=account.id,
                            shop_id=shop.id if shop is not None else None, station=station, by=who, points=total)
    session.add(redemption)
    session.flush()
    for goods, count in lines:
        session.add(RedemptionLine(redemption_id=redemption.id, goods_id=goods.id, name=goods.name, quantity=count,
                                   price=goods.price))
        if goods.tracks_stock:
            session.add(StockMove(goods_id=goods.id, quantity=-count, kind="redeem", redemption_id=redemption.id,
                                  by=who, note=redemption.number))
    what = "、".join(f"{g.name}×{c}" for g, c in lines) or text or "合作商家消费"
    where = f"（{shop.name}）" if shop is not None else ""
    entry = BankEntry(account_id=account.id, kind="redeem", points=-total, on=day, category="other",
                      reason=f"兑换{where}：{what}"[:200], source="redemption", source_id=redemption.id,
                      entered_by=who, station=station)
    session.add(entry)
    session.flush()
    redemption.entry_id = entry.id
    session.flush()
    return redemption


@dataclass(frozen=True)
class Slip:
    """What a 兑换凭证 prints: plain values."""

    number: str
    at: str
    holder: str
    where: str
    lines: tuple[tuple[str, int, int], ...]  # (name, quantity, points)
    total: int
    balance_after: int
    by: str


def slip(session: Session, redemption_id: int, community: str = "") -> Slip:
    from db.bank.accounts import balances
    from db.models import BankAccount, Household, Person

    r = session.get_one(Redemption, redemption_id)
    account = session.get_one(BankAccount, r.account_id)
    if account.person_id is not None:
        holder = session.get_one(Person, account.person_id).name
    else:
        head = session.scalar(select(Person.name).join(Household, Household.head_id == Person.id)
                              .where(Household.id == account.household_id))
        holder = f"户：{head or ''}"
    shop = session.get(PartnerShop, r.shop_id) if r.shop_id else None
    where = shop.name if shop is not None else (r.station or community or "社区")
    lines = tuple((line.name, line.quantity, line.price * line.quantity) for line in r.lines)
    if not lines:
        lines = (("合作商家消费", 1, r.points),)
    after = balances(session, [account.id])[account.id]
    return Slip(r.number, r.at.strftime("%Y-%m-%d %H:%M"), holder, where, lines, r.points, after, r.by)
