"""Partner shops (合作商家): residents redeem points there, recorded at the shop's name, and each
shop is settled monthly from its redemptions (settlement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.bank.rules import period_of
from db.models import PartnerShop, Redemption
from db.validation import ErrorCollector, FieldError, ValidationErrors, check_free_text, check_phone, is_id


def save_shop(session: Session, name: str, *, contact: str = "", phone: str = "", address: str = "",
              active: bool = True, shop_id: int | None = None) -> PartnerShop:
    errors = ErrorCollector()
    clean = errors.check(check_free_text, name, "name", "商家名称", max_len=60, required=True)
    person = errors.check(check_free_text, contact, "contact", "联系人", max_len=30) or ""
    number = errors.check(check_phone, phone, "phone", "联系电话") or ""
    place = errors.check(check_free_text, address, "address", "地址", max_len=100) or ""
    errors.raise_if_any()
    shop = session.get(PartnerShop, shop_id) if is_id(shop_id) else None
    if shop_id is not None and (shop is None or shop.deleted_at is not None):
        raise ValidationErrors([FieldError("name", "商家名称", "该商家已不存在，请刷新后重试")])
    if session.scalar(select(PartnerShop.id).where(PartnerShop.name == clean, PartnerShop.deleted_at.is_(None),
                                                   PartnerShop.id != (shop_id or 0))) is not None:
        raise ValidationErrors([FieldError("name", "商家名称", f"“{clean}”已经登记")])
    if shop is None:
        shop = PartnerShop()
        session.add(shop)
    shop.name, shop.contact, shop.phone, shop.address, shop.active = clean or "", person, number, place, bool(active)
    session.flush()
    return shop


@dataclass(frozen=True)
class ShopRow:
    id: int
    name: str
    contact: str
    phone: str
    address: str


def shop_rows(session: Session) -> list[ShopRow]:
    return [ShopRow(s.id, s.name, s.contact, s.phone, s.address) for s in session.scalars(
        select(PartnerShop).where(PartnerShop.deleted_at.is_(None), PartnerShop.active.is_(True))
        .order_by(PartnerShop.id))]


@dataclass(frozen=True)
class SettlementLine:
    shop_id: int
    shop: str
    redemptions: int
    points: int


def settlement(session: Session, year: int, month: int) -> list[SettlementLine]:
    """Each partner shop's redemptions in the month (a shop without any: a line of zeros)."""
    start, end = period_of(date(year, month, 1), "month")
    sums = {shop: (n, int(p or 0)) for shop, n, p in session.execute(
        select(Redemption.shop_id, func.count(), func.sum(Redemption.points))
        .where(Redemption.shop_id.is_not(None), Redemption.deleted_at.is_(None),
               Redemption.at >= datetime.combine(start, datetime.min.time()),
               Redemption.at < datetime.combine(end, datetime.min.time()))
        .group_by(Redemption.shop_id))}
    shops = session.execute(select(PartnerShop.id, PartnerShop.name).where(PartnerShop.deleted_at.is_(None))
                            .order_by(PartnerShop.id)).all()
    return [SettlementLine(sid, name, *sums.get(sid, (0, 0))) for sid, name in shops]
