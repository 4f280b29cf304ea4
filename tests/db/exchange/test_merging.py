"""Near matches at the office (db.exchange.merging): the same name without an ID number to tell
them apart is listed, merged by hand into one person with one volunteer record and all the
service lines, and a later bundle that names the merged records lands on the survivor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from db.exchange.journal import ExchangeError
from db.exchange.merging import count_near_matches, merge_persons, near_matches
from db.models import Person, ServiceLog, Volunteer
from db.people import PersonFields
from db.service_logs import AttendeeInput
from db.volunteers import VolunteerInput, save_volunteer
from tests.db.exchange.test_round_trip import office_name, send
from tests.db.test_volunteers import activity, save

TODAY = date(2026, 11, 25)


def volunteer(db, name: str, phone: str) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        return save_volunteer(s, VolunteerInput(person=PersonFields(name=name, phone=phone)), today=TODAY).id


def test_a_near_match_is_listed_merged_and_later_changes_find_the_survivor(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    office, station = pair
    at_office = volunteer(office, "郑十", "13900003333")
    save(office, activity([AttendeeInput(volunteer_id=at_office, hours="2")], project="环境整治"))
    at_station = volunteer(station, "郑十", "13900002222")  # a new phone: not taken for the same person
    save(station, activity([AttendeeInput(volunteer_id=at_station, hours="3")], project="敬老助餐"))
    send(station, office_name(office), office, tmp_path / "up1.zip")
    with office.session() as s:
        (match,) = near_matches(s)
        assert count_near_matches(s) == 1
    assert match.name == "郑十" and {match.first, match.second} == {"13900003333", "13900002222"}
    with office.session() as s, s.begin():
        merge_persons(s, match.first_id, match.second_id)
    with office.session() as s:
        (zheng,) = s.scalars(select(Person).where(Person.name == "郑十", Person.deleted_at.is_(None))).all()
        (kept,) = s.scalars(select(Volunteer).where(Volunteer.person_id == zheng.id)).all()
        hours = sorted(s.scalars(select(ServiceLog.hours).where(ServiceLog.volunteer_id == kept.id,
                                                                ServiceLog.deleted_at.is_(None))))
        assert hours == [2.0, 3.0] and near_matches(s) == []
    # The station goes on with its own 郑十: the next line lands on the survivor.
    save(station, activity([AttendeeInput(volunteer_id=at_station, hours="1")], project="反诈宣传",
                           held_on="2026-03-09"))
    send(station, office_name(office), office, tmp_path / "up2.zip")
    with office.session() as s:
        assert sorted(s.scalars(select(ServiceLog.hours).where(ServiceLog.volunteer_id == kept.id,
                                                               ServiceLog.deleted_at.is_(None)))) == [1.0, 2.0, 3.0]


def test_two_id_numbers_are_two_people(pair) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from tests.db.test_members import make_id

    office, _ = pair
    with office.session() as s, s.begin():
        a = save_volunteer(s, VolunteerInput(person=PersonFields(name="钱一", id_number=make_id("19700101", "101"))),
                           today=TODAY).person_id
        b = save_volunteer(s, VolunteerInput(person=PersonFields(name="钱一", id_number=make_id("19700101", "202"))),
                           today=TODAY).person_id
    with office.session() as s:
        assert near_matches(s) == []
    with office.session() as s, pytest.raises(ExchangeError, match="身份证号不同"):
        merge_persons(s, a, b)
