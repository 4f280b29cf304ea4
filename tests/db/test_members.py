"""Members register rules and queries on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.database import Database
from db.listing import Sort
from db.members import (
    FLAG_LOST,
    FLAG_OVERDUE,
    MemberFilter,
    MemberInput,
    flag_counts,
    load_member_input,
    member_ids,
    member_rows,
    probation_due,
    save_member,
)
from db.models import PartyOrg, Person
from db.people import PersonFields
from db.validation import ValidationErrors, id_check_character

TODAY = date(2026, 11, 25)


def make_id(birth: str, seq: str = "123", area: str = "410302") -> str:
    body = area + birth + seq
    return body + id_check_character(body)


def branch_id(db: Database, name: str = "第一党支部") -> int:
    with db.session() as s:
        return s.scalar(select(PartyOrg.id).where(PartyOrg.name == name))


def member_input(db: Database, name: str = "张三", **overrides) -> MemberInput:
    person = PersonFields(name=name, id_number=make_id("19850312", "131"), phone="13800001111")
    values = dict(person=person, org_id=branch_id(db), member_type="full", admitted_on="2010-07-01",
                  full_on="2011-07-01")
    values.update(overrides)
    return MemberInput(**values)


def save(db: Database, data: MemberInput, member_id: int | None = None) -> int:
    with db.session() as s, s.begin():
        return save_member(s, data, member_id, today=TODAY).id


def errors_of(db: Database, data: MemberInput) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as info:
        save(db, data)
    return {e.field: e.message for e in info.value.errors}


def test_save_fills_birth_date_and_gender_from_id_number(db: Database) -> None:
    member_id = save(db, member_input(db))
    with db.session() as s:
        data = load_member_input(s, member_id)
    assert data.person.birth_date == date(1985, 3, 12)
    assert data.person.gender == "male"
    assert data.person.id_number.endswith(make_id("19850312", "131")[-4:])


@pytest.mark.parametrize(
    ("overrides", "field", "phrase"),
    [
        ({"admitted_on": ""}, "admitted_on", "入党时间：必填"),
        ({"admitted_on": "2030-01-01"}, "admitted_on", "不能晚于今天"),
        ({"full_on": "2009-01-01"}, "full_on", "不能早于入党时间"),
        ({"member_type": "probationary", "full_on": "2011-07-01"}, "full_on", "预备党员还没有转正时间"),
        ({"admitted_on": "2000-01-01", "full_on": ""}, "admitted_on", "年满18周岁"),
        ({"org_id": None}, "org_id", "请选择所在支部"),
        ({"member_type": "'; DROP TABLE persons;--"}, "member_type", "请从列表中选择"),
        ({"notes": "x" * 10_000}, "notes", "备注"),
    ],
)
def test_member_rules_name_the_field(db: Database, overrides: dict, field: str, phrase: str) -> None:
    assert phrase in errors_of(db, member_input(db, **overrides))[field]


def test_bad_id_number_is_reported_at_the_field(db: Database) -> None:
    bad = make_id("19850312", "131")[:-1] + ("0" if make_id("19850312", "131")[-1] != "0" else "1")
    data = member_input(db, person=PersonFields(name="张三", id_number=bad))
    assert "校验位" in errors_of(db, data)["id_number"]


def test_same_id_number_twice_is_refused_naming_the_record(db: Database) -> None:
    save(db, member_input(db))
    msg = errors_of(db, member_input(db, name="张三"))["id_number"]
    assert "张三" in msg and "党员" in msg
    other = member_input(db, person=PersonFields(name="李四", id_number=make_id("19850312", "131")))
    assert "张三" in errors_of(db, other)["id_number"]


def test_nothing_is_written_when_validation_fails(db: Database) -> None:
    with pytest.raises(ValidationErrors):
        save(db, member_input(db, admitted_on="not a date"))
    with db.session() as s:
        assert s.scalars(select(Person)).all() == []


def test_search_by_initials_full_pinyin_id_tail_and_phone(db: Database) -> None:
    save(db, member_input(db))
    save(db, member_input(db, person=PersonFields(name="李四", id_number=make_id("19900101", "222"),
                                                   phone="13912345678")))
    with db.session() as s:
        def names(text: str) -> list[str]:
            return [r.name for r in member_rows(s, member_ids(s, MemberFilter(text=text), today=TODAY))]

        assert names("zs") == ["张三"]
        assert names("ZhangSan") == ["张三"]
        assert names(make_id("19850312", "131")[-4:]) == ["张三"]
        assert names("13912345678") == ["李四"]
        assert names("张") == ["张三"]
        assert names("%") == []
        assert names("") == ["李四", "张三"]


def test_overdue_probation_flag(db: Database) -> None:
    save(db, member_input(db, member_type="probationary", admitted_on="2025-03-01", full_on=""))
    save(db, member_input(db, person=PersonFields(name="王五", id_number=make_id("19920202", "333")),
                          member_type="probationary", admitted_on="2026-03-01", full_on=""))
    with db.session() as s:
        ids = member_ids(s, MemberFilter(flag=FLAG_OVERDUE), today=TODAY)
        assert [r.name for r in member_rows(s, ids, today=TODAY)] == ["张三"]
        assert member_rows(s, ids, today=TODAY)[0].overdue
        assert flag_counts(s, today=TODAY)[FLAG_OVERDUE] == 1
        assert flag_counts(s, today=TODAY)[FLAG_LOST] == 0


@pytest.mark.parametrize(("today", "overdue"), [(date(2025, 2, 28), False), (date(2025, 3, 1), True)])
def test_probation_ending_on_a_short_month_is_due_on_its_last_day(db: Database, today: date, overdue: bool) -> None:
    """31 August + 18 months is 28 February (as probation_due says), on either engine: SQLite's
    date(…, '+18 months') alone ran on to 3 March and flagged the member three days late."""
    save(db, member_input(db, member_type="probationary", admitted_on="2023-08-31", full_on="",
                          probation_extended_months=6))
    with db.session() as s:
        assert probation_due(date(2023, 8, 31), 6) == date(2025, 2, 28)
        assert flag_counts(s, today=today)[FLAG_OVERDUE] == int(overdue)


def test_branch_filter_includes_its_party_groups_and_sorting(db: Database) -> None:
    with db.session() as s:
        group = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党小组"))
        second = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第二党支部"))
    save(db, member_input(db, org_id=group))
    save(db, member_input(db, person=PersonFields(name="阿华", id_number=make_id("19800505", "444")),
                          org_id=second))
    with db.session() as s:
        first = member_ids(s, MemberFilter(org_id=branch_id(db)))
        assert [r.name for r in member_rows(s, first)] == ["张三"]
        by_name_desc = member_ids(s, MemberFilter(), Sort("name", descending=True))
        assert [r.name for r in member_rows(s, by_name_desc)] == ["张三", "阿华"]


def test_renaming_through_another_role_keeps_the_member_search_in_step(db: Database) -> None:
    from db.volunteers import VolunteerInput, load_volunteer_input, save_volunteer

    save(db, member_input(db))
    with db.session() as s, s.begin():
        same = PersonFields(name="张三", id_number=make_id("19850312", "131"))
        volunteer = save_volunteer(s, VolunteerInput(person=same))
    with db.session() as s, s.begin():
        data = load_volunteer_input(s, volunteer.id)
        data.person.name = "章珊"
        save_volunteer(s, data, volunteer.id)
    with db.session() as s:
        assert [r.name for r in member_rows(s, member_ids(s, MemberFilter(text="章珊")))] == ["章珊"]
        assert member_ids(s, MemberFilter(text="张三")) == []
