"""The charity market's catalogue (公益集市): goods and services with their price in points, and
the stock of goods as the sum of their movements in (入库) and out (出库, a redemption).

A movement is never changed or removed (the database refuses it, as for the ledger): a wrong
one is corrected by another movement. A service (理发, 维修) has no stock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import BankGoods, StockMove
from db.permissions import actor_of, require_in
from db.validation import ErrorCollector, FieldError, ValidationErrors, check_free_text, check_int, is_id

MAX_PRICE = 100_000
MAX_QUANTITY = 100_000
MOVE_KINDS = {"in": "入库", "out": "出库", "redeem": "兑换"}


@dataclass(frozen=True)
class GoodsRow:
    id: int
    name: str
    unit: str
    price: int
    tracks_stock: bool
    stock: int | None  # None for a service
    active: bool


def stock_levels(session: Session, goods_ids: Sequence[int]) -> dict[int, int]:
    levels = dict.fromkeys(goods_ids, 0)
    if goods_ids:
        levels.update(session.execute(select(StockMove.goods_id, func.sum(StockMove.quantity))
                                      .where(StockMove.goods_id.in_(list(goods_ids)))
                                      .group_by(StockMove.goods_id)).all())
    return {k: int(v or 0) for k, v in levels.items()}


def goods_rows(session: Session, *, include_inactive: bool = False) -> list[GoodsRow]:
    stmt = select(BankGoods).where(BankGoods.deleted_at.is_(None)).order_by(BankGoods.sort_order, BankGoods.id)
    if not include_inactive:
        stmt = stmt.where(BankGoods.active.is_(True))
    goods = list(session.scalars(stmt))
    levels = stock_levels(session, [g.id for g in goods])
    return [GoodsRow(g.id, g.name, g.unit, g.price, g.tracks_stock, levels[g.id] if g.tracks_stock else None, g.active)
            for g in goods]


def save_goods(session: Session, name: str, price: object, *, unit: str = "件", tracks_stock: bool = True,
               active: bool = True, goods_id: int | None = None) -> BankGoods:
    """Add an item to the catalogue or change one; a redemption keeps the price it was made at."""
    errors = ErrorCollector()
    clean = errors.check(check_free_text, name, "name", "物品名称", max_len=60, required=True)
    points = errors.check(check_int, price, "price", "兑换积分", 1, MAX_PRICE)
    if points is None and not errors.has("price"):
        errors.add(FieldError("price", "兑换积分", "必填"))
    unit_text = errors.check(check_free_text, unit, "unit", "单位", max_len=8, required=True)
    errors.raise_if_any()
    goods = session.get(BankGoods, goods_id) if is_id(goods_id) else None
    if goods_id is not None and (goods is None or goods.deleted_at is not None):
        raise ValidationErrors([FieldError("name", "物品名称", "该物品已不存在，请刷新后重试")])
    if session.scalar(select(BankGoods.id).where(BankGoods.name == clean, BankGoods.deleted_at.is_(None),
                                                 BankGoods.id != (goods_id or 0))) is not None:
        raise ValidationErrors([FieldError("name", "物品名称", f"“{clean}”已在物品目录中")])
    if goods is None:
        goods = BankGoods(sort_order=(session.scalar(select(func.max(BankGoods.sort_order))) or 0) + 1)
        session.add(goods)
    goods.name, goods.price, goods.unit = clean or "", int(points or 0), unit_text or "件"
    goods.tracks_stock, goods.active = bool(tracks_stock), bool(active)
    session.flush()
    return goods


def move_stock(session: Session, goods_id: int, quantity: object, kind: str, note: str = "",
               redemption_id: int | None = None) -> StockMove:
    """Goods in (kind "in", a positive quantity) or out ("out"/"redeem": taken off, never below
    zero). The item's row is locked for the transaction, so two counters cannot both take the last one."""
    require_in(session, "edit")
    if kind not in MOVE_KINDS:
        raise ValueError(kind)
    errors = ErrorCollector()
    count = errors.check(check_int, quantity, "quantity", "数量", 1, MAX_QUANTITY)
    if count is None and not errors.has("quantity"):
        errors.add(FieldError("quantity", "数量", "必填"))
    text = errors.check(check_free_text, note, "note", "说明", max_len=200, required=kind == "out") or ""
    errors.raise_if_any()
    goods = session.get(BankGoods, goods_id, with_for_update=True) if is_id(goods_id) else None
    if goods is None or goods.deleted_at is not None:
        raise ValidationErrors([FieldError("goods_id", "物品", "该物品已不存在")])
    if not goods.tracks_stock:
        raise ValidationErrors([FieldError("goods_id", "物品", f"“{goods.name}”是服务项目，没有库存")])
    signed = int(count or 0) if kind == "in" else -int(count or 0)
    if signed < 0:
        have = stock_levels(session, [goods.id])[goods.id]
        if have + signed < 0:
            raise ValidationErrors([FieldError("quantity", "数量",
                                               f"“{goods.name}”库存不足：现有{have}{goods.unit}，需要{-signed}{goods.unit}")])
    move = StockMove(goods_id=goods.id, quantity=signed, kind=kind, note=text, redemption_id=redemption_id,
                     by=actor_of(session).username)
    session.add(move)
    session.flush()
    return move


def find_goods(session: Session, text: str) -> list[GoodsRow]:
    """The active catalogue items a counter's typing names: by name, pinyin or initials (洗衣液:
    xyy, xiyiye), the whole name first. The catalogue is small (tens of items): its keys are
    made here, not stored."""
    from db.search_keys import normalize_query, search_text

    typed = normalize_query(text)
    if not typed:
        return []
    found = [g for g in goods_rows(session) if typed in search_text(g.name)]
    return sorted(found, key=lambda g: (normalize_query(g.name) != typed,
                                        not any(k.startswith(typed) for k in search_text(g.name).split("|"))))
