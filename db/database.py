"""Opening the office database: where it lives, connection settings, and schema upgrades.

`open_database()` is the one way in. It refuses files that are not SQLite databases or that a
newer Community Desk made, copies the file aside before upgrading an older schema, and returns
a `Database` holding the engine and a session factory. Sessions are short: one per user
action (`with db.session() as s, s.begin(): ...`), never one kept for the life of the window.
Every connection is guarded by db.gate: where accounts exist, only a session opened for a
signed-in actor writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

import db.audit  # noqa: F401  (registers the permission check and the audit trail on every session)
from db import gate, location, scope
from db.permissions import SYSTEM, Actor
from db.scope import Scope
from db.storage_errors import explain

if TYPE_CHECKING:
    from alembic.config import Config

APP_NAME = "CommunityDesk"
DB_FILENAME = "community_desk.sqlite3"
BUSY_TIMEOUT_MS = 5000
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseOpenError(Exception):
    """The file cannot be used as our database; str() is one Chinese sentence for the user."""


def default_db_path() -> Path:
    """The per-user data folder (e.g. %LOCALAPPDATA%\\CommunityDesk on Windows)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def make_engine(path: Path | str) -> Engine:
    """An engine whose every connection uses WAL, enforces foreign keys and waits when busy.

    pysqlite's own transaction handling is switched off and BEGIN emitted by SQLAlchemy, the
    documented way to get correct transactions (and savepoints) from the sqlite3 module.
    """
    engine = create_engine(f"sqlite+pysqlite:///{Path(path)}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITES) else "BEGIN")

    gate.install(engine)  # after the connection settings above: they are not the gate's to refuse
    return engine


WRITES = "community_desk.writes"
MIGRATION_LOCK = 0x6364_6D69  # "cdmi": the advisory lock held while a server's schema is upgraded


class WritingSession(Session):
    """A session whose explicit `begin()` (`with db.session() as s, s.begin():`, the way every
    save is written) starts a writing transaction on SQLite at once: BEGIN IMMEDIATE waits its
    turn (busy_timeout) for the one writer SQLite allows. A plain BEGIN would read first and then
    fail with "database is locked" the moment it wanted to write after another process (the
    window and a command, or two copies saving case numbers) had written meanwhile. Reading
    sessions (autobegin) still begin deferred and never wait. PostgreSQL locks rows instead."""

    def begin(self, nested: bool = False) -> SessionTransaction:
        transaction = super().begin(nested)
        if not nested and self.get_bind().dialect.name == "sqlite":
            self.connection(execution_options={WRITES: True})
        return transaction


def _sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, class_=WritingSession, expire_on_commit=False)


SERVER_CONNECT_TIMEOUT_S = 5


def make_server_engine(url: URL) -> Engine:
    """An engine on a PostgreSQL server. Each connection is checked before use (pre-ping), so a
    server restarted overnight costs one reconnect rather than an error on the first click, and
    a server that cannot be reached is reported within seconds, not minutes.

    PostgreSQL's JIT compiler is off for the program's connections: it compiles a query whose
    estimated cost is high, and the registers' counts over every member (a flag tested per
    member, a probe of their attendance as a subquery) are estimated so, though they run in
    tens of milliseconds; compiling and optimising them took 0.2 s each, most of `stats`."""
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                           connect_args={"connect_timeout": SERVER_CONNECT_TIMEOUT_S,
                                         "application_name": "community-desk", "options": "-c jit=off"})
    gate.install(engine)
    return engine


