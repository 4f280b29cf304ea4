"""The home page's counts and lists against plain reference computations (every row read into
Python and the rule applied there, nothing clever), on a data set made of the awkward cases:
members who never came, whose only line is at a deleted meeting, who came exactly six months
ago or the evening before, a meeting after today, members of a deleted organisation, schedule
lines overriding others, meetings on the edges of a period, and two communities read each on
its own and by the street office. Runs on both engines (the `db` fixture)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db import home, recycle
from db.communities import add_community
from db.database import Database
from db.members import MemberInput, probation_due, save_member, save_org
from db.models import Attendance, Community, Meeting, MeetingSchedule, PartyMember, PartyOrg, now
from db.party_life import flags, schedules
from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from db.party_life.schedules import ScheduleInput, save_schedules, schedule_rows
from db.people import PersonFields
from db.scope import Scope
from db.vocab import MEETING_KINDS
from tests.db.test_members import make_id

TODAY = date(2026, 12, 1)  # six months back: 2026-06-01; the quarter began 2026-10-01
FIRST, SECOND, GROUP = 2, 3, 4  # tests/seed.py: 第一党支部, 第二党支部, 第一党小组
P, L, A = "present", "leave", "absent"


# --- references ------------------------------------------------------------------------------

def ref_absent(s: Session, today: date) -> list[int]:
    """Live members with a line at a live meeting held from six months back to today's end,
    every such line absent; in name order."""
    start = datetime.combine(flags.six_months_before(today), time(0, 0))
    end = datetime.combine(today + timedelta(days=1), time(0, 0))
    seen: dict[int, set[str]] = {}
    for member_id, status, held_at, deleted_at in s.execute(
            select(Attendance.member_id, Attendance.status, Meeting.held_at, Meeting.deleted_at)
            .join(Meeting, Attendance.meeting_id == Meeting.id)):
        if deleted_at is None and start <= held_at < end:
            seen.setdefault(member_id, set()).add(status)
    return [m.id for m in _live_members(s) if seen.get(m.id) == {A}]


def ref_overdue(s: Session, today: date) -> list[int]:
    return [m.id for m in _live_members(s)
            if m.member_type == "probationary" and m.full_on is None and m.admitted_on is not None
            and probation_due(m.admitted_on, m.probation_extended_months) < today]


def ref_birthdays(s: Session, today: date) -> list[int]:
    return sorted(m.id for m in _live_members(s)
                  if m.admitted_on is not None and m.admitted_on.month == today.month
                  and m.admitted_on.year <= today.year)


@dataclass(frozen=True)
class _Line:
    kind: str
    org_kind: str
    org_id: int | None
    period: str
    times: int
    active: bool


def ref_due(s: Session, on: date) -> list[tuple[int, str, str, int, int]]:
    """(organisation, kind, period, required, held) per active schedule line applying to a live
    organisation, organisations in their order, each one's general lines first (a line naming
    it replacing the general one of its kind), then the lines naming it alone."""
    lines = [_Line(r.kind, r.org_kind, r.org_id, r.period, r.times, r.active) for r in s.scalars(
        select(MeetingSchedule).order_by(MeetingSchedule.id))]
    meetings = s.execute(select(Meeting.org_id, Meeting.kind, Meeting.held_at, Meeting.deleted_at)).all()
    out = []
    for org in s.scalars(select(PartyOrg).where(PartyOrg.deleted_at.is_(None))
                         .order_by(PartyOrg.sort_order, PartyOrg.id)):
        general = [line for line in lines if line.org_id is None and line.org_kind == org.kind]
        own = [line for line in lines if line.org_id == org.id]
        chosen = [next((o for o in own if o.kind == g.kind), g) for g in general]
        chosen += [o for o in own if o.kind not in {g.kind for g in general}]
        for line in chosen:
            if not line.active:
                continue
            start, end = schedules.period_bounds(line.period, on)
            held = sum(1 for org_id, kind, held_at, deleted_at in meetings
                       if org_id == org.id and kind == line.kind and deleted_at is None
                       and datetime.combine(start, time()) <= held_at < datetime.combine(end, time()))
            out.append((org.id, line.kind, line.period, line.times, held))
    return out


def ref_detail(s: Session, today: date, missing: list[tuple[int, str, str, int, int]]) -> str:
    """The meetings line as the home page wrote it from the whole missing list (before it was
    given only the first organisations)."""
    names: dict[int, str] = {org_id: name for org_id, name in s.execute(select(PartyOrg.id, PartyOrg.name))}
    by_org: dict[int, list[str]] = {}
    for org_id, kind, period, required, held in missing:
        times = f"{required - held}次" if required - held > 1 else ""
        note = {"month": "", "quarter": "（本季度）", "year": "（本年度）"}[period]
        by_org.setdefault(org_id, []).append(f"{MEETING_KINDS.label(kind)}{times}{note}")
    parts: list[str] = []
    for org_id, kinds in by_org.items():
        part = f"{names[org_id]}：{'、'.join(kinds)}"
        if parts and len("；".join([*parts, part])) > home.DETAIL_CHARS:
            break
        parts.append(part)
    more = f" 等{len(by_org)}个组织" if len(parts) < len(by_org) else ""
    return "；".join(parts) + more or "本月应开的会议都已召开"


def _live_members(s: Session) -> list[PartyMember]:
    members = s.scalars(select(PartyMember).where(PartyMember.deleted_at.is_(None),
                                                  PartyMember.status == "normal")).all()
    return sorted(members, key=lambda m: (m.name_sort, m.id))


# --- the data ----------------------------------------------------------------------------------

class _Maker:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.n = 0

    def member(self, name: str, org: int, *, admitted: str = "2010-03-01", probationary: bool = False,
               extended: int = 0, status: str = "normal") -> int:
        self.n += 1
        full_on = None if probationary else f"{int(admitted[:4]) + 1}{admitted[4:]}"
        data = MemberInput(person=PersonFields(name=name, id_number=make_id("19700101", f"{self.n:03d}")),
                           org_id=org, member_type="probationary" if probationary else "full",
                           admitted_on=admitted, full_on=full_on, probation_extended_months=extended,
                           status=status)
        with self.db.session() as s, s.begin():
            return save_member(s, data, today=TODAY).id

    def meeting(self, org: int, kind: str, held: str, lines: dict[int, str]) -> int:
        """held: "2026-06-01" or "2026-06-01 19:30"; days after TODAY too (saved as if later)."""
        held_on, _, start = held.partition(" ")
        attendance = [AttendanceInput(m, st, "出差" if st == L else "") for m, st in lines.items()]
        with self.db.session() as s, s.begin():
            return save_meeting(s, MeetingInput(kind=kind, org_id=org, held_on=held_on, start_time=start,
                                                attendance=attendance), today=date(2027, 12, 31)).id

    def binned(self, register: str, *ids: int) -> None:
        with self.db.session() as s, s.begin():
            recycle.delete(s, register, list(ids))

    def org_gone(self, org: int) -> None:
        with self.db.session() as s, s.begin():
            s.execute(update(PartyOrg).where(PartyOrg.id == org).values(deleted_at=now()))


@dataclass
class World:
    first: int  # community ids
    second: int
    absent_first: list[int]  # worked out by hand, in the comments below
    absent_second: list[int]
    overdue_first: list[int]


@pytest.fixture
def world(db: Database) -> World:
    with db.session() as s, s.begin():
        first = int(s.scalar(select(func.min(Community.id))) or 0)
        second = add_community(s, "阳光社区").id
    make = _Maker(db)

    db.scope = Scope(first)
    lost_branch = _new_org(db, "第三党支部", "branch", 1)
    # names in pinyin order as listed: a… z
    make.member("艾一", FIRST)  # no line at all → not flagged
    bin_only = make.member("白二", FIRST)  # absent only at a deleted meeting → not
    came_to_binned = make.member("蔡三", FIRST)  # absent; present only at a deleted meeting → flagged
    at_edge = make.member("丁四", FIRST)  # absent at 2026-06-01 00:00, six months ago to the minute → flagged
    evening = make.member("方五", FIRST)  # present 05-31 23:59 (outside), absent 06-01 19:30 → flagged
    before = make.member("高六", FIRST)  # absent 05-31 only → not
    tonight = make.member("韩七", FIRST)  # absent today 20:00 → flagged
    tomorrow = make.member("金八", FIRST)  # absent in the window, present tomorrow (after today) → flagged
    on_leave = make.member("孔九", FIRST)  # absent, then on leave → not
    regular = make.member("李十", SECOND)  # present → not
    orphan = make.member("马一", lost_branch)  # absent; the organisation deleted later → flagged
    gone = make.member("牛二", FIRST, status="transferred_out")  # absent, but left → not
    binned_member = make.member("潘三", FIRST)  # absent, in the recycle bin → not
    long_ago = make.member("秦四", GROUP)  # present in 2025, absent since → flagged
    # probation: due = admitted + 12 (+ extension) months, overdue when due < today
    make.member("任五", FIRST, admitted="2025-12-01", probationary=True)  # due today → not yet
    due_yesterday = make.member("宋六", FIRST, admitted="2025-11-30", probationary=True)  # → overdue
    extended = make.member("唐七", FIRST, admitted="2025-05-31", probationary=True, extended=6)  # due 11-30 → overdue
    make.member("王八", SECOND, admitted="2025-06-02", probationary=True, extended=6)  # due 12-02
    orphan_probation = make.member("吴九", lost_branch, admitted="2025-01-01", probationary=True)  # → overdue
    make.member("谢十", SECOND, admitted="2026-12-01", probationary=True)  # admitted today: a birthday too
    make.member("杨一", SECOND, admitted="2000-12-31")  # birthday
    make.member("张二", SECOND, admitted="2000-11-30")  # November: not

    bin_meeting = make.meeting(FIRST, "themed_day", "2026-09-10", {bin_only: A, came_to_binned: P})
    make.meeting(FIRST, "branch_committee", "2026-06-01", {at_edge: A, came_to_binned: A})
    make.meeting(FIRST, "branch_committee", "2026-05-31 23:59", {evening: P, before: A})
    make.meeting(FIRST, "themed_day", "2026-06-01 19:30", {evening: A, tomorrow: A, on_leave: A})
    make.meeting(FIRST, "themed_day", "2026-12-01 20:00", {tonight: A, on_leave: L, regular: P})
    make.meeting(FIRST, "branch_committee", "2026-12-02 09:00", {tomorrow: P})  # counts for no rule yet
    make.meeting(lost_branch, "branch_committee", "2026-07-01", {orphan: A, gone: A, binned_member: A})
    make.meeting(GROUP, "group_meeting", "2025-10-10", {long_ago: P})
    make.meeting(GROUP, "group_meeting", "2026-11-30", {long_ago: A})
    # meetings on the edges of this month (December) and quarter (from 10-01)
    make.meeting(SECOND, "lecture", "2026-10-01", {regular: P})  # first minute of the quarter: counts
    make.meeting(SECOND, "branch_committee", "2026-11-30 23:59", {regular: P})  # November: not December's
    make.meeting(SECOND, "members_meeting", "2026-09-30 23:59", {regular: P})  # last quarter: not this one
    make.meeting(SECOND, "branch_committee", "2027-01-01", {regular: P})  # next year: not this month's
    make.binned("meetings", bin_meeting)
    make.binned("members", binned_member)
    make.org_gone(lost_branch)

    db.scope = Scope(second)
    sunny_committee = _new_org(db, "阳光社区党委", "committee", None)
    sunny_branch = _new_org(db, "阳光第一党支部", "branch", sunny_committee)
    sunny_gone = _new_org(db, "阳光第二党支部", "branch", sunny_committee)
    s_absent = make.member("陈一", sunny_branch)  # → flagged in the second community
    s_present = make.member("陈二", sunny_branch)
    s_orphan = make.member("陈三", sunny_gone)  # → flagged, its organisation deleted
    make.member("陈四", sunny_branch, admitted="2025-10-01", probationary=True)  # overdue
    make.member("陈五", sunny_branch, admitted="1999-12-12")  # birthday
    make.meeting(sunny_branch, "branch_committee", "2026-12-01", {s_absent: A, s_present: P})
    make.meeting(sunny_branch, "lecture", "2026-11-15", {s_absent: A, s_present: L})
    make.meeting(sunny_gone, "themed_day", "2026-08-15", {s_orphan: A})
    make.org_gone(sunny_gone)

    db.scope = None
    with db.session() as s, s.begin():
        rows = [ScheduleInput(r.kind, r.org_kind, r.org_id, r.period, r.times, r.active) for r in schedule_rows(s)]
        rows.append(ScheduleInput("branch_committee", "", FIRST, "month", 2))  # twice a month
        rows.append(ScheduleInput("themed_day", "", SECOND, "month", 1, active=False))  # exempt
        rows.append(ScheduleInput("themed_day", "", GROUP, "quarter", 1))  # a kind groups have no line for
        rows.append(ScheduleInput("lecture", "", sunny_branch, "quarter", 2))
        save_schedules(s, rows)
    absent_first = [came_to_binned, at_edge, evening, tonight, tomorrow, orphan, long_ago]
    return World(first, second, absent_first, [s_absent, s_orphan],
                 [due_yesterday, extended, orphan_probation])


def _new_org(db: Database, name: str, kind: str, parent: int | None) -> int:
    with db.session() as s, s.begin():
        return save_org(s, name, kind, parent).id


SCOPES = {
    "first": lambda w: Scope(w.first),
    "second": lambda w: Scope(w.second),
    "street": lambda w: Scope.street(),
    "street, second picked": lambda w: Scope.street(w.second),
}


def test_counts_and_lists_match_the_reference(db: Database, world: World) -> None:
    """Each community, the street office and its community filter, on four days (the window's
    and the month's edges move): one world for all, as building it is the slow part."""
    for scope, make_scope in SCOPES.items():
        for today in (TODAY, date(2026, 11, 30), date(2026, 12, 2), date(2027, 1, 1)):
            db.scope = make_scope(world)
            _check_against_reference(db, f"{scope} on {today}", today)


def _check_against_reference(db: Database, case: str, today: date) -> None:
    with db.session() as s:
        items = {item.key: item for item in home.todo_items(s, today)}
        absent, overdue, birthdays = ref_absent(s, today), ref_overdue(s, today), ref_birthdays(s, today)
        due = ref_due(s, today)
        detail = ref_detail(s, today, [d for d in due if d[3] > d[4]])
        got_due = [(d.org_id, d.kind, d.period, d.required, d.held) for d in schedules.due_meetings(s, today)]
        got_missing = [(d.org_id, d.kind, d.period, d.required, d.held)
                       for d in schedules.missing_meetings(s, today)]
        ids = {key: home.todo_ids(s, key, today) for key in home.KEYS}
        counted = {key: flags.flag_count(s, key, today) for key in (home.ABSENT_SIX_MONTHS, home.OVERDUE_PROBATION)}
    missing = [d for d in due if d[3] > d[4]]
    assert got_due == due, case
    assert items[home.MEETINGS_MISSING].detail == detail, case
    assert got_missing == missing, case
    assert ids[home.ABSENT_SIX_MONTHS] == absent, case
    assert ids[home.OVERDUE_PROBATION] == overdue, case
    assert sorted(ids[home.POLITICAL_BIRTHDAYS]) == birthdays, case
    assert ids[home.MEETINGS_MISSING] == list(dict.fromkeys(d[0] for d in missing)), case
    assert counted == {home.ABSENT_SIX_MONTHS: len(absent), home.OVERDUE_PROBATION: len(overdue)}, case
    assert {key: item.count for key, item in items.items() if key in (
        home.ABSENT_SIX_MONTHS, home.OVERDUE_PROBATION, home.POLITICAL_BIRTHDAYS, home.MEETINGS_MISSING)} == {
        home.ABSENT_SIX_MONTHS: len(absent), home.OVERDUE_PROBATION: len(overdue),
        home.POLITICAL_BIRTHDAYS: len(birthdays), home.MEETINGS_MISSING: sum(d[3] - d[4] for d in missing)}, case


def test_the_awkward_members_are_flagged_as_worked_out(db: Database, world: World) -> None:
    """The reference itself, checked against the cases worked out by hand above."""
    for scope, absent in ((Scope(world.first), world.absent_first), (Scope(world.second), world.absent_second),
                          (Scope.street(), None)):
        db.scope = scope
        with db.session() as s:
            got = home.todo_ids(s, home.ABSENT_SIX_MONTHS, TODAY)
            assert got == ref_absent(s, TODAY)
            if absent is not None:
                assert sorted(got) == sorted(absent)
            else:
                assert sorted(got) == sorted(world.absent_first + world.absent_second)
    db.scope = Scope(world.first)
    with db.session() as s:
        assert sorted(home.todo_ids(s, home.OVERDUE_PROBATION, TODAY)) == sorted(world.overdue_first)
        # the day after: 王八's extended year (due 12-02) is not over yet; today's 任五 is
        assert len(home.todo_ids(s, home.OVERDUE_PROBATION, date(2026, 12, 2))) == 4


def test_the_meeting_edges_count_where_they_belong(db: Database, world: World) -> None:
    db.scope = Scope(world.first)
    with db.session() as s:
        due = {(d.org_id, d.kind): d for d in schedules.due_meetings(s, TODAY)}
    assert due[(FIRST, "branch_committee")].required == 2  # its own line: twice a month
    assert due[(FIRST, "branch_committee")].held == 1  # 12-02 09:00 is in December; 12-01's was a 主题党日
    assert (SECOND, "themed_day") not in due  # exempt
    assert due[(SECOND, "lecture")].held == 1  # 10-01 00:00: the quarter's first minute
    assert due[(SECOND, "members_meeting")].held == 0  # 09-30 23:59: last quarter
    assert due[(SECOND, "branch_committee")].held == 0  # 11-30 23:59 and 2027-01-01: neither December
    assert due[(GROUP, "themed_day")].period == "quarter"  # a line of its own, for a kind groups lack
    counts = Counter(org for org, _kind in due)
    assert counts[FIRST] == 6 and counts[SECOND] == 5 and counts[GROUP] == 2


def test_the_absence_probes_are_spelled_for_each_engine() -> None:
    """SQLite reads a member's lines newest first only through a scalar subquery (it ignores an
    EXISTS's ORDER BY); PostgreSQL plans an EXISTS as a join (a scalar one, row by row)."""
    from sqlalchemy.dialects import postgresql, sqlite

    stmt = select(PartyMember.id).where(flags._condition(home.ABSENT_SIX_MONTHS, TODAY))
    on_file = str(stmt.compile(dialect=sqlite.dialect()))
    on_server = str(stmt.compile(dialect=postgresql.dialect()))
    probe = "ORDER BY attendance.meeting_id DESC"  # only for members whose last line is after the window
    assert "EXISTS" not in on_file and on_file.count(probe) == 3
    assert on_file.count(f"{probe}\n LIMIT ? OFFSET ?) IS NOT NULL") == 3
    assert on_server.count("EXISTS (SELECT attendance.meeting_id") == 3
    assert on_server.count("IS NOT NULL") == 3  # party_members.last_…_at, not the probes
