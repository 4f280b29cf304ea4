"""Service hours entered at a station earn their moral-bank points at the office too, once the
bundle is imported: each copy credits the hours it holds (db.bank.volunteering)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.bank.accounts import balance
from db.models import BankAccount, Person, Volunteer
from db.service_logs import AttendeeInput
from tests.db.exchange.test_round_trip import office_name, person, send
from tests.db.test_volunteers import activity, save


def points_of(db, name: str) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        account = s.scalars(select(BankAccount.id).join(Person, BankAccount.person_id == Person.id)
                            .where(Person.name == name)).one()
        return balance(s, account)


def test_hours_from_a_station_earn_at_the_office(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, station = pair
    zhang = person(station, "张三")
    with station.session() as s:
        volunteer = s.scalars(select(Volunteer.id).where(Volunteer.person_id == zhang.id)).one()
    save(station, activity([AttendeeInput(volunteer_id=volunteer, hours="3")]))
    assert points_of(station, "张三") == 3
    send(station, office_name(office), office, tmp_path / "up.zip")
    assert points_of(office, "张三") == 3
    send(station, office_name(office), office, tmp_path / "again.zip")  # nothing new: nothing credited twice
    assert points_of(office, "张三") == 3
