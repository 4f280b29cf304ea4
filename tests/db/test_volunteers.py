"""Volunteers, activities and hours: the 24-hour day, totals in SQL, numbers, filters."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db import recycle
from db.database import Database
from db.listing import Sort
from db.members import MemberInput, save_member
from db.models import PartyOrg, Volunteer
from db.people import PersonFields
from db.service_logs import (
    ActivityInput,
    AttendeeInput,
    ServiceLogFilter,
    default_hours,
    parse_time,
    save_activity,
    service_log_ids,
    service_log_rows,
    service_log_totals,
)
from db.validation import FieldError, ValidationErrors
from db.volunteers import (
    VolunteerFilter,
    VolunteerInput,
    find_volunteers,
    save_volunteer,
    volunteer_ids,
    volunteer_rows,
    volunteer_total_hours,
)
from tests.db.test_members import make_id

TODAY = date(2026, 11, 25)


def add_volunteer(db: Database, name: str, seq: str, number: str = "") -> int:
    with db.session() as s, s.begin():
        person = PersonFields(name=name, id_number=make_id("19900101", seq), phone="")
        return save_volunteer(s, VolunteerInput(person=person, number=number), today=TODAY).id


def activity(attendees: list[AttendeeInput], **overrides) -> ActivityInput:
    values = dict(project="环境整治", held_on="2026-03-05", place="小区", start_time="08:30", end_time="11:30",
                  attendees=attendees)
    values.update(overrides)
    return ActivityInput(**values)


def save(db: Database, data: ActivityInput, activity_id: int | None = None) -> int:
    with db.session() as s, s.begin():
        return save_activity(s, data, activity_id, today=TODAY).id


def errors_of(db: Database, data: ActivityInput) -> list[str]:
    with pytest.raises(ValidationErrors) as info:
        save(db, data)
    return [e.message for e in info.value.errors]


def test_numbers_are_generated_and_unique(db: Database) -> None:
    assert add_volunteer(db, "张三", "111") and add_volunteer(db, "李四", "222", "v0007")
    third = add_volunteer(db, "王五", "333")
    with db.session() as s:
        assert s.get(Volunteer, third).number == "V0008"
    with pytest.raises(ValidationErrors, match="志愿者编号：V0007 已被 李四 使用"):
        add_volunteer(db, "赵六", "444", "V0007")


def test_times_and_default_hours() -> None:
    assert parse_time("8:30", "t", "时间").hour == 8 and parse_time("0830", "t", "时间").minute == 30
    assert parse_time("8点", "t", "时间").hour == 8
    with pytest.raises(FieldError, match="时间格式不正确"):
        parse_time("25:00", "t", "时间")
    assert default_hours(parse_time("08:30", "", ""), parse_time("11:30", "", "")) == 3.0
    assert default_hours(parse_time("08:30", "", ""), parse_time("09:40", "", "")) == 1.0


@pytest.mark.parametrize(
    ("overrides", "phrase"),
    [
        ({"held_on": "2027-02-01"}, "活动日期：不能晚于今天"),
        ({"held_on": "2027-02-30"}, "活动日期：日期不存在"),
        ({"end_time": "08:00"}, "结束时间：不能早于开始时间"),
        ({"project": ""}, "服务项目：必填"),
        ({"project": "x" * 10_000}, "服务项目：不能超过"),
    ],
)
def test_activity_rules(db: Database, overrides: dict, phrase: str) -> None:
    vid = add_volunteer(db, "张三", "111")
    assert any(phrase in m for m in errors_of(db, activity([AttendeeInput(vid, 3)], **overrides)))


def test_hours_rules(db: Database) -> None:
    vid = add_volunteer(db, "张三", "111")
    too_long = errors_of(db, activity([AttendeeInput(vid, 26)]))
    assert any("服务时长（张三）：应大于0且不超过24小时" in m for m in too_long)
    assert any("张三 重复添加" in m for m in errors_of(db, activity([AttendeeInput(vid, 2), AttendeeInput(vid, 2)])))
    save(db, activity([AttendeeInput(vid, 20)]))
    messages = errors_of(db, activity([AttendeeInput(vid, 6)], project="夜间值守"))
    assert any("张三 在2026年3月5日共计 26 小时，超过一天24小时" in m for m in messages)


def test_totals_filters_and_search(db: Database) -> None:
    a, b, c = (add_volunteer(db, n, s) for n, s in (("张三", "111"), ("李四", "222"), ("王五", "333")))
    first = save(db, activity([AttendeeInput(a, 3), AttendeeInput(b, 2.5), AttendeeInput(c, 3)]))
    save(db, activity([AttendeeInput(a, 2)], project="反诈宣传", held_on="2026-04-01"))
    with db.session() as s:
        assert volunteer_total_hours(s, a) == 5.0
        assert volunteer_total_hours(s, a, date_from=date(2026, 4, 1)) == 2.0
        rows = volunteer_rows(s, volunteer_ids(s, VolunteerFilter()))
        assert [(r.name, r.total_hours, r.service_count) for r in rows] == [
            ("李四", 2.5, 1), ("王五", 3.0, 1), ("张三", 5.0, 2)]
        logs = service_log_ids(s, ServiceLogFilter(volunteer_id=a))
        assert [r.project for r in service_log_rows(s, logs)] == ["反诈宣传", "环境整治"]
        assert service_log_totals(s, ServiceLogFilter(project="环境整治"))[1] == 8.5
        assert len(service_log_ids(s, ServiceLogFilter(text="zs"))) == 2
        assert len(service_log_ids(s, ServiceLogFilter(text="反诈"))) == 1
        assert len(service_log_ids(s, ServiceLogFilter(date_from=date(2026, 3, 6)))) == 1
    # Removing an attendee from the activity soft-deletes the line; their total drops.
    save(db, activity([AttendeeInput(a, 3), AttendeeInput(c, 3)]), first)
    with db.session() as s:
        assert volunteer_total_hours(s, b) == 0.0
    # Deleting the whole activity takes its hours out of every total.
    with db.session() as s, s.begin():
        recycle.delete(s, "activities", [first])
    with db.session() as s:
        assert volunteer_total_hours(s, a) == 2.0


def test_letters_typed_in_either_case_find_numbers_and_projects_on_both_engines(db: Database) -> None:
    """SQLite's LIKE ignores the case of letters; PostgreSQL's does not, so "v00" found V0001 on a
    file and nothing on a server until the search said ILIKE there (db.dialect.like_any_case)."""
    a = add_volunteer(db, "张三", "111", number="V0001")
    save(db, activity([AttendeeInput(a, 2)], project="APP推广"))
    with db.session() as s:
        assert volunteer_ids(s, VolunteerFilter(text="v00")) == [a]
        assert [p.id for p in find_volunteers(s, "v0001")] == [a]
        assert len(service_log_ids(s, ServiceLogFilter(text="app"))) == 1
        assert len(service_log_ids(s, ServiceLogFilter(text="v0001"))) == 1


def test_party_member_becomes_volunteer_on_the_same_person(db: Database) -> None:
    with db.session() as s, s.begin():
        org = s.scalar(select(PartyOrg.id).where(PartyOrg.kind == "branch"))
        member = save_member(s, MemberInput(person=PersonFields(name="张三", id_number=make_id("19900101", "111")),
                                            org_id=org, admitted_on="2012-07-01", full_on="2013-07-01"), today=TODAY)
        person_id = member.person_id
    vid = add_volunteer(db, "张三", "111")
    with db.session() as s:
        assert s.get(Volunteer, vid).person_id == person_id


def test_the_log_is_listed_in_blocks_that_add_up_to_the_whole(db: Database) -> None:
    """The window lists the service log a block at a time (limit, offset); the blocks, in any
    order, are the whole list, and the totals are counted in SQL over the same filter."""
    people = [add_volunteer(db, n, s) for n, s in (("张三", "111"), ("李四", "222"), ("王五", "333"), ("赵六", "444"))]
    activities = [save(db, activity([AttendeeInput(v, 1 + (i + j) % 3) for j, v in enumerate(people)],
                                    held_on=f"2026-0{1 + i % 5}-1{i % 3}", project=f"项目{i % 2}"))
                  for i in range(9)]
    with db.session() as s, s.begin():
        recycle.delete(s, "activities", [activities[0]])  # a whole activity in the bin
    save(db, activity([AttendeeInput(people[0], 2)], held_on="2026-01-10", project="项目0"), activities[1])
    for f in (ServiceLogFilter(), ServiceLogFilter(project="项目1"), ServiceLogFilter(text="zs"),
              ServiceLogFilter(volunteer_id=people[1]), ServiceLogFilter(date_from=date(2026, 3, 1))):
        for sort in (Sort(), Sort("held_on"), Sort("held_on", True), Sort("name"), Sort("hours", True)):
            with db.session() as s:
                whole = service_log_ids(s, f, sort)
                blocks = [service_log_ids(s, f, sort, limit=4, offset=n) for n in range(0, len(whole) + 4, 4)]
                rows = service_log_rows(s, whole)
                assert [i for block in blocks for i in block] == whole, (f, sort)
                assert service_log_totals(s, f) == (len(whole), round(sum(r.hours for r in rows), 2))
                if not sort.key:  # the latest first, and within a day in the order entered
                    assert [(-r.held_on.toordinal(), r.id) for r in rows] == sorted(
                        (-r.held_on.toordinal(), r.id) for r in rows)
    with db.session() as s:
        assert service_log_totals(s, ServiceLogFilter())[0] == 8 * 4 - 3  # one activity deleted, one cut to one


def test_the_first_block_of_the_log_is_read_in_date_order_not_sorted(db: Database) -> None:
    """On SQLite the default order walks the activities' date index (only the lines of one day
    are sorted): a million lines are not sorted for a page of them."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan")
    from db.dialect import driving_join  # noqa: F401  (the join the plan comes from)
    from db.listing import ordered
    from db.models import ServiceLog
    from db.service_logs import SORT_KEYS, _log_query

    stmt = ordered(_log_query(ServiceLogFilter(), date_order=True), Sort("", True), SORT_KEYS, "held_on",
                   ServiceLog.id).limit(50)
    with db.session() as s:
        compiled = stmt.compile(s.connection())
        plan = [r[3] for r in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}",
                                                             tuple(compiled.params.values()))]
    assert "USING INDEX ix_service_activities_held_on" in plan[0], plan
    assert not any(p == "USE TEMP B-TREE FOR ORDER BY" for p in plan), plan
