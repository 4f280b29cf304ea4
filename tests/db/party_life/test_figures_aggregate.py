"""Every branch's figures at once (branch_figures, the monthly summary) and the community's rates
(stats) against a plain reference: each scope's members, meetings and lines read into Python and
counted one by one, with the schedules' required_between per branch.

Two communities in one database: 幸福社区 is the hand-built world (tests/db/party_life/world.py:
a transferred member with a line in range, a deleted meeting), 阳光社区 the demo at scale 1 with a
deleted member and a deceased one who both have lines, a deleted meeting, a deleted party group
whose member stays live, an empty branch, and schedule lines of its own (one more group meeting
for one group; one branch exempted from its 支委会). Each is read through its own scope, and both
by the street office and by an unscoped session. Runs on both engines (module_db_target).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from db.communities import add_community
from db.database import Database, open_database
from db.demo import fill_demo
from db.members import org_subtree_ids
from db.models import Attendance, Community, Meeting, MeetingSchedule, PartyMember, PartyOrg, now
from db.party_life.figures import (
    COMMUNITY_LABEL,
    branch_and_community_figures,
    branch_figures,
    community_rates,
    party_life_figures,
)
from db.party_life.schedules import required_between
from db.scope import Scope
from db.stats import party_life_counts
from db.summary import monthly_summary
from db.vocab import EDUCATION_KINDS
from tests.db.party_life.world import TODAY, build_world
from tests.seed import seed_basics

RANGES = [
    (date(2026, 10, 1), date(2026, 10, 31)),  # a calendar month, as the monthly summary asks
    (date(2025, 11, 25), TODAY),  # the last 12 months, as stats asks
    (date(2026, 9, 1), date(2026, 11, 30)),  # a quarter's worth
    (date(2026, 1, 1), date(2026, 1, 31)),  # nothing held
]


@pytest.fixture(scope="module")
def two(module_db_target: Any) -> Iterator[tuple[Database, int, int]]:
    database = open_database(module_db_target)
    with database.session() as s, s.begin():
        seed_basics(s)
    build_world(database)
    with database.session() as s, s.begin():
        first = int(s.scalar(select(func.min(Community.id))) or 0)
        second = add_community(s, "阳光社区").id
    database.scope = Scope(second)
    fill_demo(database, scale=1, seed=11, today=TODAY)
    with database.session() as s, s.begin():
        _oddities(s)
    database.scope = None
    yield database, first, second
    database.close()


def _oddities(s: Session) -> None:
    """The records an aggregate is most likely to count wrongly, in the demo community."""
    start = datetime(2026, 10, 1)
    branches = list(s.scalars(select(PartyOrg).where(PartyOrg.kind == "branch").order_by(PartyOrg.id)))
    groups = list(s.scalars(select(PartyOrg).where(PartyOrg.kind == "group").order_by(PartyOrg.id)))
    attended = select(Attendance.member_id).join(Meeting, Attendance.meeting_id == Meeting.id).where(
        Meeting.held_at >= start)
    with_lines = list(s.scalars(
        select(PartyMember).where(PartyMember.id.in_(attended), PartyMember.status == "normal",
                                  PartyMember.deleted_at.is_(None)).order_by(PartyMember.id).limit(3)))
    assert len(with_lines) == 3 and len(branches) >= 3 and len(groups) >= 2
    with_lines[0].deleted_at = now()  # in the recycle bin: its lines count nowhere
    with_lines[1].status = "deceased"
    gone_group = groups[0]  # a deleted party group whose member is still live: counted in its branch
    with_lines[2].org_id = gone_group.id
    gone_group.deleted_at = now()
    meeting = s.scalars(select(Meeting).where(Meeting.held_at >= start).order_by(Meeting.id).limit(1)).one()
    meeting.deleted_at = now()
    committee = s.scalars(select(PartyOrg).where(PartyOrg.kind == "committee")).one()
    s.add(PartyOrg(name="第九十九党支部", kind="branch", parent=committee, sort_order=99))  # no members, no meetings
    s.add_all([
        MeetingSchedule(kind="group_meeting", org_kind="group", org_id=groups[1].id, period="month", times=2,
                        active=True),
        MeetingSchedule(kind="branch_committee", org_kind="branch", org_id=branches[1].id, period="month", times=1,
                        active=False),
    ])


def reference(s: Session, date_from: date, date_to: date, org_id: int | None) -> dict[str, Any]:
    """The figures of one branch (or the community), counted in Python from the rows the session sees."""
    scope = None if org_id is None else set(org_subtree_ids(s, org_id))
    start = datetime.combine(date_from, time(0, 0))
    end = datetime.combine(date_to + timedelta(days=1), time(0, 0))
    members = {m.id: m for m in s.scalars(select(PartyMember))
               if m.deleted_at is None and m.status == "normal" and (scope is None or m.org_id in scope)}
    meetings = {g.id: g for g in s.scalars(select(Meeting)) if g.deleted_at is None and start <= g.held_at < end}
    lines = [a for a in s.scalars(select(Attendance)) if a.meeting_id in meetings and a.member_id in members]
    present = [a for a in lines if a.status == "present"]
    came = {a.member_id for a in present}
    educated = {a.member_id for a in present if meetings[a.meeting_id].kind in EDUCATION_KINDS}
    orgs = list(s.scalars(select(PartyOrg)))
    if org_id is None:
        committees = sorted((o for o in orgs if o.kind == "committee" and o.parent_id is None and o.deleted_at is None),
                            key=lambda o: (o.sort_order, o.id))
        label = committees[0].name if committees else COMMUNITY_LABEL
    else:
        label = s.get_one(PartyOrg, org_id).name
    live_orgs = [o.id for o in orgs if o.deleted_at is None and (scope is None or o.id in scope)]

    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    return {
        "date_from": date_from, "date_to": date_to, "scope_label": label, "members": len(members),
        "meetings_held": sum(1 for g in meetings.values() if scope is None or g.org_id in scope),
        "meetings_required": required_between(s, date_from, date_to, live_orgs),
        "attendance_rate": ratio(len(present), len(lines)),
        "participation_rate": ratio(len(came), len(members)),
        "education_coverage": ratio(len(educated), len(members)),
        "absent_member_ids": [m.id for m in sorted(members.values(), key=lambda m: (m.name_sort, m.id))
                              if m.id not in came],
    }


SCOPES = {"unscoped": lambda first, second: None, "street": lambda first, second: Scope.street(),
          "幸福社区": lambda first, second: Scope(first), "阳光社区": lambda first, second: Scope(second),
          "street, 阳光社区 picked": lambda first, second: Scope.street(second)}


@pytest.fixture(params=list(SCOPES))
def scoped(request: pytest.FixtureRequest, two: tuple[Database, int, int]) -> Iterator[Database]:
    database, first, second = two
    database.scope = SCOPES[request.param](first, second)
    yield database
    database.scope = None


def test_every_branch_at_once_equals_each_branch_counted_alone(scoped: Database) -> None:
    with scoped.session() as s:
        branch_ids = list(s.scalars(select(PartyOrg.id).where(PartyOrg.kind == "branch", PartyOrg.deleted_at.is_(None))
                                    .order_by(PartyOrg.sort_order, PartyOrg.id)))
        for date_from, date_to in RANGES:
            found = branch_figures(s, date_from, date_to)
            assert [f.org_id for f in found] == branch_ids
            for f in found:
                expected = reference(s, date_from, date_to, f.org_id)
                assert {k: v for k, v in asdict(f).items() if k != "org_id"} == expected, (f.scope_label, date_from)
                # and the one-branch query (member by member) says the same
                assert asdict(party_life_figures(s, date_from, date_to, org_id=f.org_id)) == expected


def test_the_community_in_totals_equals_the_community_counted_by_hand(scoped: Database) -> None:
    with scoped.session() as s:
        for date_from, date_to in RANGES:
            expected = reference(s, date_from, date_to, None)
            assert asdict(party_life_figures(s, date_from, date_to)) == expected
            branches, community = branch_and_community_figures(s, date_from, date_to)
            assert asdict(community) == expected
            assert branches == branch_figures(s, date_from, date_to)
            rates = community_rates(s, date_from, date_to)
            assert (rates.meetings_held, rates.attendance_rate, rates.participation_rate, rates.education_coverage) == (
                expected["meetings_held"], expected["attendance_rate"], expected["participation_rate"],
                expected["education_coverage"])


def test_stats_and_the_monthly_summary_use_the_same_figures(scoped: Database) -> None:
    with scoped.session() as s:
        year_ago = reference(s, date(2025, 11, 25), TODAY, None)
        counts = party_life_counts(s, TODAY)
        assert counts["meetings_last_12_months"] == year_ago["meetings_held"]
        assert counts["attendance_rate_last_12_months"] == round(year_ago["attendance_rate"] * 100, 1)
        assert counts["participation_rate_last_12_months"] == round(year_ago["participation_rate"] * 100, 1)
        assert counts["education_coverage_last_12_months"] == round(year_ago["education_coverage"] * 100, 1)
        if scoped.scope is None:
            return  # no community chosen in a database of several: the summary has no name to print
        october = monthly_summary(s, 2026, 10)
        assert october.party_life is not None
        assert asdict(october.party_life) == reference(s, date(2026, 10, 1), date(2026, 10, 31), None)
        assert october.party_life_by_branch == branch_figures(s, date(2026, 10, 1), date(2026, 10, 31))
        assert october.members_by_branch == members_by_branch(s)


def members_by_branch(s: Session) -> list[tuple[str, int, int]]:
    """Live full and probationary members per branch name, a party group's under its branch, in
    the organisations' order: counted by hand."""
    orgs = {o.id: o for o in s.scalars(select(PartyOrg))}
    found: dict[str, list[int]] = {}
    for o in sorted(orgs.values(), key=lambda o: (o.sort_order, o.id)):
        live = [m for m in s.scalars(select(PartyMember).where(PartyMember.org_id == o.id))
                if m.deleted_at is None and m.status == "normal"]
        if live:
            name = orgs[o.parent_id].name if o.kind == "group" and o.parent_id in orgs else o.name
            totals = found.setdefault(name, [0, 0])
            totals[0] += sum(1 for m in live if m.member_type == "full")
            totals[1] += sum(1 for m in live if m.member_type == "probationary")
    return [(name, full, prob) for name, (full, prob) in found.items()]


