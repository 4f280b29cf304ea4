"""The moral bank's figures: what was issued (by category), redeemed and expired, what is
outstanding (the points residents hold: the office's liability), and the stock's movement.

Every line counts once, under what it is: an earned line or an adjustment is "issued", a
redemption "redeemed", an expiry "expired", and a reversal under the kind of the line it
reverses. So issued − redeemed − expired is, by construction, the sum of all balances — the
check `stats` prints. Lines are counted by their booking date (`on`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from db.bank.rules import period_of
from db.models import BankAccount, BankEntry, BankGoods, Redemption, StockMove

ISSUED, REDEEMED, EXPIRED = "issued", "redeemed", "expired"


@dataclass(frozen=True)
class Totals:
    issued: int
    redeemed: int
    expired: int
    outstanding: int  # the sum of all balances
    accounts: int


@dataclass(frozen=True)
class StockLine:
    name: str
    unit: str
    opening: int
    stocked: int  # in
    taken: int  # out (losses, returns to a supplier)
    redeemed: int
    closing: int


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    issued_by_category: dict[str, int] = field(default_factory=dict)
    issued: int = 0
    redeemed: int = 0
    expired: int = 0
    outstanding: int = 0  # at the end of the month
    redemptions: int = 0
    stock: tuple[StockLine, ...] = ()


def _sums(session: Session, start: date | None, end: date | None) -> dict[tuple[str, str], int]:
    """(issued/redeemed/expired, category) → points of the lines booked in [start, end).

    Two grouped scans rather than one self-join: the lines by kind, and the few reversals by
    the kind of the line each reverses (found through the unique index on reverses_id) — at a
    million lines the self-join cost a second."""
    def within(stmt):  # type: ignore[no-untyped-def]
        if start is not None:
            stmt = stmt.where(BankEntry.on >= start)
        if end is not None:
            stmt = stmt.where(BankEntry.on < end)
        return stmt

    found: dict[tuple[str, str], int] = {}

    def add(kind: str, category: str, points: object) -> None:
        group = ISSUED if kind in ("earn", "adjust") else REDEEMED if kind == "redeem" else EXPIRED
        found[(group, category)] = found.get((group, category), 0) + int(points or 0)  # type: ignore[call-overload]

    for kind, category, points in session.execute(within(
            select(BankEntry.kind, BankEntry.category, func.sum(BankEntry.points))
            .join(BankAccount, BankEntry.account_id == BankAccount.id)
            .where(BankEntry.kind != "reverse").group_by(BankEntry.kind, BankEntry.category))):
        add(kind, category, points)
    original = aliased(BankEntry)
    for kind, category, points in session.execute(within(
            select(original.kind, BankEntry.category, func.sum(BankEntry.points))
            .join(original, BankEntry.reverses_id == original.id)
            .join(BankAccount, BankEntry.account_id == BankAccount.id)
            .where(BankEntry.reverses_id.is_not(None)).group_by(original.kind, BankEntry.category))):
        add(kind, category, points)
    return found


def totals(session: Session) -> Totals:
    sums = _sums(session, None, None)
    issued = sum(p for (g, _), p in sums.items() if g == ISSUED)
    redeemed = -sum(p for (g, _), p in sums.items() if g == REDEEMED)
    expired = -sum(p for (g, _), p in sums.items() if g == EXPIRED)
    outstanding = sum(sums.values())  # every line is in one group: the sum of all balances
    accounts = int(session.scalar(select(func.count()).select_from(BankAccount)
                                  .where(BankAccount.deleted_at.is_(None))) or 0)
    return Totals(issued, redeemed, expired, outstanding, accounts)


def month_figures(session: Session, year: int, month: int) -> MonthFigures:
    start, end = period_of(date(year, month, 1), "month")
    sums = _sums(session, start, end)
    by_category: dict[str, int] = {}
    for (g, category), points in sums.items():
        if g == ISSUED:
            by_category[category] = by_category.get(category, 0) + points
    # At the month's end: everything, less what was booked after it. (A range "before the end"
    # would read most of the ledger through the date index, row by row: ten times a plain scan.)
    def total(*where):  # type: ignore[no-untyped-def]
        return int(session.scalar(select(func.coalesce(func.sum(BankEntry.points), 0))
                                  .join(BankAccount, BankEntry.account_id == BankAccount.id).where(*where)) or 0)

    outstanding = total() - total(BankEntry.on >= end)
    redemptions = int(session.scalar(select(func.count()).select_from(Redemption).where(
        Redemption.deleted_at.is_(None), Redemption.at >= _at(start), Redemption.at < _at(end))) or 0)
    return MonthFigures(year, month, by_category, sum(by_category.values()),
                        -sum(p for (g, _), p in sums.items() if g == REDEEMED),
                        -sum(p for (g, _), p in sums.items() if g == EXPIRED), outstanding, redemptions,
                        tuple(_stock(session, start, end)))


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _stock(session: Session, start: date, end: date) -> list[StockLine]:
    before = StockMove.at < _at(start)
    within = (StockMove.at >= _at(start)) & (StockMove.at < _at(end))
    rows = session.execute(
        select(BankGoods.name, BankGoods.unit,
               func.coalesce(func.sum(case((before, StockMove.quantity), else_=0)), 0),
               func.coalesce(func.sum(case((within & (StockMove.kind == "in"), StockMove.quantity), else_=0)), 0),
               func.coalesce(func.sum(case((within & (StockMove.kind == "out"), -StockMove.quantity), else_=0)), 0),
               func.coalesce(func.sum(case((within & (StockMove.kind == "redeem"), -StockMove.quantity), else_=0)),
                             0))
        .outerjoin(StockMove, StockMove.goods_id == BankGoods.id)
        .where(BankGoods.deleted_at.is_(None), BankGoods.tracks_stock.is_(True))
        .group_by(BankGoods.id, BankGoods.name, BankGoods.unit, BankGoods.sort_order)
        .order_by(BankGoods.sort_order, BankGoods.id)).all()
    return [StockLine(name, unit, int(o), int(i), int(t), int(r), int(o) + int(i) - int(t) - int(r))
            for name, unit, o, i, t, r in rows]
