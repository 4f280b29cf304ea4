"""Redeeming at a station while offline, and what the office does when it went too far.

A station's counter works without the office: it redeems from the balances it last heard of.
So that a resident cannot spend the same points at the office and at a station before the two
exchange, a station may redeem offline only up to an allowance the office sets for it (per
station, `points allowance` / 道德银行 → 服务站与透支; DEFAULT_ALLOWANCE until set). The
allowance counts the points redeemed at the station that the office has not yet confirmed
receiving: each bundle the office acknowledges frees it again.

When the office imports a station's redemptions and an account ends below zero (the office had
redeemed the same points meanwhile), the station's lines stand — the goods were handed over —
and the account is flagged (bank_overdrafts, 透支记录) for a person to deal with, with an
adjustment or a word with the resident. Nothing is refused or lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.bank.accounts import balances
from db.models import BankAccount, BankEntry, BankOverdraft, ChangeJournalEntry, ExchangePeer, now
from db.permissions import actor_of, require_in
from db.validation import ErrorCollector, FieldError, check_free_text, check_int, is_id

DEFAULT_ALLOWANCE = 500  # points a station redeems offline until the office sets its own figure
MAX_ALLOWANCE = 1_000_000


class AllowanceError(Exception):
    """str() is one Chinese sentence."""


@dataclass(frozen=True)
class StationAllowance:
    station: str
    points: int
    is_default: bool


@dataclass(frozen=True)
class OverdraftRow:
    id: int
    account_id: int
    holder: str
    station: str
    balance_then: int
    balance_now: int
    found_at: datetime


def _here(session: Session):  # type: ignore[no-untyped-def]
    from db.exchange.journal import this_copy

    return this_copy(session)


def station_allowances(session: Session) -> list[StationAllowance]:
    """At the office: each station with the points it may redeem offline."""
    peers = session.scalars(select(ExchangePeer).where(ExchangePeer.kind == "station").order_by(ExchangePeer.name))
    return [StationAllowance(p.name, p.points_allowance if p.points_allowance is not None else DEFAULT_ALLOWANCE,
                             p.points_allowance is None) for p in peers]


def set_allowance(session: Session, station: str, points: object) -> int:
    """At the office: the points `station` may redeem offline from its next bundle on."""
    require_in(session, "points_approve")
    here = _here(session)
    if here is None or here.kind != "office":
        raise AllowanceError("只有办公室能设定服务站的离线兑换额度。")
    peer = session.scalars(select(ExchangePeer).where(ExchangePeer.kind == "station",
                                                      ExchangePeer.name == station.strip())).first()
    if peer is None:
        names = "、".join(a.station for a in station_allowances(session)) or "（还没有服务站副本）"
        raise AllowanceError(f"没有名为“{station}”的服务站；现有：{names}。")
    errors = ErrorCollector()
    amount = errors.check(check_int, points, "points", "离线兑换额度", 0, MAX_ALLOWANCE)
    if amount is None and not errors.has("points"):
        errors.add(FieldError("points", "离线兑换额度", "必填"))
    errors.raise_if_any()
    peer.points_allowance = int(amount or 0)
    session.flush()
    return peer.points_allowance


def offline_redeemed(session: Session) -> int:
    """At a station: the points redeemed here that the office has not confirmed receiving."""
    here = _here(session)
    if here is None or here.kind != "station":
        return 0
    confirmed = session.scalar(select(ExchangePeer.acked_up_to).where(ExchangePeer.kind == "office")) or 0
    taken = session.scalar(
        select(func.coalesce(func.sum(BankEntry.points), 0))
        .join(ChangeJournalEntry, (ChangeJournalEntry.table_name == "bank_entries")
              & (ChangeJournalEntry.row_id == BankEntry.id) & (ChangeJournalEntry.op == "insert"))
        .where(BankEntry.kind == "redeem", ChangeJournalEntry.origin == here.uuid,
               ChangeJournalEntry.seq > confirmed))
    return -int(taken or 0)


def allowance_left(session: Session) -> int | None:
    """At a station: the points it may still redeem before its next exchange; None elsewhere."""
    here = _here(session)
    if here is None or here.kind != "station":
        return None
    allowance = here.points_allowance if here.points_allowance is not None else DEFAULT_ALLOWANCE
    return max(allowance - offline_redeemed(session), 0)


def check_allowance(session: Session, points: int, errors: ErrorCollector) -> None:
    """At a station, a redemption over what is left of the allowance is one more problem."""
    left = allowance_left(session)
    if left is not None and points > left:
        errors.add(FieldError("points", "积分", f"超出本服务站的离线兑换额度：还可兑换{left}分，本次需{points}分；"
                                              "请先与办公室交换数据，或请办公室调整额度"))


def flag_overdrafts(session: Session, account_ids: Iterable[int], station: str) -> list[OverdraftRow]:
    """At the office, after a station's bundle: the accounts it took below zero, flagged (an
    account already flagged and not dealt with is not flagged twice)."""
    ids = sorted(set(account_ids))
    below = {a: b for a, b in balances(session, ids).items() if b < 0}
    if not below:
        return []
    open_ones = set(session.scalars(select(BankOverdraft.account_id).where(
        BankOverdraft.account_id.in_(sorted(below)), BankOverdraft.handled_at.is_(None))))
    for account_id, balance in below.items():
        if account_id not in open_ones:
            session.add(BankOverdraft(account_id=account_id, station=station, balance=balance))
    session.flush()
    return [r for r in open_overdrafts(session) if r.account_id in below]


def open_overdrafts(session: Session) -> list[OverdraftRow]:
    """The flags no one has dealt with yet, oldest first (of the accounts the session's community
    holds: the join puts the scope's filter on them)."""
    from db.bank.account_list import account_rows

    flags = session.scalars(select(BankOverdraft).join(BankAccount, BankAccount.id == BankOverdraft.account_id)
                            .where(BankOverdraft.handled_at.is_(None))
                            .order_by(BankOverdraft.found_at, BankOverdraft.id)).all()
    rows = {r.id: r for r in account_rows(session, [f.account_id for f in flags])}
    return [OverdraftRow(f.id, f.account_id, rows[f.account_id].holder if f.account_id in rows else "",
                         f.station, f.balance, rows[f.account_id].balance if f.account_id in rows else f.balance,
                         f.found_at) for f in flags]


def handle_overdraft(session: Session, overdraft_id: object, note: str) -> None:
    """Mark a flag dealt with, saying how (an adjustment made, the resident told)."""
    require_in(session, "points_approve")
    errors = ErrorCollector()
    text = errors.check(check_free_text, note, "note", "处理说明", max_len=200, required=True) or ""
    flag = session.get(BankOverdraft, overdraft_id) if is_id(overdraft_id) else None
    if flag is None:
        errors.add(FieldError("overdraft", "透支记录", "该透支记录不存在"))
    elif flag.handled_at is not None:
        errors.add(FieldError("overdraft", "透支记录", f"该记录已由{flag.handled_by}处理"))
    errors.raise_if_any()
    assert flag is not None
    flag.handled_by, flag.handled_at, flag.note = actor_of(session).username, now(), text
    session.flush()
