"""The party-life figures the office reports, for any period, per member, branch or community.

Definitions:
- members in scope = live members (status normal, not deleted) of the scope's organisations
  at the time of the query (a branch includes its party groups; no org = the whole community);
- meetings held = live meetings of the scope's organisations held in the range; meetings
  required = what the schedules require of those organisations (db.party_life.schedules);
- attendance rate = present / (present + leave + absent), over the attendance lines of the
  scope's members at live meetings held in the range;
- participation rate = members in scope with ≥1 present ÷ members in scope;
- education coverage = members in scope with ≥1 present at a meeting whose kind is in
  db.vocab.EDUCATION_KINDS ÷ members in scope;
- absent members = members in scope with no present in the range (never came, or only
  on leave / absent).
Rates are fractions 0..1, None when the denominator is 0. Ranges include both days.

Everything is counted with a few GROUP BY queries per call, grouped by organisation: a
member belongs to one organisation, so per-organisation counts (distinct members included)
add up to a branch or the community without reading attendance rows into Python. Every
branch at once (`branch_figures`, the monthly summary) is the same few queries, not a few per
branch: the organisations, the schedules and the counts are read once and each organisation's
counts go to the branches above it. The community alone (`party_life_figures` without an
organisation, `community_rates` for stats) is counted in totals, with no grouping at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import Session

from db.dialect import no_index
from db.members import org_subtree_ids
from db.models import Attendance, Meeting, PartyMember, PartyOrg
from db.party_life.last_lines import had_line
from db.party_life.schedules import _applicable, periods_within, required_between
from db.vocab import EDUCATION_KINDS, SCHEDULE_PERIODS

COMMUNITY_LABEL = "全社区"


@dataclass(frozen=True)
class Figures:
    date_from: date
    date_to: date
    scope_label: str
    members: int
    meetings_held: int
    meetings_required: int
    attendance_rate: float | None
    participation_rate: float | None
    education_coverage: float | None
    absent_member_ids: list[int]


@dataclass(frozen=True)
class BranchFigures(Figures):
    """Figures of one branch (with its party groups)."""

    org_id: int


@dataclass(frozen=True)
class Rates:
    """The community's meetings held and rates alone (for stats)."""

    meetings_held: int
    attendance_rate: float | None
    participation_rate: float | None
    education_coverage: float | None


@dataclass(frozen=True)
class MemberFigures:
    member_id: int
    invited: int  # attendance lines at live meetings in the range
    present: int
    leave: int
    absent: int


@dataclass
class _Tally:
    members: int = 0
    present: int = 0
    leave: int = 0
    absent: int = 0
    participants: int = 0
    educated: int = 0
    held: int = 0


