"""The change journal (migration 0010's triggers) on the engine of the run: silent until the
copy has an identity; then every row inserted, changed or removed in a journaled register, by
every path (db/ functions, the recycle bin, SQL), with its values before and after; nothing for
the counts and keys the database keeps itself, nothing for a rolled-back save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from db import recycle
from db.copying import copy_to_file
from db.database import Database, open_database
from db.exchange.journal import ExchangeError, applying_from, journal_after, last_seq, start_journal, this_copy
from db.models import Base
from db.service_logs import AttendeeInput
from tests.db.test_volunteers import activity, add_volunteer, save

# The columns the database keeps itself: not the records' own, not journaled.
KEPT = {"log_count", "log_hours", "present_count", "leave_count", "absent_count", "last_present_at",
        "last_leave_at", "last_absent_at", "last_educated_at", "name_sort", "search_text"}


def office(db: Database) -> str:
    with db.session() as s, s.begin():
        return start_journal(s, "和平社区办公室", "office").uuid


def entries(db: Database, after: int = 0, **kw: Any) -> list[Any]:
    with db.session() as s:
        return journal_after(s, after, **kw)


def test_nothing_is_journaled_before_the_copy_has_an_identity(db: Database) -> None:
    add_volunteer(db, "张三", "111")
    assert entries(db) == []
    with db.session() as s:
        assert this_copy(s) is None and last_seq(s) == 0


def test_every_path_is_journaled_with_before_and_after(db: Database) -> None:
    me = office(db)
    volunteer = add_volunteer(db, "张三", "111")
    added = entries(db)
    assert [(e.table, e.op) for e in added] == [("persons", "insert"), ("volunteers", "insert")]
    assert added[0].new["name"] == "张三" and added[0].old is None and added[0].origin == me
    assert added[1].row_uuid == added[1].new["uuid"] and added[1].row_id == volunteer

    # A service activity: its lines change the volunteer's kept totals, which are not journaled.
    mark = added[-1].seq
    save(db, activity([AttendeeInput(volunteer_id=volunteer, hours="3")]))
    # (and its points: the volunteer's account opened and the hours' line, journaled though never
    # sent, since each copy credits its own service logs: db.exchange.outgoing.derived_here)
    assert sorted((e.table, e.op) for e in entries(db, mark)) == [
        ("bank_accounts", "insert"), ("bank_entries", "insert"), ("service_activities", "insert"),
        ("service_logs", "insert")]
    # SQL that changes only kept columns or search keys leaves nothing; a real change is recorded.
    mark = last_seq_of(db)
    with db.session() as s, s.begin():
        s.execute(text("UPDATE volunteers SET log_hours = 99"))
        s.execute(text("UPDATE persons SET search_text = 'x'"))
    assert entries(db, mark) == []
    with db.session() as s, s.begin():
        s.execute(text("UPDATE persons SET phone = '13800000000'"))
    (changed,) = entries(db, mark)
    assert changed.op == "update" and changed.changed_fields() == {"phone": ("", "13800000000")}

    # The recycle bin: a move is a change of deleted_at, a purge a removal with the row before.
    mark = changed.seq
    with db.session() as s, s.begin():
        recycle.delete(s, "volunteers", [volunteer])
    binned = [e for e in entries(db, mark) if e.table != "bank_entries"]  # (and the hours' points taken back)
    assert [(e.table, e.op) for e in binned] == [("volunteers", "update")]
    assert binned[0].old["deleted_at"] is None and binned[0].new["deleted_at"] is not None


def last_seq_of(db: Database) -> int:
    with db.session() as s:
        return last_seq(s)


def test_a_rolled_back_save_leaves_no_entry(db: Database) -> None:
    office(db)
    mark = last_seq_of(db)
    with pytest.raises(RuntimeError), db.session() as s, s.begin():
        s.execute(text("UPDATE persons SET notes = 'x'"))
        raise RuntimeError("the save fails half-way")
    assert entries(db, mark) == []


def test_changes_applied_from_another_copy_carry_its_origin_and_are_not_sent_back(db: Database) -> None:
    me = office(db)
    add_volunteer(db, "张三", "111")
    mark = last_seq_of(db)
    station = "5a1e0000-0000-4000-8000-000000000001"
    with db.session() as s, s.begin(), applying_from(s, station):
        s.execute(text("UPDATE persons SET notes = '驿站登记'"))
    (applied,) = entries(db, mark)
    assert applied.origin == station
    assert entries(db, mark, not_from=station) == []
    with db.session() as s, s.begin():  # afterwards, the copy's own work again
        s.execute(text("UPDATE persons SET notes = '办公室核对'"))
    assert [e.origin for e in entries(db, mark, not_from=station)] == [me]


def test_an_identity_is_given_once_and_a_station_names_its_office(db: Database) -> None:
    office(db)
    with db.session() as s, pytest.raises(ExchangeError, match="已经有副本身份"):
        start_journal(s, "再来一次", "office")
    with db.session() as s, pytest.raises(ExchangeError, match="来自哪个办公室"):
        s.execute(text("DELETE FROM copy_identity"))
        start_journal(s, "幸福驿站", "station")


# The migrations that journal tables, each with its frozen JOURNALED column lists.
JOURNALING_MIGRATIONS = ("0010_change_journal", "0012_housing", "0013_grid_work", "0015_bank_exchange")


def journaled() -> dict[str, tuple[str, ...]]:
    from importlib import import_module

    tables: dict[str, tuple[str, ...]] = {}
    for name in JOURNALING_MIGRATIONS:
        tables.update(import_module(f"db.migrations.versions.{name}").JOURNALED)
    return tables


def test_the_journal_triggers_cover_every_own_column_of_the_models() -> None:
    """A column added to a journaled register without its triggers made again would not travel to
    the other copies: the migration's column lists must be the models' own columns."""
    for table, columns in journaled().items():
        own = {c.name for c in Base.metadata.tables[table].columns} - KEPT - {"id"}
        assert set(columns) == own, table


def test_a_copy_to_a_file_starts_without_identity_or_journal(db: Database, tmp_path: Path) -> None:
    office(db)
    add_volunteer(db, "张三", "111")
    target = tmp_path / "copy.sqlite3"
    copy_to_file(db, target)
    copy = open_database(target)
    try:
        assert entries(copy) == []
        with copy.session() as s:
            assert this_copy(s) is None
    finally:
        copy.close()


def test_every_journaled_table_has_its_three_triggers(db: Database) -> None:
    """A later batch rebuild of a journaled table on SQLite drops its triggers: it must make them again."""
    from importlib import import_module

    migration = import_module("db.migrations.versions.0010_change_journal")
    query = ("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" if db.is_server
             else "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    with db.engine.connect() as conn:
        names = {n for n in conn.execute(text(query)).scalars() if n.startswith("tr_journal_")}
    assert names == {migration.trigger_name(t, e) for t in journaled() for e, _ in migration.EVENTS}