# The newest migration: a database already at it opens without loading alembic and its scripts
# (a third of a second of the window's start). tests/db/test_database.py holds it to the scripts.
HEAD_REVISION = "0015_bank_exchange"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@dataclass
class Database:
    """An open database: the engine, a session factory, the file it lives in, and who is
    working on it.

    `session()` opens a session acting as `actor`. It writes (within the actor's rights) when
    the actor signed in on this database (db.accounts.sign_in), or when the database has no
    account yet; otherwise it only reads. Setting `actor` by hand therefore grants nothing.
    Sessions from `sessions` directly, or made on `engine`, act as nobody: they only read where
    accounts exist."""

    location: Path | URL
    engine: Engine
    sessions: sessionmaker[Session]
    actor: Actor = SYSTEM
    scope: Scope | None = None  # the community worked in (db.scope); None: the database's only one

    @property
    def is_server(self) -> bool:
        return isinstance(self.location, URL)

    @property
    def path(self) -> Path:
        """The SQLite file. A server database has none: check `is_server` first where both can
        arrive (backups, the lock, the file check are per file)."""
        if isinstance(self.location, URL):
            raise TypeError(f"{location.shown(self.location)} is a server database, not a file")
        return self.location

    @property
    def key(self) -> str:
        """This database, however it was named: what sign-ins are bound to."""
        return location.key(self.location)

    @property
    def name(self) -> str:
        """For the window's title and messages: the file's name, or database@server."""
        return location.display_name(self.location)

    @property
    def shown(self) -> str:
        """The full path, or the URL without its password."""
        return location.shown(self.location) if isinstance(self.location, URL) else str(self.location)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as s:
            gate.claim(s, self.key, self.actor)
            if self.scope is not None:
                scope.bind(s, self.scope)
            yield s

    def close(self) -> None:
        # No ANALYZE / PRAGMA optimize: the register queries are written for SQLite's plans
        # without statistics (see db.listing.person_match); statistics made them slower.
        self.engine.dispose()


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        header = f.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseOpenError(f"“{path}”不是社区工作台的数据库文件（不是 SQLite 数据库）。")


def _current_revision(engine: Engine) -> str | None:
    """The database's schema revision, None for none (a new, empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        revisions = [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
        if len(revisions) <= 1:
            return revisions[0] if revisions else None
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()  # says what is wrong with several


def copy_aside(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the database with SQLite's backup API before a schema upgrade touches it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision[:12]}-{stamp}{path.suffix}")
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            dest.close()
    finally:
        raw.close()
    return target


def upgrade_to_head(engine: Engine) -> None:
    migrate(engine, "head")


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Run the migrations up (or `down`) to `revision` in one transaction, as the program itself (db.gate).

    On SQLite, foreign keys are off meanwhile: a migration that rebuilds a table others refer to
    (Alembic's batch mode: copy, drop, rename) would otherwise fail on a database with data, or
    with ON DELETE actions, empty the tables that refer to it. The setting only takes effect
    outside a transaction, so it is set on the raw connection first, and every reference is
    checked (foreign_key_check) before the transaction commits."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        sqlite_raw = raw if isinstance(raw, sqlite3.Connection) else None
        on_sqlite = sqlite_raw is not None
        if sqlite_raw is not None:
            sqlite_raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with gate.internal(conn), conn.begin():
                if conn.dialect.name == "postgresql":  # PCs opening after an update: one upgrades,
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")  # the rest find it done
                cfg.attributes["connection"] = conn
                (command.downgrade if down else command.upgrade)(cfg, revision)
                if on_sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise DatabaseOpenError(f"升级数据库时发现表“{broken[0]}”的关联数据不一致，未做任何修改。")
        finally:
            if sqlite_raw is not None:
                sqlite_raw.execute("PRAGMA foreign_keys=ON")


def open_database(where: Path | str | URL | None = None, *, create: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at `where`: a file path, or a server
    URL (db.location).

    Raises DatabaseOpenError with a message for the user when the file is missing (and
    create is False), is not a database, is damaged, or was made by a newer version.
    """
    if where is None:
        where = default_db_path()
    try:
        place = where if isinstance(where, URL) else location.parse(where)
    except location.BadLocation as exc:
        raise DatabaseOpenError(str(exc)) from exc
    if isinstance(place, URL):
        return _open_server(place)
    path = place
    if not path.exists() and not create:
        raise DatabaseOpenError(f"找不到数据库文件“{path}”。")
    if path.is_dir():
        raise DatabaseOpenError(f"“{path}”是一个文件夹，不是数据库文件。")
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_is_sqlite(path)
    engine = make_engine(path)
    with _closed_on_failure(engine, f"无法打开数据库“{path}”"):
        try:
            current = _current_revision(engine)
            has_tables = bool(set(inspect(engine).get_table_names()) - {"alembic_version"})
        except Exception as exc:  # sqlite3.DatabaseError wrapped by SQLAlchemy
            raise DatabaseOpenError(f"无法读取数据库“{path}”：文件可能已损坏（{_short(exc)}）。") from exc
        if current == HEAD_REVISION:
            return Database(location=path, engine=engine, sessions=_sessions(engine))
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config())
        head = script.get_current_head()
        if current is not None and current != head:
            known = {rev.revision for rev in script.walk_revisions()}
            if current not in known:
                raise DatabaseOpenError(
                    f"数据库“{path}”由更新版本的社区工作台创建（版本 {current}），"
                    "请升级本软件后再打开。"
                )
        if current is None and has_tables:
            raise DatabaseOpenError(f"“{path}”是其他程序的 SQLite 数据库，不是社区工作台的数据库。")
        if current != head:
            if current is not None:
                copy_aside(engine, path, current)
            upgrade_to_head(engine)
    return Database(location=path, engine=engine, sessions=_sessions(engine))