def _range(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    return datetime.combine(date_from, time(0, 0)), datetime.combine(date_to + timedelta(days=1), time(0, 0))


def _held_in(start: datetime, end: datetime) -> tuple[ColumnElement[bool], ...]:
    """Live meetings held in [start, end). SQLite, without statistics, would read them through
    the index on deleted_at (every meeting ever held) rather than held_at's range: no_index."""
    return no_index(Meeting.deleted_at).is_(None), Meeting.held_at >= start, Meeting.held_at < end


def _live_members(org_ids: list[int] | None) -> list[ColumnElement[bool]]:
    conds = [PartyMember.deleted_at.is_(None), PartyMember.status == "normal"]
    if org_ids is not None:
        conds.append(PartyMember.org_id.in_(org_ids))
    return conds


def _live_members_scanned() -> tuple[ColumnElement[bool], ...]:
    """Live members, read by scanning the table, for (nearly) all of them at once. SQLite would
    take the index on status (members in name order): a lookup in the table per member to count
    them by organisation (4 times as long), and, testing each member's attendance, its lines
    read all over ix_attendance_member instead of in order (2.5 times as long). The organisation
    (every member has one) keeps SQLite off that index when nothing else is read from the table."""
    return (no_index(PartyMember.deleted_at).is_(None), no_index(PartyMember.status) == "normal",
            no_index(PartyMember.org_id).is_not(None))


def _sum_if(cond: ColumnElement[bool]) -> Any:
    """How many rows meet `cond`: a COUNT, an integer on both engines (PostgreSQL's SUM of
    integers is a NUMERIC)."""
    return func.count(case((cond, 1)))


def _line_counts(start: datetime, end: datetime, org_ids: list[int] | None) -> Select[Any]:
    """(org, present, leave, absent, members present ≥1, members present ≥1 at education) per org.

    For the whole community the lines are read meeting by meeting and summed per member first,
    then per organisation (100,000 members, 2 million lines a year: 1.3 s, against 4 s
    member by member with COUNT DISTINCT). For one organisation, member by member is faster
    (its members only: ~90 ms for a 2,000-member branch).
    """
    present = Attendance.status == "present"
    in_range = _held_in(start, end)
    if org_ids is not None:
        return (
            select(PartyMember.org_id, _sum_if(present), _sum_if(Attendance.status == "leave"),
                   _sum_if(Attendance.status == "absent"),
                   func.count(func.distinct(case((present, Attendance.member_id)))),
                   func.count(func.distinct(case((present & Meeting.kind.in_(EDUCATION_KINDS),
                                                  Attendance.member_id)))))
            .select_from(Attendance)
            .join(Meeting, Attendance.meeting_id == Meeting.id)
            .join(PartyMember, Attendance.member_id == PartyMember.id)
            .where(*in_range, *_live_members(org_ids))
            .group_by(PartyMember.org_id)
        )
    per_member = (
        select(Attendance.member_id.label("member_id"), _sum_if(present).label("present"),
               _sum_if(Attendance.status == "leave").label("leave"),
               _sum_if(Attendance.status == "absent").label("absent"),
               _sum_if(present & Meeting.kind.in_(EDUCATION_KINDS)).label("educated"))
        .select_from(Meeting)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(*in_range)
        .group_by(Attendance.member_id)
        .subquery()
    )
    return (
        select(PartyMember.org_id, func.sum(per_member.c.present), func.sum(per_member.c.leave),
               func.sum(per_member.c.absent), _sum_if(per_member.c.present > 0), _sum_if(per_member.c.educated > 0))
        .join(per_member, per_member.c.member_id == PartyMember.id)
        .where(*_live_members(None))
        .group_by(PartyMember.org_id)
    )


def _tallies(session: Session, date_from: date, date_to: date, org_ids: list[int] | None) -> dict[int, _Tally]:
    """Counts per organisation (members' current organisation; the meeting's for held)."""
    start, end = _range(date_from, date_to)
    tallies: dict[int, _Tally] = {}

    def tally(org_id: int) -> _Tally:
        return tallies.setdefault(org_id, _Tally())

    if org_ids is None:  # every organisation's: the members table read once (_live_members_scanned)
        org = no_index(PartyMember.org_id)
        members = select(org, func.count()).where(*_live_members_scanned()).group_by(org)
    else:
        members = select(PartyMember.org_id, func.count()).where(*_live_members(org_ids)).group_by(PartyMember.org_id)
    for org_id, count in session.execute(members):
        tally(org_id).members = count
    for org_id, n_present, n_leave, n_absent, participants, educated in session.execute(
            _line_counts(start, end, org_ids)):
        t = tally(org_id)  # int(): PostgreSQL's SUM of integers is a NUMERIC (a Decimal)
        t.present, t.leave, t.absent, t.participants, t.educated = (
            int(n_present), int(n_leave), int(n_absent), int(participants), int(educated))
    held = select(Meeting.org_id, func.count()).where(*_held_in(start, end))
    if org_ids is not None:
        held = held.where(Meeting.org_id.in_(org_ids))
    for org_id, count in session.execute(held.group_by(Meeting.org_id)):
        tally(org_id).held = count
    return tallies


def _came(start: datetime, end: datetime) -> ColumnElement[bool]:
    """The member was present at a live meeting held in the range (db.party_life.last_lines)."""
    return had_line("present", start, end)


def _meetings_held(start: datetime, end: datetime) -> Select[Any]:
    """Ids of the live meetings held in [start, end)."""
    return select(Meeting.id).where(*_held_in(start, end))


def _absentees(session: Session, date_from: date, date_to: date,
               org_ids: list[int] | None) -> list[tuple[int, int]]:
    """(member id, organisation) of the live members never present in the range, in name order."""
    start, end = _range(date_from, date_to)
    came = _came(start, end)
    if org_ids is None:  # members in the table's order, so that their lines are read in the index's order
        absentees = (select(PartyMember.id, PartyMember.org_id).where(*_live_members_scanned(), ~came)
                     .order_by(no_index(PartyMember.name_sort), PartyMember.id))
    else:
        absentees = (select(PartyMember.id, PartyMember.org_id).where(*_live_members(org_ids), ~came)
                     .order_by(PartyMember.name_sort, PartyMember.id))
    return [(member_id, org_id) for member_id, org_id in session.execute(absentees)]


def _community_tally(session: Session, date_from: date, date_to: date) -> _Tally:
    """The community's counts as totals, each summed in SQL (no grouping by organisation).

    The lines are the sums of the range's meetings' counts, which the database keeps (migration
    0008: a year of a street office is 70,000 meetings, not 3 million lines), less the lines of
    members who are no longer live (transferred, deceased, in the recycle bin: a few, counted
    member by member). A meeting's lines are its own community's members
    (db.party_life.meetings offers no other). Who came, and who came to an education meeting,
    are tested on the dates kept on each member (db.party_life.last_lines).
    """
    start, end = _range(date_from, date_to)
    in_range = _held_in(start, end)
    statuses = ("present", "leave", "absent")
    all_lines = select(func.count(), *(func.coalesce(func.sum(c), 0) for c in
                                       (Meeting.present_count, Meeting.leave_count, Meeting.absent_count))
                       ).where(*in_range)

    lines = Attendance.__table__.c  # not the mapped class: see db.party_life.last_lines._probe
    held = _meetings_held(start, end)

    def lines_of_member(status: str) -> Any:
        return (select(func.count()).select_from(Attendance.__table__)
                .where(lines.member_id == PartyMember.id, lines.status == status, no_index(lines.meeting_id).in_(held))
                .scalar_subquery())

    gone = (select(*(lines_of_member(s).label(s) for s in statuses))
            .where(~and_(*_live_members(None))).subquery())
    gone_lines = select(*(func.coalesce(func.sum(gone.c[s]), 0) for s in statuses))
    came = _came(start, end)
    educated = had_line("educated", start, end)
    # Members in the table's order, so that the few probed have their lines read in the index's order.
    members = select(func.count(), _sum_if(came), _sum_if(educated)).select_from(PartyMember).where(
        *_live_members_scanned())
    t = _Tally()
    meetings, *counts = session.execute(all_lines).one()
    less = session.execute(gone_lines).one()  # int(): PostgreSQL's SUM of integers is a NUMERIC
    t.present, t.leave, t.absent = (int(n) - int(m) for n, m in zip(counts, less, strict=True))
    t.held = meetings
    t.members, t.participants, t.educated = session.execute(members).one()
    return t


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _add(tallies: Iterable[_Tally]) -> _Tally:
    total = _Tally()
    for t in tallies:
        for attr in ("members", "present", "leave", "absent", "participants", "educated", "held"):
            setattr(total, attr, getattr(total, attr) + getattr(t, attr))
    return total


def _figures(total: _Tally, absent_ids: list[int], date_from: date, date_to: date, label: str,
             required: int) -> dict[str, Any]:
    return {
        "date_from": date_from, "date_to": date_to, "scope_label": label, "members": total.members,
        "meetings_held": total.held, "meetings_required": required,
        "attendance_rate": _ratio(total.present, total.present + total.leave + total.absent),
        "participation_rate": _ratio(total.participants, total.members),
        "education_coverage": _ratio(total.educated, total.members),
        "absent_member_ids": absent_ids,
    }


def _community_label(session: Session) -> str:
    name = session.scalar(select(PartyOrg.name).where(
        PartyOrg.kind == "committee", PartyOrg.parent_id.is_(None), PartyOrg.deleted_at.is_(None)
    ).order_by(PartyOrg.sort_order, PartyOrg.id).limit(1))
    return name or COMMUNITY_LABEL


def party_life_figures(session: Session, date_from: date, date_to: date, org_id: int | None = None) -> Figures:
    """Figures of the community (org_id None) or of one organisation with everything below it;
    absent members in name order."""
    if org_id is None:
        total = _community_tally(session, date_from, date_to)
        absent = [m for m, _ in _absentees(session, date_from, date_to, None)]
        required = sum(_required_by_org(session, date_from, date_to).values())
        return Figures(**_figures(total, absent, date_from, date_to, _community_label(session), required))
    org_ids = org_subtree_ids(session, org_id)
    tallies = _tallies(session, date_from, date_to, org_ids)
    absent = [m for m, _ in _absentees(session, date_from, date_to, org_ids)]
    required = required_between(session, date_from, date_to, org_ids)
    return Figures(**_figures(_add(tallies.values()), absent, date_from, date_to,
                              session.get_one(PartyOrg, org_id).name, required))


def community_rates(session: Session, date_from: date, date_to: date) -> Rates:
    """The community's meetings held and its three rates (party_life_figures' community line
    without the absent members and the schedules), for stats: a few queries of totals."""
    total = _community_tally(session, date_from, date_to)
    f = _figures(total, [], date_from, date_to, "", 0)
    return Rates(total.held, f["attendance_rate"], f["participation_rate"], f["education_coverage"])


def _required_by_org(session: Session, date_from: date, date_to: date) -> dict[int, int]:
    """Meetings the schedules require of each live organisation in the range: required_between
    for every organisation at once (its schedules read once, not once per organisation)."""
    per = {p: periods_within(p, date_from, date_to) for p in SCHEDULE_PERIODS.codes}
    required: dict[int, int] = {}
    for org, s in _applicable(session):
        required[org.id] = required.get(org.id, 0) + s.times * per[s.period]
    return required


def _branches_above(session: Session) -> tuple[list[tuple[int, str]], dict[int, list[int]]]:
    """The live branches in sort order, and for each organisation the live branches it lies in
    (itself, when it is one): what org_subtree_ids gives branch by branch, from one query."""
    orgs = session.execute(
        select(PartyOrg.id, PartyOrg.name, PartyOrg.kind, PartyOrg.parent_id, PartyOrg.deleted_at.is_(None))
        .order_by(PartyOrg.sort_order, PartyOrg.id)).all()
    parent = {org_id: parent_id for org_id, _, _, parent_id, _ in orgs}
    branches = [(org_id, name) for org_id, name, kind, _, live in orgs if kind == "branch" and live]
    branch_ids = {org_id for org_id, _ in branches}
    above: dict[int, list[int]] = {}
    for org_id in parent:
        found: list[int] = []
        seen: set[int] = set()
        at: int | None = org_id
        while at is not None and at not in seen:  # a loop in the tree would otherwise never end
            seen.add(at)
            if at in branch_ids:
                found.append(at)
            at = parent.get(at)
        if found:
            above[org_id] = found
    return branches, above


def _all_branches(session: Session, date_from: date, date_to: date) -> tuple[list[BranchFigures], Figures]:
    """Every live branch's figures and the community's, from one set of queries grouped by
    organisation: about ten queries whatever the number of branches."""
    branches, above = _branches_above(session)
    tallies = _tallies(session, date_from, date_to, None)
    required = _required_by_org(session, date_from, date_to)
    absentees = _absentees(session, date_from, date_to, None)
    per_branch: dict[int, list[_Tally]] = {b: [] for b, _ in branches}
    required_of = dict.fromkeys(per_branch, 0)
    absent_of: dict[int, list[int]] = {b: [] for b in per_branch}
    for org_id, t in tallies.items():
        for b in above.get(org_id, ()):
            per_branch[b].append(t)
    for org_id, n in required.items():
        for b in above.get(org_id, ()):
            required_of[b] += n
    for member_id, org_id in absentees:  # one pass, keeping the name order within each branch
        for b in above.get(org_id, ()):
            absent_of[b].append(member_id)
    out = [BranchFigures(**_figures(_add(per_branch[b]), absent_of[b], date_from, date_to, name, required_of[b]),
                         org_id=b) for b, name in branches]
    community = Figures(**_figures(_add(tallies.values()), [m for m, _ in absentees], date_from, date_to,
                                   _community_label(session), sum(required.values())))
    return out, community


def branch_figures(session: Session, date_from: date, date_to: date) -> list[BranchFigures]:
    """One per live branch (with its party groups), in sort order; one set of grouped queries for all."""
    return _all_branches(session, date_from, date_to)[0]


def branch_and_community_figures(session: Session, date_from: date,
                                 date_to: date) -> tuple[list[BranchFigures], Figures]:
    """branch_figures and party_life_figures of the community together, from the same counts
    (the monthly summary shows both)."""
    return _all_branches(session, date_from, date_to)


def member_figures(session: Session, member_id: int, date_from: date, date_to: date) -> MemberFigures:
    """One member's attendance lines at live meetings in the range."""
    start, end = _range(date_from, date_to)
    stmt = (
        select(func.count(), _sum_if(Attendance.status == "present"), _sum_if(Attendance.status == "leave"),
               _sum_if(Attendance.status == "absent"))
        .select_from(Attendance).join(Meeting, Attendance.meeting_id == Meeting.id)
        .where(Attendance.member_id == member_id, Meeting.deleted_at.is_(None), Meeting.held_at >= start,
               Meeting.held_at < end)
    )
    invited, present, leave, absent = session.execute(stmt).one()
    return MemberFigures(member_id, invited, present, leave, absent)
