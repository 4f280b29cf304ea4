"""Member flags the office acts on, with their counts (for the home page) and lists.

Definitions (members are live: status normal, not deleted):
- absent_six_months: had at least one live meeting in the last 6 months (held on or after
  today − 6 calendar months, up to today) and was absent (neither present nor on leave) at
  every one of them — the 党章第九条 rule;
- overdue_probation: db.members.overdue_condition (probation year plus extension over, no 转正时间);
- mobile_or_lost_six_months: category mobile or lost_contact with category_since on or
  before today − 6 months, or unknown;
- not_reported_six_months: in-service members (category in_service) who have not reported,
  or whose reported_on is before today − 6 months (or unknown: nothing shows they reported lately).
"today − 6 months" is the same day six calendar months back (31 Aug → 28/29 Feb).
Counts are COUNT queries on indexed columns; lists come in name order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from db.dialect import day_of, month_of, no_index, year_of
from db.members import add_months_to, overdue_condition
from db.models import PartyMember, PartyOrg, Person
from db.party_life.last_lines import had_line

FLAG_MONTHS = 6

FLAG_KEYS = ("absent_six_months", "overdue_probation", "mobile_or_lost_six_months", "not_reported_six_months")


@dataclass(frozen=True)
class MemberFlags:
    absent_six_months: list[int]
    overdue_probation: list[int]
    mobile_or_lost_six_months: list[int]
    not_reported_six_months: list[int]


def six_months_before(today: date) -> date:
    return add_months_to(today, -FLAG_MONTHS)


def _live() -> ColumnElement[bool]:
    return and_(PartyMember.deleted_at.is_(None), PartyMember.status == "normal")


def _absent_six_months(today: date) -> ColumnElement[bool]:
    """At least one line at a live meeting in the window, and none of them present or on leave:
    tested on the dates of each member's last lines, which the database keeps
    (db.party_life.last_lines; probing 100,000 members' attendance took 0.3 s)."""
    start = datetime.combine(six_months_before(today), time(0, 0))
    end = datetime.combine(today + timedelta(days=1), time(0, 0))
    return and_(~had_line("present", start, end), ~had_line("leave", start, end), had_line("absent", start, end))


def _condition(key: str, today: date) -> ColumnElement[bool]:
    since = six_months_before(today)
    if key == "absent_six_months":
        return _absent_six_months(today)
    if key == "overdue_probation":
        return overdue_condition(today)
    if key == "mobile_or_lost_six_months":
        return and_(PartyMember.category.in_(("mobile", "lost_contact")),
                    or_(PartyMember.category_since.is_(None), PartyMember.category_since <= since))
    if key == "not_reported_six_months":
        return and_(PartyMember.category == "in_service",
                    or_(PartyMember.reported.is_(False), PartyMember.reported_on.is_(None),
                        PartyMember.reported_on < since))
    raise KeyError(key)


def flag_member_ids(session: Session, key: str, today: date) -> list[int]:
    """Ids of the members carrying one flag (a FLAG_KEYS key), in name order."""
    stmt = (select(PartyMember.id).where(_live(), _condition(key, today))
            .order_by(PartyMember.name_sort, PartyMember.id))
    return list(session.scalars(stmt))


def member_flags(session: Session, today: date) -> MemberFlags:
    return MemberFlags(**{key: flag_member_ids(session, key, today) for key in FLAG_KEYS})


def _live_by_id() -> ColumnElement[bool]:
    """_live, for a count that probes attendance per member: SQLite then walks the members in
    id order (a rowid range; no_index keeps it off the name-ordered covering index), so the
    probes walk ix_attendance_member in its own order, neighbours' lines on the same pages.
    In name order each probe lands elsewhere: 460 → 200 ms CPU on 100,000 members."""
    return and_(PartyMember.id > 0, no_index(PartyMember.deleted_at).is_(None),
                no_index(PartyMember.status) == "normal")


def _live_by_condition() -> ColumnElement[bool]:
    """_live, for a count whose condition has an index of its own (member type, category):
    SQLite then reads the few members it names. Left to itself it took the list index on
    (status, deleted_at) and looked up every live member in the table: 0.57 s against 0.01 s
    for the mobile and lost-contact members among 200,000."""
    return and_(no_index(PartyMember.deleted_at).is_(None), no_index(PartyMember.status) == "normal")


def flag_count(session: Session, key: str, today: date) -> int:
    """COUNT of one flag (a FLAG_KEYS key): the home page asks only for the ones it shows."""
    live = _live_by_id() if key == "absent_six_months" else _live_by_condition()
    return session.scalar(select(func.count()).select_from(PartyMember).where(live, _condition(key, today))) or 0


def flag_counts(session: Session, today: date) -> dict[str, int]:
    """COUNT per flag (keys FLAG_KEYS), for the party-life tab and stats: one pass over the
    live members (by id: see _live_by_id) with a count per flag, where a query per flag, each
    by its own index, read them four times (200,000 members: 0.26 s against 0.12 s)."""
    counts = select(*(func.count(case((_condition(key, today), 1))) for key in FLAG_KEYS)).where(_live_by_id())
    return dict(zip(FLAG_KEYS, session.execute(counts).one(), strict=True))


def political_birthdays(session: Session, year: int, month: int) -> list[int]:
    """Live members admitted (入党) in that month of any year up to `year`, by day then name."""
    stmt = (
        select(PartyMember.id)
        .where(_live(), PartyMember.admitted_on.is_not(None),
               month_of(PartyMember.admitted_on) == month, year_of(PartyMember.admitted_on) <= year)
        .order_by(day_of(PartyMember.admitted_on), PartyMember.name_sort, PartyMember.id)
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class FlagDetail:
    """What a list of flagged members shows: who, where, and the dates that explain the flag."""

    id: int
    name: str
    org: str
    admitted_on: date | None
    extended: int  # probation extended, months
    category: str
    category_since: date | None
    reported: bool
    reported_on: date | None
    last_present: datetime | None  # kept by the database (migration 0008)


def flag_details(session: Session, ids: list[int]) -> list[FlagDetail]:
    """FlagDetail for the members, in the order given (one query, whatever the number)."""
    if not ids:
        return []
    rows = session.execute(
        select(PartyMember.id, Person.name, PartyOrg.name, PartyMember.admitted_on,
               PartyMember.probation_extended_months, PartyMember.category, PartyMember.category_since,
               PartyMember.reported, PartyMember.reported_on, PartyMember.last_present_at)
        .join(Person, PartyMember.person_id == Person.id).join(PartyOrg, PartyMember.org_id == PartyOrg.id)
        .where(PartyMember.id.in_(ids))
    ).all()
    by_id = {r[0]: FlagDetail(*r) for r in rows}  # type: ignore[call-arg]  # the columns in field order
    return [by_id[i] for i in ids if i in by_id]

