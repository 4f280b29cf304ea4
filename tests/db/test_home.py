"""The home page's to-do items on a small hand-built data set: every count and id list is
worked out in the comments from the rows made here, on 2026-12-01 (a Tuesday)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db import home, recycle
from db.database import Database
from db.mediation import CaseInput, FollowUpInput, PartyInput, save_case, save_follow_up
from db.members import MemberInput, save_member
from db.models import FollowUp, PartyOrg
from db.party_life import flags
from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from db.party_life.schedules import ScheduleInput, save_schedules
from db.people import PersonFields
from tests.db.test_members import make_id

TODAY = date(2026, 12, 1)  # today − 30 days = 2026-11-01, today − 15 days = 2026-11-16
FIRST, SECOND = 2, 3  # tests/seed.py: 第一党支部, 第二党支部


def org_id(db: Database, name: str) -> int:
    with db.session() as s:
        return s.scalar(select(PartyOrg.id).where(PartyOrg.name == name))


def add_member(db: Database, n: int, name: str, admitted: str, *, org: int = FIRST, probationary: bool = False,
               status: str = "normal") -> int:
    person = PersonFields(name=name, id_number=make_id("19700101", f"{n:03d}"))
    full_on = None if probationary else f"{int(admitted[:4]) + 1}{admitted[4:]}"  # converted a year later
    data = MemberInput(person=person, org_id=org, member_type="probationary" if probationary else "full",
                       admitted_on=admitted, full_on=full_on, status=status)
    with db.session() as s, s.begin():
        return save_member(s, data, today=TODAY).id


def add_meeting(db: Database, org: int, kind: str, held_on: str, attendance: dict[int, str]) -> int:
    lines = [AttendanceInput(m, status, "出差" if status == "leave" else "") for m, status in attendance.items()]
    with db.session() as s, s.begin():
        return save_meeting(s, MeetingInput(kind=kind, org_id=org, held_on=held_on, attendance=lines),
                            today=TODAY).id


def add_case(db: Database, received: str, *, closed: str | None = None, result: str = "success",
             agreement: str = "赔偿500元", status: str = "open") -> int:
    parties = [PartyInput("applicant", "王建国"), PartyInput("respondent", "李秀英")]
    raw = CaseInput(received_on=received, parties=parties, status=status)
    if closed:
        raw.status, raw.result, raw.closed_on, raw.agreement_terms = "closed", result, closed, agreement
    with db.session() as s, s.begin():
        return save_case(s, raw, today=TODAY).id


def add_follow_up(db: Database, case_id: int, visited: str) -> int:
    with db.session() as s, s.begin():
        return save_follow_up(s, case_id, FollowUpInput(visited, "刘芳"), today=TODAY).id


def items(db: Database) -> dict[str, home.TodoItem]:
    with db.session() as s:
        return {item.key: item for item in home.todo_items(s, TODAY)}


def ids(db: Database, key: str) -> list[int]:
    with db.session() as s:
        return home.todo_ids(s, key, TODAY)


# --- mediation (no party-life code involved) -----------------------------------------------

def test_mediation_cases_open_30_days_or_more(db: Database) -> None:
    k1 = add_case(db, "2026-10-31")  # open 31 days → counted
    add_case(db, "2026-11-02")  # open 29 days → not
    k3 = add_case(db, "2026-11-01")  # open exactly 30 days → counted (received_on ≤ today − 30)
    k4 = add_case(db, "2026-09-01")  # 91 days, but in the recycle bin → not
    add_case(db, "2026-09-01", closed="2026-09-20")  # old but closed → not
    with db.session() as s, s.begin():
        recycle.delete(s, "mediation", [k4])
    assert ids(db, home.OPEN_OVER_30) == [k1, k3]  # oldest first: 10-31, then 11-01
    with db.session() as s:
        count, oldest = home._oldest_open_case(s, TODAY)
    assert (count, oldest) == (2, date(2026, 10, 31))


def test_follow_ups_due_15_days_after_a_settled_agreement(db: Database) -> None:
    f1 = add_case(db, "2026-11-01", closed="2026-11-10")  # closed 21 days ago, never visited → counted
    f2 = add_case(db, "2026-11-01", closed="2026-11-16")  # exactly 15 days → counted
    add_case(db, "2026-11-01", closed="2026-11-17")  # 14 days → not yet
    f4 = add_case(db, "2026-09-01", closed="2026-10-01")  # visited on 10-20 → not
    add_follow_up(db, f4, "2026-10-20")
    add_case(db, "2026-09-01", closed="2026-10-01", result="failed", agreement="")  # not settled → not
    add_case(db, "2026-09-01", closed="2026-10-01", agreement="  ")  # settled, no agreement written → not
    f7 = add_case(db, "2026-09-01", closed="2026-10-05")  # its only visit is in the recycle bin → counted
    visit = add_follow_up(db, f7, "2026-10-25")
    with db.session() as s, s.begin():
        recycle.delete(s, "follow_ups", [visit])
        assert s.get(FollowUp, visit).deleted_at is not None
    assert ids(db, home.FOLLOW_UP_DUE) == [f7, f1, f2]  # by closing date: 10-05, 11-10, 11-16


def test_political_birthday_count(db: Database) -> None:
    add_member(db, 1, "张三", "2010-12-15")  # December of an earlier year → counted
    add_member(db, 3, "李四", "2011-07-01")  # July → not
    add_member(db, 5, "赵六", "2025-12-15", probationary=True)  # December last year → counted
    add_member(db, 7, "孙七", "2000-12-01", status="transferred_out")  # transferred out → not
    add_member(db, 9, "周八", "2026-12-01", probationary=True)  # admitted today: this year counts too
    add_member(db, 11, "吴九", "2010-11-30")  # the day before December → not
    with db.session() as s:
        count = s.scalar(select(home.func.count()).select_from(home.PartyMember)
                         .where(home.political_birthday_condition(2026, 12)))
        assert count == 3  # 张三, 赵六, 周八
        # In November 2011 only 吴九 (2010-11-30) had been admitted in a November.
        assert s.scalar(select(home.func.count()).select_from(home.PartyMember)
                        .where(home.political_birthday_condition(2011, 11))) == 1


# --- the whole page ----------------------------------------------------------------------

@pytest.fixture
def community(db: Database) -> dict[str, int]:
    """Two schedule lines, six members, four meetings, a few cases: the numbers below."""
    with db.session() as s, s.begin():
        save_schedules(s, [ScheduleInput("branch_committee", "branch", None, "month"),
                           ScheduleInput("lecture", "branch", None, "quarter")])
    m = {
        "a": add_member(db, 1, "张三", "2010-12-15"),  # December → birthday
        "b": add_member(db, 3, "李四", "2011-07-01"),
        "c": add_member(db, 5, "王五", "2025-11-01", probationary=True),  # due 2026-11-01 → overdue
        "d": add_member(db, 7, "赵六", "2025-12-15", probationary=True),  # due 2026-12-15 → not yet; birthday
        "e": add_member(db, 9, "孙七", "2000-12-01", status="transferred_out"),  # left: in no count
        "g": add_member(db, 11, "吴九", "2012-03-01", org=SECOND),
    }
    # 第一党支部: 支委会 this month (so only this quarter's 党课 is missing); 李四 absent at both
    # meetings of the last six months, 王五 came to one, 赵六 was on leave, 张三 came to one.
    add_meeting(db, FIRST, "branch_committee", "2026-12-01", {m["a"]: "present", m["b"]: "absent",
                                                             m["c"]: "absent", m["d"]: "leave"})
    add_meeting(db, FIRST, "themed_day", "2026-08-10", {m["a"]: "absent", m["b"]: "absent", m["c"]: "present"})
    add_meeting(db, FIRST, "themed_day", "2026-05-01", {m["b"]: "present"})  # before 06-01: outside the window
    # 第二党支部: this quarter's 党课 held (10-15), last month's 支委会 does not count for December.
    add_meeting(db, SECOND, "lecture", "2026-10-15", {m["g"]: "present"})
    add_meeting(db, SECOND, "branch_committee", "2026-11-20", {m["g"]: "present"})
    m["k1"] = add_case(db, "2026-10-31")
    add_case(db, "2026-11-20")
    m["f1"] = add_case(db, "2026-11-01", closed="2026-11-10")
    m["a1"] = add_case(db, "2026-09-01", status="applied")  # an application: waiting, not open 91 days
    return m


def test_todo_items_on_a_small_community(db: Database, community: dict[str, int]) -> None:
    got = items(db)
    assert list(got) == list(home.KEYS)
    counts = {key: item.count for key, item in got.items()}
    assert counts == {
        # due: 2 branches × (支委会 this month + 党课 this quarter) = 4; held: 第一 支委会, 第二 党课 → 2 missing
        home.MEETINGS_MISSING: 2,
        home.ABSENT_SIX_MONTHS: 1,  # 李四: absent at both meetings since 2026-06-01
        home.OVERDUE_PROBATION: 1,  # 王五
        home.POLITICAL_BIRTHDAYS: 2,  # 张三 (2010-12), 赵六 (2025-12); 孙七 has left
        home.APPLICATIONS_WAITING: 1,  # a1
        home.OPEN_OVER_30: 1,  # k1 (31 days); the case of 11-20 is 11 days old
        home.FOLLOW_UP_DUE: 1,  # f1, closed 21 days ago
        home.INCIDENTS_DUE: 0, home.VISITS_DUE: 0, home.CARE_NOT_VISITED: 0,  # no grid work here (test_visits)
    }
    assert got[home.MEETINGS_MISSING].detail == "第一党支部：党课（本季度）；第二党支部：支委会"
    assert got[home.MEETINGS_MISSING].label == "本月未开会议"
    assert got[home.OPEN_OVER_30].detail == "受理已满30天仍在调解，最早的受理于2026年10月31日"
    assert {key: item.target for key, item in got.items()} == home.TARGETS
    assert home.TARGETS[home.ABSENT_SIX_MONTHS] == "members:flag=absent_six_months"
    assert home.TARGETS[home.OPEN_OVER_30] == "mediation:open_over_30"

    m = community
    assert ids(db, home.MEETINGS_MISSING) == [FIRST, SECOND]
    assert ids(db, home.ABSENT_SIX_MONTHS) == [m["b"]]
    assert ids(db, home.OVERDUE_PROBATION) == [m["c"]]
    assert ids(db, home.APPLICATIONS_WAITING) == [m["a1"]]
    assert sorted(ids(db, home.POLITICAL_BIRTHDAYS)) == sorted([m["a"], m["d"]])
    assert ids(db, home.OPEN_OVER_30) == [m["k1"]]
    assert ids(db, home.FOLLOW_UP_DUE) == [m["f1"]]
    with pytest.raises(KeyError):
        ids(db, "certificates_requested")


def test_birthday_count_agrees_with_the_flags_list(db: Database, community: dict[str, int]) -> None:
    with db.session() as s:
        for year, month in ((2026, 12), (2026, 7), (2011, 7), (2026, 3), (2026, 11)):
            listed = flags.political_birthdays(s, year, month)
            counted = s.scalar(select(home.func.count()).select_from(home.PartyMember)
                               .where(home.political_birthday_condition(year, month)))
            assert counted == len(listed), (year, month)


def test_an_empty_community_has_only_its_meetings_to_do(db: Database) -> None:
    got = items(db)
    # Default schedules (migration 0003) on the seed: each branch owes 支委会 and 主题党日 this
    # month, 党员大会 and 党课 this quarter, 组织生活会 and 民主评议 this year (6 × 2 branches),
    # and 第一党小组 its 党小组会: 13 meetings. The committee has no schedule.
    assert got[home.MEETINGS_MISSING].count == 13
    # 第一党支部's six kinds take 53 characters; adding 第二党支部's would pass 60: named alone.
    assert got[home.MEETINGS_MISSING].detail == (
        "第一党支部：支委会、党员大会（本季度）、党课（本季度）、主题党日、组织生活会（本年度）、民主评议（本年度）"
        " 等3个组织")
    assert ids(db, home.MEETINGS_MISSING) == [FIRST, SECOND, org_id(db, "第一党小组")]
    assert all(item.count == 0 for key, item in got.items() if key != home.MEETINGS_MISSING)
    assert got[home.OPEN_OVER_30].detail == "受理已满30天仍在调解"
    assert all(ids(db, key) == [] for key in home.KEYS if key != home.MEETINGS_MISSING)


def test_all_meetings_held_reads_as_done(db: Database) -> None:
    with db.session() as s, s.begin():
        save_schedules(s, [ScheduleInput("branch_committee", "branch", None, "month")])
    member = add_member(db, 1, "张三", "2010-06-15", org=SECOND)
    add_meeting(db, FIRST, "branch_committee", "2026-12-01", {})
    add_meeting(db, SECOND, "branch_committee", "2026-12-01", {member: "present"})
    item = items(db)[home.MEETINGS_MISSING]
    assert (item.count, item.detail) == (0, "本月应开的会议都已召开")
