"""The moral bank (道德银行) and its charity market (公益集市): points accounts, the append-only
ledger, the earning items, good-deed claims, the catalogue with its stock movements, partner
shops and redemptions (issue 17).

A balance is never stored: it is the sum of an account's ledger lines (db.bank.ledger), and a
line is never changed or removed once written — the database refuses it (migration 0014's
triggers); a correction is a reversing line pointing at the one it corrects. Stock is the sum
of an item's movements in the same way.

Ledger lines, stock movements and redemption lines carry no community of their own: they
belong to their account, item or redemption, which do (queries join them).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Tracked, new_uuid, now
from db.models.housing import Household
from db.models.people import Person


class BankAccount(Tracked, Base):
    """A resident's (or a household's) points account: exactly one of person and household."""

    __tablename__ = "bank_accounts"
    __table_args__ = (CheckConstraint("(person_id IS NULL) <> (household_id IS NULL)", name="one_holder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), unique=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"), unique=True)
    opened_on: Mapped[date]
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person | None] = relationship()
    household: Mapped[Household | None] = relationship()


class BankRule(Tracked, Base):
    """An earning item (积分项目, like a 村规民约 scheme): its points, category and cap. A line
    earned under it keeps its own points: changing the item later changes nothing earned."""

    __tablename__ = "bank_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(16))  # BANK_CATEGORIES
    points: Mapped[int]
    cap: Mapped[int | None] = mapped_column(default=None)  # at most this many points per cap_period
    cap_period: Mapped[str | None] = mapped_column(String(8), default=None)  # CAP_PERIODS
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class BankEntry(Base):
    """One line of an account's ledger, never changed once written.

    points is signed (a redemption or an expiry is negative); on is the booking date the month
    reports count by; source says where the line comes from (a service log, a claim, a
    redemption, an expiry run, a person at the counter) with source_id its record.
    """

    __tablename__ = "bank_entries"
    __table_args__ = (Index("ix_bank_entries_account_on", "account_id", "on"),
                      Index("ix_bank_entries_source", "source", "source_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    account_id: Mapped[int] = mapped_column(ForeignKey("bank_accounts.id"))
    kind: Mapped[str] = mapped_column(String(8))  # BANK_ENTRY_KINDS
    points: Mapped[int]
    on: Mapped[date] = mapped_column(index=True)
    category: Mapped[str] = mapped_column(String(16), default="other")  # BANK_CATEGORIES (earned lines)
    reason: Mapped[str] = mapped_column(String(200), default="")
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("bank_rules.id"))
    source: Mapped[str] = mapped_column(String(16), default="manual")
    source_id: Mapped[int | None] = mapped_column(default=None)
    hours: Mapped[float | None] = mapped_column(default=None)  # the service hours a line from a service log credits
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("bank_entries.id"), unique=True)
    entered_by: Mapped[str] = mapped_column(String(40), default="")
    approved_by: Mapped[str] = mapped_column(String(40), default="")
    station: Mapped[str] = mapped_column(String(40), default="")  # "" at the office
    at: Mapped[datetime] = mapped_column(default=now)

    account: Mapped[BankAccount] = relationship()


class BankClaim(Tracked, Base):
    """A good-deed claim (好人好事申报): entered by staff for a resident, reviewed, posted publicly
    for notice_days, then credited (its ledger line) unless someone objects."""

    __tablename__ = "bank_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("bank_rules.id"))
    deed: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[date]
    points: Mapped[int]  # the item's points when claimed
    state: Mapped[str] = mapped_column(String(12), default="claimed")  # CLAIM_STATES
    claimed_by: Mapped[str] = mapped_column(String(40), default="")
    reviewed_by: Mapped[str] = mapped_column(String(40), default="")
    posted_on: Mapped[date | None] = mapped_column(default=None)
    notice_days: Mapped[int] = mapped_column(default=7)
    note: Mapped[str] = mapped_column(Text, default="")  # the reason for a rejection, the objection
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("bank_entries.id"))

    person: Mapped[Person] = relationship()
    rule: Mapped[BankRule] = relationship()


class PartnerShop(Tracked, Base):
    """A partner shop (合作商家) where residents redeem points; settled monthly."""

    __tablename__ = "partner_shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    contact: Mapped[str] = mapped_column(String(30), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(default=True)


class BankGoods(Tracked, Base):
    """An item of the catalogue (goods or a service) with its price in points; its stock is the
    sum of its movements (a service has no stock: tracks_stock off)."""

    __tablename__ = "bank_goods"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    unit: Mapped[str] = mapped_column(String(8), default="件")
    price: Mapped[int]
    tracks_stock: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class StockMove(Base):
    """Goods in (入库) or out (出库, a redemption, a loss), never changed once written."""

    __tablename__ = "stock_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    goods_id: Mapped[int] = mapped_column(ForeignKey("bank_goods.id"), index=True)
    quantity: Mapped[int]  # + in, - out
    kind: Mapped[str] = mapped_column(String(8))  # in / out / redeem
    redemption_id: Mapped[int | None] = mapped_column(ForeignKey("redemptions.id"), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    by: Mapped[str] = mapped_column(String(40), default="")
    at: Mapped[datetime] = mapped_column(default=now)


class Redemption(Tracked, Base):
    """One redemption at the counter (兑换): the account, the lines, the points taken (its ledger
    line), where — the office, a station or a partner shop — and its slip number."""

    __tablename__ = "redemptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("bank_accounts.id"), index=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("partner_shops.id"), index=True)
    station: Mapped[str] = mapped_column(String(40), default="")
    at: Mapped[datetime] = mapped_column(default=now)
    by: Mapped[str] = mapped_column(String(40), default="")
    points: Mapped[int]
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("bank_entries.id"))

    lines: Mapped[list[RedemptionLine]] = relationship(back_populates="redemption", order_by="RedemptionLine.id")


class RedemptionLine(Base):
    __tablename__ = "redemption_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    redemption_id: Mapped[int] = mapped_column(ForeignKey("redemptions.id"), index=True)
    goods_id: Mapped[int] = mapped_column(ForeignKey("bank_goods.id"))
    name: Mapped[str] = mapped_column(String(60))  # as it was called when redeemed
    quantity: Mapped[int]
    price: Mapped[int]  # points each, when redeemed

    redemption: Mapped[Redemption] = relationship(back_populates="lines")


class BankOverdraft(Base):
    """An account a station's offline redemptions took below zero (the office had spent the same
    points meanwhile): flagged at the office as the station's bundle is imported, and kept until
    a person has dealt with it (an adjustment, a word with the resident). The station's lines
    stand: nothing it did is refused or lost."""

    __tablename__ = "bank_overdrafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("bank_accounts.id"), index=True)
    station: Mapped[str] = mapped_column(String(60))
    balance: Mapped[int]  # the balance once the station's lines were in
    found_at: Mapped[datetime] = mapped_column(default=now)
    handled_by: Mapped[str] = mapped_column(String(40), default="")
    handled_at: Mapped[datetime | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(String(200), default="")
