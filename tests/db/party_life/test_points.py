"""Points (积分): awards from attendance, entries by hand, the rules table and the yearly standing.

Every expected figure is worked out by hand in the comments, with the default scheme of
migration 0003: base 60, attended +1, absent −2, training 1–3, article +3, floor 0.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.database import Database
from db.models import Attendance, Meeting, PartyMember, Person, PointEntry
from db.party_life.points import (
    PointRuleRow,
    add_manual_entry,
    award_for_meeting,
    branch_standing,
    delete_entry,
    ledger,
    point_rules,
    save_point_rules,
    standing,
)
from db.permissions import Actor, PermissionDenied
from db.validation import FieldError, ValidationErrors

FIRST, SECOND, GROUP = 2, 3, 4  # tests/seed.py: 第一党支部, 第二党支部, 第一党小组 (under 第一党支部)


def add_member(s: Session, name: str, org_id: int, sort: str = "") -> int:
    person = Person(name=name, name_sort=sort or name)
    member = PartyMember(person=person, org_id=org_id, member_type="full", name_sort=sort or name)
    s.add(member)
    s.flush()
    return member.id


def meeting(s: Session, org_id: int, held: str, lines: dict[int, str], kind: str = "branch_committee") -> Meeting:
    m = Meeting(kind=kind, org_id=org_id, held_at=datetime.fromisoformat(held))
    m.attendance = [Attendance(member_id=mid, status=status) for mid, status in lines.items()]
    s.add(m)
    s.flush()
    award_for_meeting(s, m)
    return m


def entries(s: Session, meeting_id: int) -> dict[int, tuple[str, float]]:
    rows = s.scalars(select(PointEntry).where(PointEntry.meeting_id == meeting_id))
    return {e.member_id: (e.rule_code, e.points) for e in rows}


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    with db.session() as s, s.begin():
        return {"张三": add_member(s, "张三", FIRST, "zhang"), "李四": add_member(s, "李四", GROUP, "li"),
                "王五": add_member(s, "王五", SECOND, "wang")}


def test_awards_follow_attendance_and_are_replaced_on_edit(db: Database, people: dict[str, int]) -> None:
    a, b, c = people["张三"], people["李四"], people["王五"]
    with db.session() as s, s.begin():
        m = meeting(s, FIRST, "2026-03-05 19:00", {a: "present", b: "leave", c: "absent"})
        mid = m.id
        # present → attended +1, on leave → nothing, absent → absent −2
        assert entries(s, mid) == {a: ("attended", 1.0), c: ("absent", -2.0)}
        line = s.scalar(select(PointEntry).where(PointEntry.member_id == a))
        assert (line.year, line.on, line.entered_by) == (2026, date(2026, 3, 5), "系统")
        assert line.reason == "参加支委会（2026年3月5日）"
    with db.session() as s, s.begin():  # the attendance is corrected: 张三 was away, 李四 came
        m = s.get(Meeting, mid)
        for line in m.attendance:
            line.status = {a: "absent", b: "present", c: "leave"}[line.member_id]
        award_for_meeting(s, m)
        assert entries(s, mid) == {a: ("absent", -2.0), b: ("attended", 1.0)}
        assert s.scalar(select(PointEntry.id).where(PointEntry.member_id == c)) is None


def test_entered_by_is_the_signed_in_account(db: Database, people: dict[str, int]) -> None:
    db.actor = Actor("clerk1", "clerk")  # a database without accounts takes the actor a session is opened for
    with db.session() as s, s.begin():
        meeting(s, FIRST, "2026-04-01 09:00", {people["张三"]: "present"})
        assert s.scalar(select(PointEntry.entered_by)) == "clerk1"


def test_meeting_in_recycle_bin_counts_nothing_and_restoring_brings_points_back(
        db: Database, people: dict[str, int]) -> None:
    a = people["张三"]
    with db.session() as s, s.begin():
        mid = meeting(s, FIRST, "2026-05-10 09:00", {a: "present"}).id
    with db.session() as s:
        assert standing(s, 2026, FIRST)[0].total == 61  # 60 + 1
    with db.session() as s, s.begin():
        s.execute(update(Meeting).where(Meeting.id == mid).values(deleted_at=datetime(2026, 6, 1)))
    with db.session() as s:
        assert standing(s, 2026, FIRST)[0].total == 60 and ledger(s, a, 2026) == []
    with db.session() as s, s.begin():  # saving a deleted meeting drops its lines for good
        m = s.get(Meeting, mid)
        award_for_meeting(s, m)
        assert entries(s, mid) == {}
        m.deleted_at = None  # restored, then saved again: the points come back
        award_for_meeting(s, m)
    with db.session() as s:
        assert standing(s, 2026, FIRST)[0].total == 61


def test_manual_entries_within_the_range_and_refused_outside(db: Database, people: dict[str, int]) -> None:
    a = people["张三"]
    with db.session() as s, s.begin():
        assert add_manual_entry(s, a, "training", 2.5, "2026-06-01", "党史培训").points == 2.5
        assert add_manual_entry(s, a, "training", None, "2026-06-02", "培训").points == 1  # the rule's own 1
        assert add_manual_entry(s, a, "article", None, "2026-07-01", "微党课").points == 3
        assert add_manual_entry(s, a, "other", -1, "2026-07-02", "迟到").points == -1

    def refused(code: str, points: object, reason: str = "培训") -> dict[str, str]:
        with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
            add_manual_entry(s, a, code, points, "2026-06-03", reason)
        return {e.field: e.message for e in info.value.errors}

    assert "1 到 3 分之间" in refused("training", 4)["points"]
    assert "1 到 3 分之间" in refused("training", 0.5)["points"]
    assert "固定为 3 分" in refused("article", 5)["points"]
    assert refused("training", 2, reason=" ")["reason"] == "事由：必填"
    assert refused("training", "两分")["points"] == "分值：应为数字，如 3 或 1.5"
    assert "请从列表中选择" in refused("attended", 1)["rule_code"]  # automatic rules are not entered by hand
    with db.session() as s:
        lines = ledger(s, a, 2026)
        assert [(x.rule_label, x.points, x.reason) for x in lines][:2] == [("参加培训", 2.5, "党史培训"),
                                                                            ("参加培训", 1, "培训")]
        # 60 + 2.5 + 1 + 3 earned, 1 deducted = 65.5
        row = standing(s, 2026, FIRST)[0]
        assert (row.earned, row.deducted, row.total) == (6.5, 1, 65.5)


def test_delete_entry_only_for_lines_by_hand(db: Database, people: dict[str, int]) -> None:
    a = people["张三"]
    with db.session() as s, s.begin():
        manual = add_manual_entry(s, a, "article", 3, "2026-07-01", "文章").id
        meeting(s, FIRST, "2026-07-05 09:00", {a: "present"})
        auto = s.scalar(select(PointEntry.id).where(PointEntry.meeting_id.is_not(None)))
    with db.session() as s, s.begin():
        with pytest.raises(FieldError, match="自动生成"):
            delete_entry(s, auto)
        delete_entry(s, manual)
    with db.session() as s:
        assert [x.id for x in ledger(s, a, 2026)] == [auto]


def test_standing_with_base_floor_ranks_and_branch_averages(db: Database, people: dict[str, int]) -> None:
    a, b, c = people["张三"], people["李四"], people["王五"]
    with db.session() as s, s.begin():
        meeting(s, FIRST, "2026-02-01 09:00", {a: "present", b: "present"})
        meeting(s, FIRST, "2026-03-01 09:00", {a: "present", b: "absent"})
        meeting(s, FIRST, "2025-12-01 09:00", {a: "present"})  # another year: not counted in 2026
        add_manual_entry(s, c, "other", -70, "2026-04-01", "长期不参加组织生活")
        d = add_member(s, "赵六", SECOND, "zhao")  # nothing this year: the base alone
    with db.session() as s:
        rows = standing(s, 2026)
    # 张三 60+1+1 = 62; 李四 60+1−2 = 59; 王五 60−70 = −10 → the floor 0; 赵六 60
    assert [(r.name, r.total, r.rank) for r in rows] == [("张三", 62, 1), ("赵六", 60, 2), ("李四", 59, 3),
                                                         ("王五", 0, 4)]
    wang = rows[-1]
    assert (wang.base, wang.earned, wang.deducted, wang.org_name) == (60, 0, 70, "第二党支部")
    assert rows[2].org_name == "第一党支部"  # 李四 is in 第一党小组, listed under its branch
    with db.session() as s:
        assert [r.name for r in standing(s, 2026, FIRST)] == ["张三", "李四"]  # the branch includes its group
        assert [r.name for r in standing(s, 2026, GROUP)] == ["李四"]
        branches = branch_standing(s, 2026)
    # 第一党支部: 62 + 59 = 121 over 2 = 60.5; 第二党支部: 0 + 60 = 60 over 2 = 30
    assert [(b.org_name, b.members, b.total, b.average) for b in branches] == [("第一党支部", 2, 121, 60.5),
                                                                              ("第二党支部", 2, 60, 30)]
    with db.session() as s:  # summed from the standing the caller has: the same figures
        assert branch_standing(s, 2026, standing(s, 2026)) == branches
    with db.session() as s, s.begin():  # equal totals share a rank
        add_manual_entry(s, d, "other", 2, "2026-05-01", "志愿服务")
    with db.session() as s:
        assert [(r.name, r.rank) for r in standing(s, 2026)][:3] == [("张三", 1), ("赵六", 1), ("李四", 3)]


def test_rules_saved_and_checked(db: Database) -> None:
    with db.session() as s:
        rules = point_rules(s)
    assert [(r.code, r.points, r.max_points) for r in rules] == [
        ("base", 60, None), ("attended", 1, None), ("training", 1, 3), ("article", 3, None), ("absent", -2, None),
        ("floor", 0, None)]
    changed = [r if r.code != "base" else PointRuleRow("base", r.label, 50) for r in rules]
    changed.append(PointRuleRow("", "志愿服务", 1, 5))
    with db.session() as s, s.begin():
        save_point_rules(s, changed)
    with db.session() as s:
        after = point_rules(s)
        assert after[0].points == 50 and (after[-1].code, after[-1].label, after[-1].max_points) == ("rule_1",
                                                                                                     "志愿服务", 5)

    def refused(rows: list[PointRuleRow]) -> dict[str, str]:
        with db.session() as s, s.begin(), pytest.raises(ValidationErrors) as info:
            save_point_rules(s, rows)
        return {e.field: e.message for e in info.value.errors}

    bad = list(after)
    bad[2] = PointRuleRow("training", "参加培训", 3, 1)
    bad[4] = PointRuleRow("absent", "", 2)
    errors = refused(bad)
    assert errors["rule2_max_points"] == "第3行最高分值：不能低于分值 3"
    assert errors["rule4_label"] == "第5行名称：必填" and "缺席应扣分" in errors["rule4_points"]
    assert "不能删除" in refused([r for r in after if r.code != "floor"])["rules"]


def test_rules_are_for_administrators(db: Database) -> None:
    db.actor = Actor("clerk1", "clerk")
    with db.session() as s, s.begin():
        with pytest.raises(PermissionDenied):
            save_point_rules(s, point_rules(s))


def test_saving_a_meeting_awards_its_points(db: Database, people: dict[str, int]) -> None:
    """The hook as the meetings register calls it: save_meeting → award_for_meeting."""
    from db.party_life.meetings import AttendanceInput, MeetingInput, save_meeting

    a, b, c = people["张三"], people["李四"], people["王五"]
    lines = [AttendanceInput(a), AttendanceInput(b, "leave", "出差"), AttendanceInput(c, "absent")]
    with db.session() as s, s.begin():
        mid = save_meeting(s, MeetingInput("lecture", FIRST, "2026-09-10", "19:00", attendance=lines),
                           today=date(2026, 11, 25)).id
        assert entries(s, mid) == {a: ("attended", 1.0), c: ("absent", -2.0)}
    lines[2] = AttendanceInput(c, "present")  # 王五 did come after all; 李四 taken off the list
    with db.session() as s, s.begin():
        save_meeting(s, MeetingInput("lecture", FIRST, "2026-09-10", "19:00", attendance=[lines[0], lines[2]]), mid,
                     today=date(2026, 11, 25))
        assert entries(s, mid) == {a: ("attended", 1.0), c: ("attended", 1.0)}


def test_purging_a_meeting_removes_its_points(db: Database, people: dict[str, int]) -> None:
    from db import recycle

    a = people["张三"]
    with db.session() as s, s.begin():
        mid = meeting(s, FIRST, "2026-05-10 09:00", {a: "present"}).id
        add_manual_entry(s, a, "article", 3, "2026-05-11", "文章")
    with db.session() as s, s.begin():
        recycle.delete(s, "meetings", [mid])
    with db.session() as s, s.begin():
        recycle.restore(s, "meetings", [mid])
    with db.session() as s:
        assert standing(s, 2026, FIRST)[0].total == 64  # restored: 60 + 1 + 3
    with db.session() as s, s.begin():
        recycle.delete(s, "meetings", [mid])
        recycle.purge(s, "meetings", [mid])
    with db.session() as s:
        assert entries(s, mid) == {}
        assert [x.rule_code for x in ledger(s, a, 2026)] == ["article"]


def test_a_meetings_points_are_one_log_entry_on_the_meeting(db: Database, people: dict[str, int]) -> None:
    from db.models import AuditEntry

    a, b, c = people["张三"], people["李四"], people["王五"]
    with db.session() as s, s.begin():
        mid = meeting(s, FIRST, "2026-03-05 19:00", {a: "present", b: "present", c: "absent"}).id
    with db.session() as s, s.begin():  # 李四 was on leave after all: one line less
        m = s.get_one(Meeting, mid)
        for line in m.attendance:
            line.status = "leave" if line.member_id == b else line.status
        award_for_meeting(s, m)
    with db.session() as s:
        logged = s.execute(select(AuditEntry.register, AuditEntry.record_id, AuditEntry.summary, AuditEntry.details)
                           .where(AuditEntry.register.in_(["point_entries", "meetings"]))
                           .where(AuditEntry.summary.like("会议积分%"))).all()
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.register == "point_entries")) is None
    assert [(r.register, r.record_id, r.summary) for r in logged] == [("meetings", mid, "会议积分：3 人"),
                                                                        ("meetings", mid, "会议积分：2 人")]
    assert "新增 3 条" in logged[0].details and "撤销 1 条" in logged[1].details
