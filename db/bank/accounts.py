"""Points accounts: who may hold one, opening one, and finding one at the counter.

A person holds at most one account, a household at most one. Nobody deceased, merged into
another record or in the recycle bin gets a new line (db.bank.ledger asks `holder_problem`).
At the counter an account is found by the holder's name, pinyin or initials, the tail of the
ID number or phone (the person's search keys), or the household's head.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.listing import text_condition
from db.models import BankAccount, BankEntry, Household, PartyMember, Person, RecordAlias, Resident
from db.validation import FieldError, ValidationErrors, is_id

FIND_LIMIT = 20


@dataclass(frozen=True)
class AccountRow:
    id: int
    holder: str  # 王大爷, or 户：3号楼 2单元301 王大爷
    person_id: int | None
    household_id: int | None
    balance: int


def holder_problem(session: Session, account: BankAccount) -> str | None:
    """Why no line may be written for this account's holder now, or None."""
    if account.deleted_at is not None:
        return "该积分账户在回收站中"
    if account.person_id is not None:
        person = session.get(Person, account.person_id)
        if person is None:
            return "持有人已不存在"
        if session.scalar(select(RecordAlias.uuid).where(RecordAlias.alias_uuid == person.uuid)) is not None:
            return f"{person.name}的记录已合并到另一条记录，请在合并后的记录上登记"
        if person.deleted_at is not None:
            return f"{person.name}的记录在回收站中"
        if session.scalar(select(PartyMember.status).where(PartyMember.person_id == person.id)) == "deceased":
            return f"{person.name}已去世"
    elif account.household_id is not None:
        household = session.get(Household, account.household_id)
        if household is None or household.deleted_at is not None:
            return "该户已不存在或在回收站中"
    return None


def open_account(session: Session, *, person_id: int | None = None, household_id: int | None = None,
                 on: date | None = None) -> BankAccount:
    """The holder's account, opened now if they have none (one per person, one per household)."""
    if (person_id is None) == (household_id is None):
        raise ValidationErrors([FieldError("account", "积分账户", "请选择一位居民或一户")])
    model: type[Person] | type[Household] = Person if person_id is not None else Household
    holder_id = person_id if person_id is not None else household_id
    if not is_id(holder_id) or session.get(model, holder_id) is None:
        raise ValidationErrors([FieldError("account", "积分账户", "所选的居民或户已不存在")])
    column = BankAccount.person_id if person_id is not None else BankAccount.household_id
    account = session.scalars(select(BankAccount).where(column == holder_id)).first()
    if account is None:
        account = BankAccount(person_id=person_id, household_id=household_id, opened_on=on or date.today())
        session.add(account)
        problem = holder_problem(session, account)
        if problem is not None:
            session.expunge(account)
            raise ValidationErrors([FieldError("account", "积分账户", f"不能开户：{problem}")])
        session.flush()
    return account


def account_of(session: Session, person_id: int, household: bool = False) -> int | None:
    """The resident's own account (or, household: their household's), None when not opened."""
    if not household:
        return session.scalar(select(BankAccount.id).where(BankAccount.person_id == person_id))
    return session.scalar(select(BankAccount.id).join(Resident, Resident.household_id == BankAccount.household_id)
                          .where(Resident.person_id == person_id, Resident.deleted_at.is_(None)))


def open_household_account(session: Session, person_id: int, on: date | None = None) -> BankAccount:
    """The account of the household the resident lives in (as head or member), opened now if it
    has none: a household saving its points together (垃圾分类 by the household, say)."""
    household_id = session.scalar(select(Resident.household_id).where(Resident.person_id == person_id,
                                                                      Resident.deleted_at.is_(None)))
    if household_id is None:
        raise ValidationErrors([FieldError("account", "积分账户", "该居民没有登记在某一户中，不能开立户积分账户")])
    return open_account(session, household_id=household_id, on=on)


def balances(session: Session, account_ids: list[int]) -> dict[int, int]:
    """Each account's balance: the sum of its lines (0 for an account without any)."""
    found: dict[int, int] = dict.fromkeys(account_ids, 0)
    for start in range(0, len(account_ids), 500):
        chunk = account_ids[start:start + 500]
        found.update(session.execute(select(BankEntry.account_id, func.sum(BankEntry.points))
                                     .where(BankEntry.account_id.in_(chunk)).group_by(BankEntry.account_id)).all())
    return {k: int(v or 0) for k, v in found.items()}


def balance(session: Session, account_id: int) -> int:
    return balances(session, [account_id])[account_id]


