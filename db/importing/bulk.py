"""Writing many new rows at once, for imports.

SQLAlchemy Core's executemany runs every value of every row through its bind processors in
Python (a date becomes text for SQLite one value at a time); for a 50,000-row ledger that was
as long as SQLite's own work. On SQLite the rows are therefore turned into tuples here, dates
and times written exactly as SQLAlchemy stores them, and handed to the driver's executemany.
Other engines (PostgreSQL) take the same rows through Core, whose driver there takes Python
dates as they are.

No row carries an id: the database numbers them, and `returning_ids` gives the numbers back in
the rows' order (to link the next table's rows), read per engine as cheaply as it allows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from operator import itemgetter
from typing import Any

from sqlalchemy import ARRAY, Connection, Table, any_, func, insert, literal, select
from sqlalchemy.sql import sqltypes

from db.models.base import new_uuid
from db.scope import community_for_insert

IMPORT_CACHE_KIB = 8192  # 8 MB of SQLite page cache while an import writes (the default is 2 MB)


@contextmanager
def import_cache(conn: Connection) -> Iterator[None]:
    """A larger page cache for the length of an import, on SQLite.

    Every new member goes into seven indexes (two on the search text) in no useful order; with
    SQLite's default 2 MB cache the pages of those B-trees are read and written back again and
    again, which took as long as all the checking. The connection's own size comes back after.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def _datetime_text(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DateTime, microseconds always


def _time_text(value: time) -> str:
    return value.strftime("%H:%M:%S.%f")


def _sqlite_converter(column_type: object) -> Callable[[Any], Any] | None:
    """How a column's Python values are stored on SQLite, for the types that need it."""
    if isinstance(column_type, sqltypes.DateTime):
        return _datetime_text
    if isinstance(column_type, sqltypes.Date):
        return date.isoformat
    if isinstance(column_type, sqltypes.Time):
        return _time_text
    if isinstance(column_type, sqltypes.Boolean):
        return int
    return None


def _converted(value: tuple[Any, ...], converted: list[tuple[int, dict[Any, Any], Callable[[Any], Any]]],
               ) -> tuple[Any, ...]:
    out = list(value)
    for i, seen, conv in converted:
        v = out[i]
        if v is not None:
            text = seen.get(v)
            if text is None:
                text = seen[v] = conv(v)
            out[i] = text
    return tuple(out)


def _insert_on_server(conn: Connection, table: Table, rows: list[dict[str, Any]], returning_ids: bool) -> list[int]:
    """PostgreSQL: the driver's executemany (pipelined), and the ids read back by the rows' UUIDs
    in one query. SQLAlchemy's INSERT … RETURNING for many rows (insertmanyvalues) sends one
    statement per 1,000 rows whose 20,000 parameters psycopg parses in Python: ten times as long."""
    if not returning_ids:
        conn.execute(insert(table), rows)
        return []
    if "uuid" not in table.c:
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(conn.execute(stmt, rows).scalars())
    if "uuid" not in rows[0]:
        rows = [row | {"uuid": new_uuid()} for row in rows]
    conn.execute(insert(table), rows)
    uuids = [row["uuid"] for row in rows]
    found = {uuid: id_ for uuid, id_ in conn.execute(
        select(table.c.uuid, table.c.id).where(table.c.uuid == any_(literal(uuids, ARRAY(table.c.uuid.type)))))}
    return [found[u] for u in uuids]


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], *,
                returning_ids: bool = False) -> list[int]:
    """INSERT every row (each with the same keys, none with an id) in the caller's transaction;
    with `returning_ids`, the ids the database gave them, in the rows' order (else [])."""
    if not rows:
        return []
    if "community_id" in table.c and "community_id" not in rows[0]:
        # The saving session's (db.scope), asked once: the column's default would ask it per row.
        community = community_for_insert(conn)
        rows = [row | {"community_id": community} for row in rows]
    if conn.dialect.name != "sqlite":
        return _insert_on_server(conn, table, rows, returning_ids)
    names = list(rows[0])
    # Core would fill the columns' Python-side defaults; the driver does not.
    defaults = {c.name: c.default.arg for c in table.c  # type: ignore[attr-defined]
                if c.name not in rows[0] and c.default is not None and c.default.is_scalar}
    if defaults:
        rows = [defaults | row for row in rows]
    if "uuid" in table.c and "uuid" not in rows[0]:
        rows = [row | {"uuid": new_uuid()} for row in rows]  # one each, never shared
    names = list(rows[0])
    # Each column's values converted once each: the import's time stamp, birth and admission
    # dates repeat from row to row, and strftime is slow.
    converted: list[tuple[int, dict[Any, Any], Callable[[Any], Any]]] = [
        (i, {}, conv) for i, name in enumerate(names) if (conv := _sqlite_converter(table.c[name].type))]
    values: list[tuple[Any, ...]] = list(map(itemgetter(*names), rows))  # tuples, built in C
    if converted:
        values = [_converted(v, converted) for v in values]
    columns = ", ".join(f'"{table.c[name].name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
    if not returning_ids:
        conn.exec_driver_sql(sql, values)
        return []
    # RETURNING with the rows' order kept makes SQLite insert one row per statement. Instead:
    # SQLite numbers a new row one above the table's largest id (or its AUTOINCREMENT counter,
    # likewise one up each row), and no other connection writes during this transaction, so the
    # rows of one executemany get consecutive ids ending at last_insert_rowid(). Checked below.
    before = conn.execute(select(func.max(table.c.id))).scalar() or 0
    conn.exec_driver_sql(sql, values)
    last = int(conn.exec_driver_sql("SELECT last_insert_rowid()").scalar() or 0)
    first = last - len(values) + 1
    ours = conn.execute(select(func.count()).select_from(table).where(table.c.id.between(first, last))).scalar()
    if first <= before or ours != len(values):
        raise RuntimeError(f"{table.name}: the new rows' ids are not {first}–{last}")
    return list(range(first, last + 1))
