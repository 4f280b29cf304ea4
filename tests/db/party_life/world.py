"""A small hand-built party-life data set every figure test works from.

Organisations (tests/seed.py): 幸福社区党委 (1) → 第一党支部 (2) → 第一党小组 (4); 第二党支部 (3).
Today is 2026-11-25, so six months back is 2026-05-25.

Members (pinyin order: lisi < sunqi < wangwu < zhangsan < zhaoliu < zhouba):
  m1 张三  branch 2  full          in service, reported 2026-05-25 (exactly six months ago)
  m2 李四  group 4   probationary  retired, admitted 2025-10-10 with no 转正 → overdue since 2026-10-10
  m3 王五  branch 3  full          mobile since 2026-03-01
  m4 赵六  branch 3  full          in service, never reported
  m5 孙七  branch 2  full          lost contact, since unknown
  m6 周八  branch 3  full          transferred out: in no figure, flag or list
Admitted: m1 2005-11-20, m2 2025-10-10, m3 2000-07-01, m4 2015-11-03, m5 2010-11-03, m6 2012-11-11.

Meetings (P present, L leave, A absent):
  g1  branch 2  支委会    2026-09-10  m1 P, m5 A, m2 P
  g2  branch 2  主题党日  2026-09-20  m1 P, m2 L, m5 A
  g3  branch 2  党课      2026-10-15  m1 L, m2 P, m5 A
  g4  group 4   党小组会  2026-11-05  m2 P
  g5  branch 3  支委会    2026-09-12  m3 A, m4 P, m6 P
  g6  branch 3  主题党日  2026-10-20  m3 L, m4 A
  g7  branch 3  培训      2026-11-10  m4 P, m3 A
  g8  committee 党员大会  2026-11-20  m1 P, m3 A, m4 P, m5 A
  g9  branch 2  支委会    2026-05-20  m5 P          (before the six-month window and before September)
  g10 branch 2  主题党日  2026-11-15  m5 P          deleted (in the recycle bin): counts nowhere
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from db.database import Database
from db.members import MemberInput, save_member
from db.models import Meeting, now
from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting
from db.people import PersonFields
from db.validation import id_check_character

TODAY = date(2026, 11, 25)
COMMITTEE, BRANCH_1, BRANCH_2, GROUP_1 = 1, 2, 3, 4


def make_id(birth: str, seq: str) -> str:
    body = "410302" + birth + seq
    return body + id_check_character(body)


@dataclass(frozen=True)
class World:
    m: dict[int, int]  # m[1] is 张三's member id …
    g: dict[int, int]  # g[1] is meeting g1's id …


def add_member(s: Session, name: str, birth: str, seq: str, org_id: int, today: date = TODAY,
               **values: object) -> int:
    data = MemberInput(person=PersonFields(name=name, id_number=make_id(birth, seq)), org_id=org_id, **values)
    return save_member(s, data, today=today).id


def add_meeting(s: Session, kind: str, org_id: int, held_on: date | str, lines: list[tuple[int, str]],
                today: date = TODAY, **values: str) -> int:
    attendance = [AttendanceInput(mid, status, "有事" if status == "leave" else "") for mid, status in lines]
    return save_meeting(s, MeetingInput(kind=kind, org_id=org_id, held_on=held_on, attendance=attendance,
                                        **values), today=today).id


def build_world(db: Database) -> World:
    with db.session() as s, s.begin():
        m = {
            1: add_member(s, "张三", "19750101", "011", BRANCH_1, member_type="full", admitted_on="2005-11-20",
                          full_on="2006-11-20", category="in_service", reported=True, reported_on="2026-05-25"),
            2: add_member(s, "李四", "19900202", "022", GROUP_1, member_type="probationary",
                          admitted_on="2025-10-10", category="retired"),
            3: add_member(s, "王五", "19700303", "033", BRANCH_2, member_type="full", admitted_on="2000-07-01",
                          full_on="2001-07-01", category="mobile", category_since="2026-03-01"),
            4: add_member(s, "赵六", "19800404", "044", BRANCH_2, member_type="full", admitted_on="2015-11-03",
                          full_on="2016-11-03", category="in_service"),
            5: add_member(s, "孙七", "19700505", "055", BRANCH_1, member_type="full", admitted_on="2010-11-03",
                          full_on="2011-11-03", category="lost_contact"),
            6: add_member(s, "周八", "19700606", "066", BRANCH_2, member_type="full", admitted_on="2012-11-11",
                          full_on="2013-11-11", status="transferred_out"),
        }
        P, L, A = "present", "leave", "absent"
        g = {
            1: add_meeting(s, "branch_committee", BRANCH_1, "2026-09-10", [(m[1], P), (m[5], A), (m[2], P)]),
            2: add_meeting(s, "themed_day", BRANCH_1, "2026-09-20", [(m[1], P), (m[2], L), (m[5], A)]),
            3: add_meeting(s, "lecture", BRANCH_1, "2026-10-15", [(m[1], L), (m[2], P), (m[5], A)]),
            4: add_meeting(s, "group_meeting", GROUP_1, "2026-11-05", [(m[2], P)]),
            5: add_meeting(s, "branch_committee", BRANCH_2, "2026-09-12", [(m[3], A), (m[4], P), (m[6], P)]),
            6: add_meeting(s, "themed_day", BRANCH_2, "2026-10-20", [(m[3], L), (m[4], A)]),
            7: add_meeting(s, "training", BRANCH_2, "2026-11-10", [(m[4], P), (m[3], A)]),
            8: add_meeting(s, "members_meeting", COMMITTEE, "2026-11-20",
                           [(m[1], P), (m[3], A), (m[4], P), (m[5], A)]),
            9: add_meeting(s, "branch_committee", BRANCH_1, "2026-05-20", [(m[5], P)]),
            10: add_meeting(s, "themed_day", BRANCH_1, "2026-11-15", [(m[5], P)]),
        }
        s.get_one(Meeting, g[10]).deleted_at = now()
    return World(m, g)
