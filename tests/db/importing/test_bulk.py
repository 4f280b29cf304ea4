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
    stamp = datetime(2026, 11, 25, 9, 30)  # no microseconds: SQLAlchemy still writes .000000 on SQLite
    with db.session() as s, s.begin():
        orm_id = save_volunteer(s, VolunteerInput(PersonFields(name="张三", birth_date=date(1980, 1, 2)))).person_id
        s.get_one(Person, orm_id).created_at = stamp  # written by the ORM, in its own format
        s.flush()
        (bulk_id,) = insert_rows(s.connection(), PERSONS, [{"name": "李四", "birth_date": date(1980, 1, 2),
                                                            "created_at": stamp, "updated_at": stamp}],
                                 returning_ids=True)
    with db.session() as s:
        stored = {row.id: row for row in s.execute(text(
            "SELECT id, birth_date, created_at, ethnicity, phone, notes FROM persons WHERE id IN (:a, :b)"),
            {"a": orm_id, "b": bulk_id})}
        assert stored[bulk_id].birth_date == stored[orm_id].birth_date
        assert stored[bulk_id].created_at == stored[orm_id].created_at
        if db.engine.dialect.name == "sqlite":  # the text SQLAlchemy writes there, compared as text
            assert stored[bulk_id].birth_date == "1980-01-02"
            assert stored[bulk_id].created_at == "2026-11-25 09:30:00.000000"
        assert (stored[bulk_id].ethnicity, stored[bulk_id].phone, stored[bulk_id].notes) == ("汉族", "", "")  # defaults
        li = s.scalars(select(Person).where(Person.id == bulk_id)).one()
        assert li.name == "李四" and li.birth_date == date(1980, 1, 2) and li.created_at == stamp


def test_bulk_rows_are_numbered_by_the_database_and_a_save_after_them_works(db: Database) -> None:
    """The ids come back in the rows' order, and the next number the database hands out is past
    them: ids counted on from max(id) by the program left a server's sequence behind, and the
    next save there failed on the primary key."""
    names = [f"人员{i:04d}" for i in range(2500)]
    stamp = datetime(2026, 11, 25, 9, 30)
    with db.session() as s, s.begin():
        ids = insert_rows(s.connection(), PERSONS, [{"name": n, "created_at": stamp, "updated_at": stamp}
                                                    for n in names], returning_ids=True)
    with db.session() as s, s.begin():
        assert {i: n for i, n in s.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))} == dict(
            zip(ids, names, strict=True))
        after = save_volunteer(s, VolunteerInput(PersonFields(name="王五"))).person_id
    assert len(set(ids)) == len(ids) and after > max(ids)
