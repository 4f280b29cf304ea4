"""Expiry (optional; off unless the office sets a number of months in the bank's settings):
points older than N months that are still unspent expire, oldest first, by an expire line.

Spending takes the oldest points first: every line taking points off (a redemption, an
expiry, a reversal, a negative adjustment) uses up the oldest remaining earned points. What is
left of a line older than the limit expires. Run again, the run finds nothing more (the expiry
lines it wrote use those points up). The statement shows in advance what will expire
(`upcoming`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.bank.ledger import at_office_only, station_name
from db.bank.settings import bank_settings
from db.members import add_months_to
from db.models import BankAccount, BankEntry
from db.permissions import actor_of, require_in

NOTICE_DAYS = 90  # how far ahead the statement warns


@dataclass(frozen=True)
class Expiring:
    on: date  # the day these points expire
    points: int


def _unspent(lines: Iterable[tuple[date, int]]) -> list[tuple[date, int]]:
    """The earned lines (date, points) still unspent, oldest first, spending taking the oldest."""
    ordered = sorted(lines)
    spent = -sum(p for _, p in ordered if p < 0)
    left = []
    for on, points in ordered:
        if points <= 0:
            continue
        used = min(points, spent)
        spent -= used
        if points - used:
            left.append((on, points - used))
    return left


def _lines_by_account(session: Session, account_ids: list[int] | None) -> dict[int, list[tuple[date, int]]]:
    stmt = (select(BankEntry.account_id, BankEntry.on, BankEntry.points)
            .join(BankAccount, BankEntry.account_id == BankAccount.id))
    if account_ids is not None:
        stmt = stmt.where(BankEntry.account_id.in_(account_ids))
    found: dict[int, list[tuple[date, int]]] = {}
    for account, on, points in session.execute(stmt):
        found.setdefault(account, []).append((on, points))
    return found


def expire_points(session: Session, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> int:
    """Write the expire lines due today; returns the points expired (0 when expiry is off).
    `progress(done, total)` hears every 500 accounts; `cancelled()` true stops it with
    InterruptedError (the caller's transaction then writes nothing)."""
    require_in(session, "edit")
    at_office_only(session, "积分过期处理")
    months = bank_settings(session).expiry_months
    if not months:
        return 0
    day = today or date.today()
    cutoff = add_months_to(day, -months)
    who, station, total = actor_of(session).username, station_name(session), 0
    accounts = _lines_by_account(session, None)
    for done, (account, lines) in enumerate(accounts.items()):
        if done % 500 == 0:
            if cancelled is not None and cancelled():
                raise InterruptedError
            if progress is not None:
                progress(done, len(accounts))
        due = sum(points for on, points in _unspent(lines) if on < cutoff)
        if due:
            session.add(BankEntry(account_id=account, kind="expire", points=-due, on=day, category="other",
                                  reason=f"积分过期（{months}个月前获得，未使用）", source="expiry",
                                  entered_by=who, station=station))
            total += due
    session.flush()
    return total


def upcoming(session: Session, account_id: int, today: date | None = None) -> list[Expiring]:
    """What will expire in the next NOTICE_DAYS, by day (nothing when expiry is off)."""
    months = bank_settings(session).expiry_months
    if not months:
        return []
    day = today or date.today()
    found: dict[date, int] = {}
    for on, points in _unspent(_lines_by_account(session, [account_id]).get(account_id, [])):
        expires = add_months_to(on, months)
        if day <= expires <= day + timedelta(days=NOTICE_DAYS):
            found[expires] = found.get(expires, 0) + points
    return [Expiring(on, points) for on, points in sorted(found.items())]