def test_the_oddities_are_there_to_be_counted(two: tuple[Database, int, int]) -> None:
    """The test data holds what it claims to: lines of members no longer live, in the range."""
    database, _first, second = two
    database.scope = Scope(second)
    try:
        with database.session() as s:
            gone_lines = s.scalar(
                select(func.count()).select_from(Attendance).join(PartyMember, Attendance.member_id == PartyMember.id)
                .join(Meeting, Attendance.meeting_id == Meeting.id)
                .where(Meeting.held_at >= datetime(2025, 11, 25), Meeting.deleted_at.is_(None),
                       (PartyMember.deleted_at.is_not(None)) | (PartyMember.status != "normal")))
            empty = s.scalars(select(PartyOrg.id).where(PartyOrg.name == "第九十九党支部")).one()
            f = party_life_figures(s, date(2026, 10, 1), date(2026, 10, 31), org_id=empty)
            deleted_groups = s.scalar(
                select(func.count()).select_from(PartyOrg).where(PartyOrg.deleted_at.is_not(None)))
    finally:
        database.scope = None
    assert gone_lines and gone_lines > 0
    assert (f.members, f.meetings_held, f.attendance_rate, f.participation_rate, f.absent_member_ids) == (
        0, 0, None, None, [])
    assert f.meetings_required == 2  # 支委会 and 主题党日, monthly
    assert deleted_groups == 1