def find_accounts(session: Session, text: str, limit: int = FIND_LIMIT) -> list[AccountRow]:
    """Accounts whose holder matches what was typed at the counter, with their balances; a
    household's account is found by its head. The best matches (a name typed whole) first."""
    condition = text_condition(text, Person.search_text)
    if condition is None:
        return []
    people = (select(BankAccount.id, Person.name, BankAccount.person_id, BankAccount.household_id)
              .join(Person, BankAccount.person_id == Person.id)
              .where(condition, BankAccount.deleted_at.is_(None), Person.deleted_at.is_(None))
              .order_by(Person.name_sort, Person.id).limit(limit))
    households = (select(BankAccount.id, Person.name, BankAccount.person_id, BankAccount.household_id)
                  .join(Household, BankAccount.household_id == Household.id)
                  .join(Person, Household.head_id == Person.id)
                  .where(condition, BankAccount.deleted_at.is_(None), Household.deleted_at.is_(None))
                  .order_by(Person.name_sort, Person.id).limit(limit))
    rows = [*session.execute(people).all(), *session.execute(households).all()]
    typed = text.strip()
    rows.sort(key=lambda r: (r[1] != typed, r[3] is not None))
    rows = rows[:limit]
    sums = balances(session, [r[0] for r in rows])
    return [AccountRow(aid, name if household is None else f"户：{name}", person, household, sums[aid])
            for aid, name, person, household in rows]


def resolve_holder(session: Session, text: str) -> int:
    """The person a command line names: an ID number, a volunteer number (V0012) or a name that
    only one person has. ValidationErrors when it names nobody or several."""
    from db.models import Volunteer
    from db.validation import check_id_number

    typed = (text or "").strip()
    if not typed:
        raise ValidationErrors([FieldError("resident", "居民", "请给出身份证号、志愿者编号或姓名")])
    try:
        info = check_id_number(typed)
    except FieldError:
        info = None
    if info is not None:
        found = session.scalars(select(Person.id).where(Person.id_number == info.number,
                                                        Person.deleted_at.is_(None))).all()
    else:
        found = session.scalars(select(Volunteer.person_id).where(Volunteer.number == typed.upper(),
                                                                  Volunteer.deleted_at.is_(None))).all()
        if not found:
            found = session.scalars(select(Person.id).where(Person.name == typed, Person.deleted_at.is_(None))).all()
    if not found:
        raise ValidationErrors([FieldError("resident", "居民", f"找不到“{typed}”")])
    if len(found) > 1:
        problem = f"有{len(found)}人叫“{typed}”，请改用身份证号或志愿者编号"
        raise ValidationErrors([FieldError("resident", "居民", problem)])
    return int(found[0])


@dataclass(frozen=True)
class Candidate:
    person_id: int
    label: str  # 张三（身份证尾号 1234）
    has_account: bool


def holder_candidates(session: Session, text: str, limit: int = FIND_LIMIT) -> list[Candidate]:
    """People a new account may be opened for, as typed (name, pinyin, initials, ID or phone tail)."""
    condition = text_condition(text, Person.search_text)
    if condition is None:
        return []
    rows = session.execute(select(Person.id, Person.name, Person.id_number, BankAccount.id)
                           .outerjoin(BankAccount, BankAccount.person_id == Person.id)
                           .where(condition, Person.deleted_at.is_(None))
                           .order_by(Person.name_sort, Person.id).limit(limit)).all()
    return [Candidate(pid, f"{name}（身份证尾号 {number[-4:]}）" if number else name, account is not None)
            for pid, name, number, account in rows]


def merge_accounts(session: Session, keep_person: int, other_person: int) -> None:
    """Two records of one person merged (db.exchange.merging): the other's account becomes the
    survivor's, or — both having one — its balance moves over by a pair of lines (out of one,
    into the other, each naming the other) and it goes to the recycle bin. No line is changed."""
    from db.bank.ledger import station_name
    from db.models import now
    from db.permissions import actor_of

    theirs = session.scalars(select(BankAccount).where(BankAccount.person_id == other_person)).first()
    if theirs is None:
        return
    mine = session.scalars(select(BankAccount).where(BankAccount.person_id == keep_person)).first()
    if mine is None:
        theirs.person_id = keep_person
        session.flush()
        return
    moved = balances(session, [theirs.id])[theirs.id]
    if moved:
        who, station, day = actor_of(session).username, station_name(session), date.today()
        for account, points, reason in ((theirs.id, -moved, f"人员记录合并，余额转入账户{mine.id}"),
                                        (mine.id, moved, f"人员记录合并，由账户{theirs.id}转入")):
            session.add(BankEntry(account_id=account, kind="adjust", points=points, on=day, category="other",
                                  reason=reason, source="manual", entered_by=who, approved_by=who, station=station))
    theirs.deleted_at = now()  # (still naming the merged record, which stays as the survivor's alias)
    session.flush()
