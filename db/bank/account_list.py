"""The points accounts list (道德银行 tab): ids in display order for a search, and the page's rows
with their balances, summed for that page only (20,000 accounts, a million lines: a page of
balances is one grouped query on the ledger's account index).

A household's account is listed and found by its head; the search is the person's keys (name,
pinyin, initials, the tail of an ID number or phone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from db.bank.accounts import balances
from db.listing import Sort, fetch_ids, load_rows, text_condition
from db.models import BankAccount, BankEntry, Household, Person


@dataclass(frozen=True)
class AccountFilter:
    text: str = ""
    households: bool | None = None  # True: households' accounts only; False: persons' only


@dataclass(frozen=True)
class AccountListRow:
    id: int
    holder: str
    is_household: bool
    balance: int
    last_on: date | None  # the latest line's day


def _holder():  # type: ignore[no-untyped-def]
    """(person, head) aliases: the account's own person, or its household's head."""
    return aliased(Person), aliased(Person)


def account_ids(session: Session, f: AccountFilter, sort: Sort = Sort(),  # noqa: B008
                limit: int | None = None) -> list[int]:
    own, head = _holder()
    stmt = (select(BankAccount.id).outerjoin(own, BankAccount.person_id == own.id)
            .outerjoin(Household, BankAccount.household_id == Household.id)
            .outerjoin(head, Household.head_id == head.id)
            .where(BankAccount.deleted_at.is_(None)))
    if f.households is not None:
        stmt = stmt.where(BankAccount.household_id.is_not(None) if f.households else BankAccount.person_id.is_not(None))
    if (mine := text_condition(f.text, own.search_text)) is not None:
        heads = text_condition(f.text, head.search_text)
        stmt = stmt.where(mine | heads if heads is not None else mine)
    name = func.coalesce(own.name_sort, head.name_sort)
    order = name.desc() if sort.descending else name.asc()
    return fetch_ids(session, stmt.order_by(order, BankAccount.id).limit(limit))


def account_rows(session: Session, ids: Sequence[int]) -> list[AccountListRow]:
    def fetch(s: Session, chunk: Sequence[int]) -> dict[int, AccountListRow]:
        own, head = _holder()
        sums = balances(s, list(chunk))
        last = dict(s.execute(select(BankEntry.account_id, func.max(BankEntry.on))
                              .where(BankEntry.account_id.in_(chunk)).group_by(BankEntry.account_id)).all())
        rows = s.execute(select(BankAccount.id, own.name, head.name, BankAccount.household_id)
                         .outerjoin(own, BankAccount.person_id == own.id)
                         .outerjoin(Household, BankAccount.household_id == Household.id)
                         .outerjoin(head, Household.head_id == head.id)
                         .where(BankAccount.id.in_(chunk)))
        return {aid: AccountListRow(aid, mine or f"户：{theirs or ''}", household is not None, sums[aid], last.get(aid))
                for aid, mine, theirs, household in rows}

    return load_rows(session, ids, fetch)


@dataclass(frozen=True)
class StatementLine:
    id: int
    on: date
    kind: str
    category: str
    points: int
    balance: int  # after this line
    reason: str
    entered_by: str
    approved_by: str
    station: str
    reversed: bool  # a later line reverses this one
    reverses: int | None


def statement(session: Session, account_id: int, start: date | None = None,
              end: date | None = None) -> tuple[int, list[StatementLine]]:
    """The passbook (积分存折) of an account for [start, end): the balance brought forward and
    each line with the balance after it, in booking order."""
    where = [BankEntry.account_id == account_id]
    opening = 0
    if start is not None:
        opening = int(session.scalar(select(func.coalesce(func.sum(BankEntry.points), 0))
                                     .where(*where, BankEntry.on < start)) or 0)
        where.append(BankEntry.on >= start)
    if end is not None:
        where.append(BankEntry.on < end)
    reversed_ids = set(session.scalars(select(BankEntry.reverses_id).where(
        BankEntry.account_id == account_id, BankEntry.reverses_id.is_not(None))))
    running, lines = opening, []
    for e in session.scalars(select(BankEntry).where(*where).order_by(BankEntry.on, BankEntry.id)):
        running += e.points
        lines.append(StatementLine(e.id, e.on, e.kind, e.category, e.points, running, e.reason, e.entered_by,
                                   e.approved_by, e.station, e.id in reversed_ids, e.reverses_id))
    return opening, lines
