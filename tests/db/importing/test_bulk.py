"""Bulk inserts write what the ORM would have written: the same stored text for dates and
times, the columns' defaults filled, and rows the ORM reads back as equal."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, text

from db.database import Database
from db.importing.bulk import insert_rows
from db.models import Base, Person
from db.people import PersonFields
from db.volunteers import VolunteerInput, save_volunteer

PERSONS = Base.metadata.tables["persons"]


def test_a_bulk_row_is_stored_as_the_orm_stores_it(db: Database) -> None:
    stamp = datetime(2026, 11, 25, 9, 30)  # no microseconds: SQLAlchemy still writes .000000
    with db.session() as s, s.begin():
        orm_id = save_volunteer(s, VolunteerInput(PersonFields(name="张三", birth_date=date(1980, 1, 2)))).person_id
        s.get_one(Person, orm_id).created_at = stamp  # written by the ORM, in its own format
        s.flush()
        insert_rows(s.connection(), PERSONS, [{"id": 9001, "name": "李四", "birth_date": date(1980, 1, 2),
                                               "created_at": stamp, "updated_at": stamp}])
    with db.session() as s:
        stored = {row.id: row for row in s.execute(text("SELECT id, birth_date, created_at, ethnicity, phone, notes "
                                                        "FROM persons WHERE id IN (:a, :b)"), {"a": orm_id, "b": 9001})}
        assert stored[9001].birth_date == stored[orm_id].birth_date == "1980-01-02"
        assert stored[9001].created_at == stored[orm_id].created_at == "2026-11-25 09:30:00.000000"
        assert (stored[9001].ethnicity, stored[9001].phone, stored[9001].notes) == ("汉族", "", "")  # defaults
        li = s.scalars(select(Person).where(Person.id == 9001)).one()
        assert li.birth_date == date(1980, 1, 2) and li.created_at == stamp
