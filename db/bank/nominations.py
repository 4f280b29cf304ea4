"""The 道德榜样 nominations list (issue 17, point 5): the holders who earned most in a period, for
the two committees (两委) to consider — a working paper, not a public ranking (the public part
is the 公示 of approved claims, db.bank.claims).

"Earned" is what was earned and still stands: earned lines (kind "earn") booked in the period,
leaving out a line that has been reversed (whenever the reversal was booked: a mistaken line
was never earned) and a line of service hours that was taken back since (db.bank.volunteering
takes back everything a changed or deleted service log credited by one "adjust" line, then
credits it afresh). Redemptions, expiries and adjustments are not earnings and do not count.

Holders who may get no new line (db.bank.accounts.holder_problem: deceased, merged into
another record, in the recycle bin, an account in the recycle bin) are left out. Accounts are
the session's community's (the scope's filter applies to the accounts, persons and households
joined here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.bank.volunteering import SOURCE as SERVICE_LOG
from db.housing import room_title
from db.models import (
    BankAccount,
    BankEntry,
    Building,
    Grid,
    Household,
    PartyMember,
    Person,
    RecordAlias,
    Resident,
    Room,
)
from db.validation import format_date_cn
from db.vocab import BANK_CATEGORIES

DEFAULT_LIMIT = 20
ORDER = {code: i for i, code in enumerate(BANK_CATEGORIES.codes)}  # a tie in points: the vocabulary's order


@dataclass(frozen=True)
class Nominee:
    account_id: int
    holder: str  # 王大爷, or 户：王大爷 for a household's account
    is_household: bool
    place: str  # 3号楼 2单元301, or the grid, or the address as registered; "" when none is known
    points: int  # earned in the period
    by_category: tuple[tuple[str, int], ...]  # (BANK_CATEGORIES code, points), the most first
    deeds: int  # earned lines
    hours: float  # service hours credited in the period

    @property
    def breakdown(self) -> str:
        """志愿服务 40、好人好事 10"""
        return "、".join(f"{BANK_CATEGORIES.label(code)} {points}" for code, points in self.by_category)


def period_text(start: date, end: date) -> str:
    """2026年1月1日至2026年12月3日, as the list's subtitle says it."""
    return f"{format_date_cn(start)}至{format_date_cn(end)}"


def _counted(start: date, end: date) -> list[ColumnElement[bool]]:
    """The conditions an earned line meets to count for [start, end] (see the module)."""
    reversal, later = aliased(BankEntry), aliased(BankEntry)
    not_reversed = ~exists().where(reversal.reverses_id == BankEntry.id)
    not_taken_back = or_(BankEntry.source != SERVICE_LOG, BankEntry.source_id.is_(None), ~exists().where(
        later.source == SERVICE_LOG, later.source_id == BankEntry.source_id, later.kind == "adjust",
        later.id > BankEntry.id))
    return [BankEntry.kind == "earn", BankEntry.on >= start, BankEntry.on <= end, not_reversed, not_taken_back]


def nominations(session: Session, start: date, end: date, limit: int = DEFAULT_LIMIT) -> list[Nominee]:
    """The `limit` holders who earned most from `start` to `end` (both days counted), most points
    first, then by name; nobody with nothing earned."""
    if end < start or limit < 1:
        return []
    counted = _counted(start, end)
    earned = (select(BankEntry.account_id.label("account_id"), func.sum(BankEntry.points).label("points"),
                     func.count().label("deeds"), func.coalesce(func.sum(BankEntry.hours), 0).label("hours"))
              .where(*counted).group_by(BankEntry.account_id).subquery())
    own, head = aliased(Person), aliased(Person)
    merged = exists().where(RecordAlias.alias_uuid == own.uuid)
    deceased = exists().where(PartyMember.person_id == own.id, PartyMember.status == "deceased")
    live_person = and_(BankAccount.person_id.is_not(None), own.deleted_at.is_(None), ~merged, ~deceased)
    live_household = and_(BankAccount.household_id.is_not(None), Household.deleted_at.is_(None))
    rows = session.execute(
        select(BankAccount.id, earned.c.points, earned.c.deeds, earned.c.hours, own.name, head.name,
               BankAccount.person_id, BankAccount.household_id)
        .join(earned, earned.c.account_id == BankAccount.id)
        .outerjoin(own, BankAccount.person_id == own.id)
        .outerjoin(Household, BankAccount.household_id == Household.id)
        .outerjoin(head, Household.head_id == head.id)
        .where(BankAccount.deleted_at.is_(None), or_(live_person, live_household), earned.c.points > 0)
        .order_by(earned.c.points.desc(), func.coalesce(own.name_sort, head.name_sort), BankAccount.id)
        .limit(limit)).all()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    categories: dict[int, list[tuple[str, int]]] = {}
    for account_id, category, points in session.execute(
            select(BankEntry.account_id, BankEntry.category, func.sum(BankEntry.points))
            .where(*counted, BankEntry.account_id.in_(ids)).group_by(BankEntry.account_id, BankEntry.category)):
        categories.setdefault(account_id, []).append((category, int(points or 0)))
    places = _places(session, [r[6] for r in rows if r[6] is not None], [r[7] for r in rows if r[7] is not None])
    found = []
    for account_id, points, deeds, hours, name, head_name, person_id, household_id in rows:
        split = sorted(categories.get(account_id, []), key=lambda c: (-c[1], ORDER.get(c[0], len(ORDER))))
        place = places.get(("person", person_id) if person_id is not None else ("household", household_id), "")
        found.append(Nominee(account_id, name if person_id is not None else f"户：{head_name or ''}",
                             household_id is not None, place, int(points), tuple(split), int(deeds),
                             round(float(hours or 0), 2)))
    return found


def _places(session: Session, person_ids: Sequence[int], household_ids: Sequence[int]) -> dict[tuple[str, int], str]:
    """Where each holder lives: a household's building and door ("3号楼 2单元301"); for a person
    not in a household (a volunteer from outside, a record without one), the grid, else the
    address as registered."""
    def door(building: str | None, units: int | None, unit: int | None, number: str | None) -> str:
        if building is None or number is None:
            return ""
        return " ".join(p for p in (building, room_title(unit or 1, number, units or 1)) if p)

    places: dict[tuple[str, int], str] = {}
    if household_ids:
        for household_id, building, units, unit, number in session.execute(
                select(Household.id, Building.name, Building.units, Room.unit, Room.number)
                .join(Room, Household.room_id == Room.id).join(Building, Room.building_id == Building.id)
                .where(Household.id.in_(household_ids))):
            places[("household", household_id)] = door(building, units, unit, number)
    if person_ids:
        for person_id, building, units, unit, number, grid, address in session.execute(
                select(Person.id, Building.name, Building.units, Room.unit, Room.number, Grid.name, Person.address)
                .outerjoin(Resident, and_(Resident.person_id == Person.id, Resident.deleted_at.is_(None)))
                .outerjoin(Household, and_(Resident.household_id == Household.id, Household.deleted_at.is_(None)))
                .outerjoin(Room, Household.room_id == Room.id)
                .outerjoin(Building, Room.building_id == Building.id)
                .outerjoin(Grid, and_(Person.grid_id == Grid.id, Grid.deleted_at.is_(None)))
                .where(Person.id.in_(person_ids))):
            places[("person", person_id)] = door(building, units, unit, number) or grid or (address or "").strip()
    return places
