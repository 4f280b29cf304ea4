"""The log reads like the registers: Chinese labels, names for ids, labels for codes, dates in
Chinese, one entry per meeting saved (its attendance an item of it), entries written by earlier
versions shown as well as new ones, and the recycle bin saying who deleted a record."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from db import recycle
from db.accounts import create_user, sign_in
from db.audit import SKIP_FIELDS
from db.audit_log import AuditFilter, AuditRow, audit_ids, audit_rows
from db.audit_text import NAME_QUERIES, field_label
from db.database import Database
from db.mediation import CaseInput, PartyInput, save_case
from db.members import load_member_input, save_member
from db.models import AuditEntry, Base, Mediator, Person
from db.party_life.meetings import AttendanceInput, MeetingInput, load_meeting_input, save_meeting
from tests.db.test_audit import CLERK, new_member
from tests.db.test_audit_log import ADMIN, add_entry
from tests.db.test_members import make_id

FIRST = 2  # tests/seed.py: 第一党支部
NAMES = ["张伟", "王芳", "李娜", "赵强", "周敏"]
ENGLISH_LABEL = re.compile(r"(^|；)[A-Za-z_]+：")  # a field shown by its column name
BARE_ID = re.compile(r"#\d+")
PASSWORD = "Secret-pass-2026"


def add_members(db: Database) -> dict[str, int]:
    ids = {}
    with db.session() as s, s.begin():
        for i, name in enumerate(NAMES):
            data = new_member()
            data.person.name, data.person.id_number, data.person.phone = name, make_id("19800101", f"{i:03d}"), ""
            ids[name] = save_member(s, data).id
    return ids


def rows(db: Database, **kw: object) -> list[AuditRow]:
    db.actor = ADMIN
    with db.session() as s:
        return audit_rows(s, audit_ids(s, AuditFilter(**kw)))  # type: ignore[arg-type]


def assert_readable(row: AuditRow) -> None:
    assert not ENGLISH_LABEL.search(row.details_text), row.details_text
    assert not BARE_ID.search(row.details_text) and not BARE_ID.search(row.summary), row
    assert "_id" not in row.details_text and "member" not in row.details_text


def test_saving_a_meeting_is_one_entry_naming_who_attended(db: Database) -> None:
    ids = add_members(db)
    lines = [AttendanceInput(ids[n]) for n in NAMES[:3]] + [AttendanceInput(ids["赵强"], "leave", "出差"),
                                                             AttendanceInput(ids["周敏"], "absent")]
    db.actor = CLERK
    with db.session() as s, s.begin():
        mid = save_meeting(s, MeetingInput(kind="branch_committee", org_id=FIRST, held_on=date(2025, 1, 14),
                                           start_time="19:30", topic="学习党章", attendance=lines)).id
    with db.session() as s:
        per_line = s.scalar(select(func.count()).select_from(AuditEntry)
                            .where(AuditEntry.register.in_(["attendance", "point_entries"])))
    assert per_line == 0  # not one entry per member
    meeting_rows = rows(db, register="meetings")
    assert len(meeting_rows) == 2  # the meeting with its attendance, and its points
    points, created = meeting_rows
    assert (created.action, created.register, created.record_id) == ("新增", "会议", mid)
    assert created.summary == "2025年1月14日 支委会 学习党章"
    assert {"会议类型：支委会", "党组织：第一党支部", "会议时间：2025年1月14日 19:30", "主题：学习党章",
            "出席（3 人）：张伟、王芳、李娜", "请假（1 人）：赵强", "缺席（1 人）：周敏"} <= set(created.detail_lines)
    assert points.summary == "会议积分：4 人"  # present or absent; on leave earns nothing
    for row in meeting_rows:
        assert_readable(row)

    with db.session() as s, s.begin():  # 周敏 came after all; 李娜 was never there
        data = load_meeting_input(s, mid)
        data.attendance = [a for a in data.attendance if a.member_id != ids["李娜"]]
        for a in data.attendance:
            a.status = "present" if a.member_id == ids["周敏"] else a.status
        save_meeting(s, data, mid)
    changed = [r for r in rows(db, register="meetings", action="update") if r.summary.startswith("2025年")]
    assert len(changed) == 1
    assert changed[0].detail_lines == ("出席情况：李娜 出席 → 未登记", "出席情况：周敏 缺席 → 出席")


def test_purging_a_meeting_logs_the_meeting_not_its_lines(db: Database) -> None:
    ids = add_members(db)
    db.actor = ADMIN
    with db.session() as s, s.begin():
        mid = save_meeting(s, MeetingInput(kind="lecture", org_id=FIRST, held_on=date(2025, 3, 1),
                                           attendance=[AttendanceInput(i) for i in ids.values()])).id
    with db.session() as s, s.begin():
        recycle.delete(s, "meetings", [mid])
    with db.session() as s, s.begin():
        recycle.purge(s, "meetings", [mid])
    (purged,) = rows(db, action="purge")
    assert (purged.register, purged.record_id) == ("会议", mid)
    assert rows(db, register="attendance") == []


def test_a_member_and_a_case_read_without_column_names_or_ids(db: Database) -> None:
    db.actor = CLERK
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member()).id
    with db.session() as s, s.begin():
        data = load_member_input(s, member_id)
        data.org_id, data.reported, data.reported_on = 3, True, "2025-01-14"
        save_member(s, data, member_id)
    db.actor = ADMIN
    with db.session() as s, s.begin():
        person = Person(name="侯调解", name_sort="hou")
        s.add(Mediator(person=person, tier="community"))
        s.flush()
        mediator_id = s.scalars(select(Mediator.id)).one()
    with db.session() as s, s.begin():
        save_case(s, CaseInput(received_on=date(2025, 1, 3), facts="楼上噪音", mediator_id=mediator_id, amount=300,
                               parties=[PartyInput("applicant", "甲某"), PartyInput("respondent", "乙某")]))
    everything = rows(db)
    for row in everything:
        assert_readable(row)
    (update,) = [r for r in everything if r.register == "党员" and r.action == "修改"]
    assert update.summary == "张三"
    assert {"所在支部：第一党支部 → 第二党支部", "已报到：否 → 是", "报到日期：（空） → 2025年1月14日"} \
        <= set(update.detail_lines)
    (case,) = [r for r in everything if r.register == "调解案件"]
    assert {"调解员：侯调解", "受理日期：2025年1月3日", "案件来源：当事人申请", "涉及金额：300"} \
        <= set(case.detail_lines)


def test_entries_written_before_read_as_well(db: Database) -> None:
    """The log kept what earlier versions wrote: one 新增 积分 #4861 per member, fields by column name."""
    ids = add_members(db)
    db.actor = ADMIN
    with db.session() as s, s.begin():
        mid = save_meeting(s, MeetingInput(kind="members_meeting", org_id=FIRST, held_on=date(2025, 1, 14),
                                           topic="换届", attendance=[AttendanceInput(ids["张伟"])])).id
    when = datetime(2025, 1, 14, 20, 0)
    point = add_entry(db, when, action="create", register="point_entries", record_id=4861, summary="#4861",
                      details={"member_id": ids["张伟"], "year": 2025, "on": "2025-01-14", "rule_code": "attended",
                               "points": 1.0, "reason": "参加党员大会（2025年1月14日）", "meeting_id": mid,
                               "entered_by": "wang"})
    line = add_entry(db, when, action="create", register="attendance", record_id=90210, summary="#90210",
                     details={"meeting_id": mid, "member_id": ids["王芳"], "status": "leave", "reason": "出差"})
    setting = add_entry(db, when, action="update", register="office_settings", record_id=3,
                        summary="community_name", details={"value": ["幸福社区", "幸福家园社区"]})
    moved = add_entry(db, when, action="update", register="party_members", record_id=ids["李娜"],
                      summary=f"#{ids['李娜']}", details={"org_id": [2, 3], "category": ["in_service", "retired"]})
    db.actor = ADMIN
    with db.session() as s:
        shown = {r.id: r for r in audit_rows(s, [point, line, setting, moved])}
    assert shown[point].summary == "张伟"  # no such line now: named by the member its details name
    assert shown[point].detail_lines == (
        "党员：张伟", "年度：2025", "日期：2025年1月14日", "积分项目：参加组织生活（每次）", "分值：1",
        "事由：参加党员大会（2025年1月14日）", "会议：2025年1月14日 党员大会 换届", "录入人：wang")
    assert shown[line].summary == "王芳"  # the line no longer exists: named by the member it was for
    assert shown[line].detail_lines == ("会议：2025年1月14日 党员大会 换届", "党员：王芳", "出席情况：请假",
                                        "请假事由：出差")
    assert (shown[setting].summary, shown[setting].detail_lines) == ("社区名称", ("内容：幸福社区 → 幸福家园社区",))
    assert shown[moved].summary == "李娜"
    assert shown[moved].detail_lines == ("所在支部：第一党支部 → 第二党支部", "人员类别：在职 → 离退休")


