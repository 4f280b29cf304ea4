"""Every migration down and up again, with records in the database, on the engine of the run
(a file, or with --engine postgresql a server database)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select, text

from db.database import Database, head_revision, migrate, open_database
from db.models import Community, Person
from db.people import PersonFields
from db.volunteers import VolunteerInput, save_volunteer


def test_down_to_the_first_revision_and_up_again_keeps_the_records(db: Database, db_target: Path | str) -> None:
    with db.session() as s, s.begin():
        save_volunteer(s, VolunteerInput(PersonFields(name="张三", phone="13800001111")))
    migrate(db.engine, "0001_initial", down=True)
    tables = set(inspect(db.engine).get_table_names())
    assert "communities" not in tables and "persons" in tables
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name, phone FROM persons")).all() == [("张三", "13800001111")]
    db.close()

    again = open_database(db_target)  # upgrades to head
    try:
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        with again.session() as s:
            person = s.scalars(select(Person)).one()
            assert (person.name, person.version, len(person.uuid)) == ("张三", 1, 36)
            assert person.community_id == s.scalar(select(Community.id))
    finally:
        again.close()


def test_down_to_nothing_and_up_again(db: Database, db_target: Path | str) -> None:
    migrate(db.engine, "base", down=True)
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    db.close()
    open_database(db_target).close()


def test_the_migrations_make_what_the_models_describe(db: Database) -> None:
    """`alembic check` on the engine of the run: nothing left for autogenerate to add or change."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.models import Base

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
