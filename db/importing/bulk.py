"""Writing many new rows at once, for imports.

SQLAlchemy Core's executemany runs every value of every row through its bind processors in
Python (a date becomes text for SQLite one value at a time); for a 50,000-row ledger that was
as long as SQLite's own work. On SQLite the rows are therefore turned into tuples here, dates
and times written exactly as SQLAlchemy stores them, and handed to the driver's executemany.
Other engines (PostgreSQL) take the same rows through Core, whose driver there takes Python
dates as they are.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, Table, insert


def _sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it (DateTime with microseconds, always)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    return value


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT every row (each with the same keys) in the caller's transaction."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    names = list(rows[0])
    # Core would fill the columns' Python-side defaults; the driver does not.
    defaults = {c.name: c.default.arg for c in table.c  # type: ignore[attr-defined]
                if c.name not in rows[0] and c.default is not None and c.default.is_scalar}
    if defaults:
        rows = [defaults | row for row in rows]
        names = list(rows[0])
    columns = ", ".join(f'"{table.c[name].name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
    conn.exec_driver_sql(sql, [tuple(_sqlite_value(row[name]) for name in names) for row in rows])