def test_a_purged_record_keeps_its_number() -> None:
    from db.audit_log import detail_lines

    assert detail_lines("create", "point_entries", json.dumps({"member_id": 7, "on": "2025-01-14"})) == [
        "党员：7", "日期：2025年1月14日"]  # without a session nothing is looked up


@pytest.mark.parametrize("table", sorted(t for t in Base.metadata.tables
                                         if t not in ("audit_log", "member_status_changes", "change_journal")))  # logs
def test_every_logged_field_has_a_chinese_label_and_every_reference_a_name(table: str) -> None:
    for column in Base.metadata.tables[table].columns:
        if column.name in SKIP_FIELDS:
            continue
        assert field_label(table, column.name) != column.name, f"{table}.{column.name} has no label"
        if column.foreign_keys:
            assert column.name in NAME_QUERIES, f"{table}.{column.name} is shown as a bare id"


def test_the_recycle_bin_says_who_deleted(db: Database) -> None:
    with db.session() as s, s.begin():
        create_user(s, "wang", PASSWORD, "admin")
        create_user(s, "lixiao", PASSWORD, "clerk", display_name="李晓")
    admin, clerk = sign_in(db, "wang", PASSWORD), sign_in(db, "lixiao", PASSWORD)
    db.actor = admin
    with db.session() as s, s.begin():
        first = save_member(s, new_member()).id
        other = new_member()
        other.person.name, other.person.id_number = "李四", make_id("19900101", "222")
        second = save_member(s, other).id
    db.actor = clerk
    with db.session() as s, s.begin():
        recycle.delete(s, "members", [first])
    db.actor = admin
    with db.session() as s, s.begin():
        recycle.delete(s, "members", [second])
    with db.session() as s, s.begin():  # restored and deleted again: the last one counts
        recycle.restore(s, "members", [first])
        recycle.delete(s, "members", [first])
    with db.session() as s:
        by = {r.title: r.deleted_by for r in recycle.deleted_records(s)}
    assert by == {"张三": "wang", "李四": "wang"}
    db.actor = clerk
    with db.session() as s, s.begin():
        recycle.restore(s, "members", [second])
        recycle.delete(s, "members", [second])
    with db.session() as s:
        by = {r.title: r.deleted_by for r in recycle.deleted_records(s)}
    assert by == {"张三": "wang", "李四": "李晓"}  # an account's display name when it has one
