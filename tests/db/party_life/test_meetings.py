"""Meetings: the save rules, attendance replaced on edit, who is expected, the register queries."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from db.database import Database
from db.listing import Sort
from db.models import Attendance
from db.party_life.meetings import (
    AttendanceInput,
    MeetingFilter,
    MeetingInput,
    expected_attendees,
    find_members,
    load_meeting_input,
    meeting_ids,
    meeting_rows,
    recorded_attendees,
    save_meeting,
)
from db.validation import ValidationErrors
from tests.db.party_life.world import BRANCH_1, BRANCH_2, GROUP_1, TODAY, add_member, build_world


def two_members(db: Database) -> tuple[int, int]:
    with db.session() as s, s.begin():
        return (add_member(s, "张三", "19750101", "011", BRANCH_1, admitted_on="2005-11-20", full_on="2006-11-20"),
                add_member(s, "李四", "19900202", "022", GROUP_1, admitted_on="2015-10-10", full_on="2016-10-10"))


def good_input(**overrides: object) -> MeetingInput:
    values: dict[str, object] = dict(kind="lecture", org_id=BRANCH_1, held_on="2026-11-20", start_time="19:30",
                                     place="党群服务中心", topic="学习党章", speaker="王书记")
    values.update(overrides)
    return MeetingInput(**values)  # type: ignore[arg-type]


def errors_of(db: Database, data: MeetingInput) -> dict[str, str]:
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors) as info:
            save_meeting(s, data, today=TODAY)
    return {e.field: e.message for e in info.value.errors}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "会议类型：请从列表中选择"),
        ({"kind": "tea_party"}, "kind", "会议类型：请从列表中选择"),
        ({"org_id": None}, "org_id", "组织：请选择召开会议的党组织"),
        ({"org_id": 999}, "org_id", "组织：请选择召开会议的党组织"),
        ({"held_on": ""}, "held_on", "会议日期：必填"),
        ({"held_on": "2026-11-26"}, "held_on", "会议日期：不能晚于今天"),
        ({"held_on": "2026-02-30"}, "held_on", "会议日期：日期不存在（2026年2月30日）"),
        ({"start_time": "25:00"}, "start_time", "开始时间：时间格式不正确（如 19:30）"),
        ({"start_time": "7.30pm"}, "start_time", "开始时间：时间格式不正确（如 19:30）"),
        ({"place": "地" * 101}, "place", "地点：不能超过 100 个字"),
        ({"topic": "题" * 201}, "topic", "主题：不能超过 200 个字"),
        ({"speaker": "王" * 31}, "speaker", "主讲人：不能超过 30 个字"),
        ({"minutes": "记" * 5001}, "minutes", "会议纪要：不能超过 5000 个字"),
    ],
)
def test_meeting_rules(db: Database, overrides: dict, field: str, message: str) -> None:
    assert errors_of(db, good_input(**overrides)) == {field: message}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("a", "late", "")], "出席情况：张三的出席状态只能是出席、请假或缺席"),
        ([("a", "leave", "  ")], "请假事由：张三请假，须填写请假事由"),
        ([("a", "leave", "事" * 101)], "请假事由：不能超过 100 个字"),
        ([("a", "present", ""), ("a", "absent", "")], "出席情况：张三登记了不止一次"),
        ([("a", "present", ""), (999, "present", "")], "出席情况：有 1 名党员已不存在，请刷新名单后重试"),
    ],
)
def test_attendance_rules(db: Database, lines: list[tuple], message: str) -> None:
    a, _ = two_members(db)
    attendance = [AttendanceInput(a if mid == "a" else mid, status, reason) for mid, status, reason in lines]
    assert errors_of(db, good_input(attendance=attendance)) == {"attendance": message}


def test_every_problem_at_once_and_nothing_written(db: Database) -> None:
    errors = errors_of(db, good_input(kind="", held_on="", start_time="99"))
    assert set(errors) == {"kind", "held_on", "start_time"}
    with db.session() as s:
        assert meeting_ids(s, MeetingFilter()) == []


def test_attendance_is_replaced_on_edit(db: Database) -> None:
    a, b = two_members(db)
    with db.session() as s, s.begin():
        c = add_member(s, "王五", "19700303", "033", BRANCH_2, admitted_on="2000-07-01", full_on="2001-07-01")
        meeting_id = save_meeting(s, good_input(attendance=[AttendanceInput(a), AttendanceInput(b, "absent")]),
                                  today=TODAY).id
    with db.session() as s, s.begin():
        data = load_meeting_input(s, meeting_id)
        assert (data.held_on, data.start_time, data.topic) == (date(2026, 11, 20), "19:30", "学习党章")
        data.attendance = [AttendanceInput(b, "leave", "住院"), AttendanceInput(c, "present", "顺便写的理由")]
        data.start_time = ""
        save_meeting(s, data, meeting_id, today=TODAY)
    with db.session() as s:
        again = load_meeting_input(s, meeting_id)
        # a is gone, b on leave with the reason, c (another branch) present; a reason is kept only for leave
        assert again.attendance == [AttendanceInput(b, "leave", "住院"), AttendanceInput(c, "present", "")]
        assert again.start_time == ""
        assert s.scalar(select(func.count()).select_from(Attendance)) == 2
        (row,) = meeting_rows(s, [meeting_id])
        assert (row.present, row.leave, row.absent, row.held_at) == (1, 1, 0, datetime(2026, 11, 20, 0, 0))


def test_editing_a_meeting_that_is_gone(db: Database) -> None:
    assert "已不存在" in " ".join(_errors_for_edit(db, 12345).values())


def _errors_for_edit(db: Database, meeting_id: int) -> dict[str, str]:
    with db.session() as s, s.begin():
        with pytest.raises(ValidationErrors) as info:
            save_meeting(s, good_input(), meeting_id, today=TODAY)
    return {e.field: e.message for e in info.value.errors}


def test_expected_attendees_and_search(db: Database) -> None:
    w = build_world(db)
    with db.session() as s:
        # branch 1 and its group: 李四 (lisi), 孙七 (sunqi), 张三 (zhangsan)
        first = expected_attendees(s, BRANCH_1)
        assert [c.member_id for c in first] == [w.m[2], w.m[5], w.m[1]]
        assert (first[0].name, first[0].org_name, first[0].member_type) == ("李四", "第一党小组", "probationary")
        # branch 2: 王五, 赵六; 周八 was transferred out
        assert [c.name for c in expected_attendees(s, BRANCH_2)] == ["王五", "赵六"]
        assert [c.name for c in expected_attendees(s, GROUP_1)] == ["李四"]
        assert len(expected_attendees(s, 1)) == 5  # the committee: everyone live
        assert [c.name for c in find_members(s, "zs")] == ["张三"]
        assert [c.name for c in find_members(s, "zhouba")] == []  # not live
        assert find_members(s, "") == []
        assert len(find_members(s, "a", limit=2)) == 2
        # an old meeting's record still names who was there, 周八 (transferred out) included
        recorded = recorded_attendees(s, [w.m[6], w.m[1]])
        assert [c.name for c in recorded] == ["张三", "周八"] and recorded_attendees(s, []) == []


def test_register_filters_order_and_counts(db: Database) -> None:
    w = build_world(db)
    g = w.g
    with db.session() as s:
        # newest first, g10 deleted
        assert meeting_ids(s, MeetingFilter()) == [g[8], g[7], g[4], g[6], g[3], g[2], g[5], g[1], g[9]]
        # branch 1 with its group
        assert meeting_ids(s, MeetingFilter(org_id=BRANCH_1)) == [g[4], g[3], g[2], g[1], g[9]]
        assert meeting_ids(s, MeetingFilter(kind="themed_day")) == [g[6], g[2]]
        # both ends included
        assert meeting_ids(s, MeetingFilter(date_from=date(2026, 10, 15), date_to=date(2026, 11, 5))) == [
            g[4], g[6], g[3]]
        assert meeting_ids(s, MeetingFilter(), Sort("held_at")) == [g[9], g[1], g[5], g[2], g[3], g[6], g[4],
                                                                    g[7], g[8]]
        rows = meeting_rows(s, [g[8], g[5]])
    assert [(r.id, r.kind, r.org_name, r.present, r.leave, r.absent) for r in rows] == [
        (g[8], "members_meeting", "幸福社区党委", 2, 0, 2),
        (g[5], "branch_committee", "第二党支部", 2, 0, 1),  # m6's line is a line of the meeting
    ]


def test_search_topic_place_speaker(db: Database) -> None:
    two_members(db)
    with db.session() as s, s.begin():
        first = save_meeting(s, good_input(topic="学习100%党章"), today=TODAY).id
        second = save_meeting(s, good_input(topic="", place="三楼会议室", speaker="李_老师"), today=TODAY).id
    with db.session() as s:
        assert meeting_ids(s, MeetingFilter(search="100%")) == [first]
        assert meeting_ids(s, MeetingFilter(search="三楼")) == [second]
        assert meeting_ids(s, MeetingFilter(search="李_")) == [second]
        assert meeting_ids(s, MeetingFilter(search="%")) == [first]