def _open_server(url: URL) -> Database:
    """Open the database on a PostgreSQL server, bringing its schema to head. The server keeps
    its own backups (db.server_backup); nothing is copied aside here."""
    shown = location.shown(url)
    engine = make_server_engine(url)
    with _closed_on_failure(engine, f"无法打开服务器上的数据库“{shown}”"):
        try:
            current = _current_revision(engine)
            has_tables = bool(set(inspect(engine).get_table_names()) - {"alembic_version"})
        except Exception as exc:
            from db.connections import explain_failure  # (it opens databases: imported here, not above)

            failure = explain_failure(exc, url)  # a wrong password, no such database, no answer …
            raise DatabaseOpenError(str(failure) if failure.kind != "other"
                                    else f"无法连接数据库服务器“{shown}”：{_short(exc)}") from exc
        if current == HEAD_REVISION:
            return Database(location=url, engine=engine, sessions=_sessions(engine))
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
            raise DatabaseOpenError(f"服务器上的数据库“{shown}”由更新版本的社区工作台创建（版本 {current}），"
                                    "请升级本软件后再连接。")
        if current is None and has_tables:
            raise DatabaseOpenError(f"服务器上的数据库“{shown}”已有其他程序的表，不是社区工作台的数据库。")
        if current != script.get_current_head():
            _upgrade_server(engine, shown)
    return Database(location=url, engine=engine, sessions=_sessions(engine))


def _upgrade_server(engine: Engine, shown: str) -> None:
    """Migrations run as the database's owner only: a connection as an application role
    (db.server_roles) is told to ask the administrator. After the owner's upgrade, tables the
    migrations added get the roles' rights."""
    from db import server_roles

    with engine.connect() as conn:
        if not server_roles.may_migrate(conn):
            user = conn.exec_driver_sql("SELECT current_user").scalar()
            raise DatabaseOpenError(server_roles.behind_message(shown, str(user)))
    upgrade_to_head(engine)
    server_roles.refresh_grants(engine)


@contextmanager
def _closed_on_failure(engine: Engine, failure: str) -> Iterator[None]:
    """Opening: on any failure the engine is let go, and what went wrong is one sentence (the
    refusals already are; anything else is `failure` and the error's first line)."""
    try:
        yield
    except DatabaseOpenError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseOpenError(f"{failure}：{_short(exc)}") from exc


def _short(exc: BaseException) -> str:
    return explain(exc)[:200]
