"""Which engine a test run is for, and the PostgreSQL databases the run uses.

`pytest` runs on SQLite files, as the office PC does. `pytest --engine postgresql` (or
CD_TEST_ENGINE=postgresql) runs the same tests on a PostgreSQL server: the one CD_TEST_PG_URL
names (an administrator's URL, as `.ci/pg-server start` prints), or else a throwaway server this
run starts itself with `.ci/pg-server` and stops at the end.

Per test module, one database is created from a template migrated once per run, and dropped
after the module; before each test it is emptied (TRUNCATE … RESTART IDENTITY), so every test
starts as on a new file. Tests that are about files themselves (backups of a .sqlite3, the lock
file, a damaged file) carry `@pytest.mark.sqlite_only` and are skipped on the server run, where
`@pytest.mark.server_only` tests run instead.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url

ENGINES = ("sqlite", "postgresql")
# One template per test run (several runs may share a server: one dropping a template another
# run is copying failed the other's tests at random).
TEMPLATE = f"cd_test_template_{os.getpid()}"
_seed: dict[str, list[dict[str, object]]] = {}  # table → the rows the migrations put in, as they were
ROOT = Path(__file__).resolve().parents[1]
_names = itertools.count(1)
_server: dict[str, object] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine", choices=ENGINES, default=os.environ.get("CD_TEST_ENGINE", "sqlite"),
                     help="the database engine the tests run on (default: sqlite; env CD_TEST_ENGINE)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite files; skipped when the run is for a server")
    config.addinivalue_line("markers", "server_only: needs a PostgreSQL server; runs with --engine postgresql")


ENGINE_FIXTURES = {"db", "ctx", "db_target", "server_database", "module_db_target"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the server run, only the tests that reach the engine run: those using the `db`, `ctx`,
    `db_target` or `server_database` fixtures (directly or through another fixture), or marked
    server_only. The others (validation rules, PDF layout, the SQLite files a test makes itself)
    do the same thing on both runs; running them twice would prove nothing and double the time."""
    engine = engine_of(config)
    if engine == "sqlite":
        for item in items:
            if item.get_closest_marker("server_only"):
                item.add_marker(pytest.mark.skip(reason="needs --engine postgresql"))
        return
    kept, dropped = [], []
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        reaches = bool(ENGINE_FIXTURES & uses) or item.get_closest_marker("server_only")
        if reaches and not item.get_closest_marker("sqlite_only"):
            kept.append(item)
        else:
            dropped.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def engine_of(config: pytest.Config) -> str:
    return str(config.getoption("--engine"))


def admin_url() -> URL:
    """The test server's administrator URL, starting a throwaway server if none was given."""
    given = os.environ.get("CD_TEST_PG_URL")
    if given:
        return make_url(given)
    if "url" not in _server:
        folder = tempfile.mkdtemp(prefix="cd-pg-")
        started = subprocess.run(["bash", str(ROOT / ".ci" / "pg-server"), "start", folder],
                                 check=True, capture_output=True, text=True)
        _server.update(url=started.stdout.strip().splitlines()[-1], folder=folder)
        import atexit

        atexit.register(subprocess.run, ["bash", str(ROOT / ".ci" / "pg-server"), "stop", folder], check=False)
    return make_url(str(_server["url"]))


def _admin(statements: list[str]) -> None:
    engine = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def _template() -> None:
    """The migrated template, made once per run: CREATE DATABASE … TEMPLATE copies it in a
    fraction of the time the migrations take."""
    if _server.get("template"):
        return
    from db.database import open_database

    _admin([f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)", f"CREATE DATABASE {TEMPLATE}"])
    import atexit

    atexit.register(_admin, [f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"])
    url = admin_url().set(database=TEMPLATE).render_as_string(hide_password=False)
    open_database(url).close()
    _keep_seed_rows(url)
    _server["template"] = True


def _keep_seed_rows(url: str) -> None:
    """Every row the migrations put in (the community, the point rules, the meeting schedules),
    read from the template once, for `empty` to put back."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for table in _tables(conn):
                rows = [dict(row._mapping) for row in conn.execute(text(f"SELECT * FROM {table}"))]
                if rows:
                    _seed[table] = rows
    finally:
        engine.dispose()


def _tables(conn: Connection, schema: str = "current_schema()") -> list[str]:
    return list(conn.execute(text(f"SELECT tablename FROM pg_tables WHERE schemaname = {schema} "
                                  "AND tablename <> 'alembic_version' ORDER BY tablename")).scalars())


def new_database(prefix: str = "cd_test") -> str:
    """A new migrated database on the test server; its URL (password included) as a string."""
    _template()
    name = f"{prefix}_{os.getpid()}_{next(_names)}"
    _admin([f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}"])
    return admin_url().set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    _admin([f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)"])


def _seed_order() -> dict[str, int]:
    """Tables in the order their rows can go in (a community before its care tags)."""
    from db.models import Base

    return {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}


def empty(url: str) -> None:
    """Every table as in a new file: emptied, id counters back at 1, and the rows the migrations
    put in (the one community, point rules, meeting schedules) back as they were; the schema stays."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            tables = _tables(conn)
            if tables:
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            for table, rows in sorted(_seed.items(), key=lambda kv: _seed_order().get(kv[0], -1)):
                columns = list(rows[0])
                conn.execute(text(f"INSERT INTO {table} ({', '.join(columns)}) "
                                  f"VALUES ({', '.join(':' + c for c in columns)})"), rows)
                for column in conn.execute(text(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                        "AND table_name = :t AND pg_get_serial_sequence(table_name, column_name) IS NOT NULL"),
                        {"t": table}).scalars():
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), max({column})) "
                                      f"FROM {table}"))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def server_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """One database per test module on the test server (dropped after it)."""
    if engine_of(request.config) == "sqlite":
        pytest.skip("needs --engine postgresql")
    url = new_database()
    yield url
    drop_database(url)


@pytest.fixture(scope="module")
def module_db_target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """Where a module's shared database lives (a demo filled once for many tests): a new file, or
    a database of its own on the test server."""
    if engine_of(request.config) == "sqlite":
        yield tmp_path_factory.mktemp("module-db") / "community.sqlite3"
        return
    url = new_database("cd_test_module")
    yield url
    drop_database(url)