@pytest.mark.sqlite_only
def test_no_member_is_tested_against_every_meeting_of_the_community(two: tuple[Database, int, int]) -> None:
    """In a community's scope, db.scope adds "the line's meeting is one of this community's" to
    every read of attendance; SQLite took that list for ix_attendance_member and probed each of
    the community's meetings for each member (95 s on 100,000 members). No plan of the figures
    may seek the index by meeting as well as by member and status."""
    database, first, _second = two
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.startswith("SELECT"):
            statements.append((statement, parameters))

    database.scope = Scope(first)
    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        with database.session() as s:
            monthly_summary(s, 2026, 10)
            party_life_counts(s, TODAY)
            party_life_figures(s, date(2026, 9, 1), date(2026, 11, 30))
            event.remove(database.engine, "before_cursor_execute", keep)
            plans = [(statement, [row[3] for row in s.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)]) for statement, parameters in statements]
    finally:
        database.scope = None
        if event.contains(database.engine, "before_cursor_execute", keep):
            event.remove(database.engine, "before_cursor_execute", keep)
    assert any("ix_attendance_member" in step for _, steps in plans for step in steps)  # the probes are there
    for statement, steps in plans:
        assert not [step for step in steps if "ix_attendance_member (member_id=? AND status=? AND meeting_id=?)"
                    in step], statement
