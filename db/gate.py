"""The one gate for writes: which connections may change the database file, and as whom.

A session writes as the actor it was opened for (`Database.session()` opens it for
`Database.actor`) only when that actor is proven: `db.accounts.sign_in` hands out actors
carrying an HMAC, under a secret made afresh in each process, over the database file, the user
id and the user name. An actor made by hand (`Actor("x", "admin")`, `SYSTEM`, `replace(...)` of
a signed-in one with another id) carries no valid proof. At the start of each transaction the
gate reads the account's role and whether it is still active from the database itself, so a
role changed or an account disabled meanwhile counts from the next action on. A session whose
actor is not proven only reads. A database with no account at all is open: anyone could create
its first administrator anyway, so there every session may write, as the actor it claims (the
role checks of db.audit still apply) — scripts, tests and the first start work that way.

Who a session acts as is kept here, privately, by session and by connection; `session.info`
plays no part in any right any more.

Three layers, each catching what the one above it cannot see:

1. SQLite's own authorizer, set on every connection the engine opens (`install`). Every
   statement is authorised when SQLite prepares it, whatever path it came by (the ORM, Core,
   `text()`, `exec_driver_sql`, a raw DBAPI cursor). On a database with accounts it refuses any
   change on a connection no proven session holds, and on one it holds allows only the tables
   the actor's role may change at all (db.permissions.ACTIONS): the operation log append-only
   for everyone, accounts for administrators (others: the sign-in and password columns, the
   row being checked by the ORM), office settings for roles that print (certificate numbers),
   the registers for roles that edit; no CREATE/DROP/ALTER/ATTACH and no PRAGMA that changes
   behaviour. SQLite authorises a statement only when it prepares it, and the sqlite3 module
   keeps prepared statements: so whenever a connection's permissions change the authorizer is
   set again, which makes SQLite prepare (and authorise) every kept statement anew.
2. `before_cursor_execute` on the engine, for what goes through SQLAlchemy: a clear Chinese
   refusal instead of SQLite's "not authorized", and on a connection a proven session holds,
   writes only from the ORM's flush, a `Session.execute` of an insert/update/delete that
   db.audit has checked, or a db/ function that checked its right (`checked_writes`, the
   import's bulk insert). So SQL text through a signed-in session (`s.execute(text("DELETE
   FROM audit_log"))`, `s.connection().exec_driver_sql(...)`) is refused too.
3. db.audit's flush and statement checks: the row-level rules (one's own password, the last
   administrator, soft delete against purge), with the actor taken from here.

Migrations run on a connection marked internal (`internal_connection`); db/ functions that
must write as the program itself (the restore's log entry) use `_acting_as`.

Why not the simpler "db.session() only reads; writes go through gate.write_session(db, actor)
everywhere": the proof, not where the actor is stored, is what makes it trustworthy, so
`Database.session()` can stay the one way in for reading and writing alike — the window's thirty
places that save keep their shape, a forged `db.actor` simply yields a session that reads.

What it cannot do: code running inside this process can reach anything the process can (the
secret, sqlite3 itself), and anyone who can write the file can change it with any SQLite tool.
The gate makes the program's own paths — the window, the command line, scripts calling db/ —
keep to the signed-in account's rights; noticing changes made around it is the audit chain's job.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session, SessionTransaction

from db.permissions import ACTIONS, NOT_SIGNED_IN, SYSTEM, Actor, PermissionDenied, require

BYPASS = "不能绕过程序直接用 SQL 修改数据：每项修改都要经过权限检查并记入操作日志。"

_SECRET = secrets.token_bytes(32)  # per process: a proof cannot be written down and brought back later


def _db_key(where: Path | str) -> str:
    """A file path made canonical; a server's key (db.location.key) as it is."""
    if isinstance(where, str) and "://" in where:
        return where
    return os.path.normcase(str(Path(where).resolve()))


def _proof(path: Path | str, user_id: int, username: str) -> str:
    return hmac.new(_SECRET, f"{_db_key(path)}\0{user_id}\0{username}".encode(), hashlib.sha256).hexdigest()


def _issue(path: Path | str, user_id: int, username: str, role: str) -> Actor:
    """A signed-in actor (db.accounts.sign_in only, after the password matched)."""
    return Actor(username, role, user_id, proof=_proof(path, user_id, username))


def proven(actor: Actor, path: Path | str) -> bool:
    """Whether `actor` signed in, in this process, on the database at `path`."""
    return (actor.user_id is not None and bool(actor.proof)
            and hmac.compare_digest(actor.proof, _proof(path, actor.user_id, actor.username)))


# --- per connection -------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Guard:
    """What one DBAPI connection may change now (kept here, never on the connection's info)."""

    open: bool = False  # the database had no account when the connection was checked out
    internal: bool = False  # migrations
    role: str | None = None  # the role of the proven session holding the connection
    session: weakref.ReferenceType[Session] | None = None
    applied: tuple[bool, str | None] | None = None  # the permissions the authorizer was last set for

    def holder(self) -> Session | None:
        return self.session() if self.session is not None else None


_guards: dict[int, _Guard] = {}  # id(sqlite3.Connection) → guard (sqlite3 connections take no weak references)


def _refresh(dbapi_connection: sqlite3.Connection, guard: _Guard) -> None:
    """Set the authorizer for the guard's permissions, if they changed. Setting it again makes
    SQLite re-prepare every statement the sqlite3 module keeps, so none authorised under wider
    permissions runs under narrower ones. A server connection has no authorizer: there the
    server's own GRANTs stand in for it (db.server_roles)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    key = (guard.open or guard.internal, None if guard.open or guard.internal else guard.role)
    if key == guard.applied:
        return
    dbapi_connection.set_authorizer(_authorizer(*key))
    guard.applied = key


_READS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_TRANSACTION,
          sqlite3.SQLITE_SAVEPOINT, sqlite3.SQLITE_RECURSIVE}
_CHANGES = {sqlite3.SQLITE_INSERT: "INSERT", sqlite3.SQLITE_UPDATE: "UPDATE", sqlite3.SQLITE_DELETE: "DELETE"}
# PRAGMAs that read, or only tune this connection's cache and waiting (the import enlarges its cache).
_QUIET_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "foreign_key_check", "integrity_check", "quick_check", "wal_checkpoint", "pragma_list", "function_list",
    "module_list", "collation_list", "database_list", "compile_options", "data_version", "page_count",
    "freelist_count", "cache_size", "busy_timeout", "temp_store", "cache_spill", "mmap_size", "threads"})
# The columns a sign-in and a password change write; whose row it is, db.audit checks.
_SIGN_IN_COLUMNS = frozenset({"password_hash", "failed_attempts", "locked_until", "last_login_at", "updated_at"})


def _role_may(role: str, action: str) -> bool:
    return role in ACTIONS[action][0]


def may_change(role: str, table: str, change: str, column: str | None = None) -> bool:
    """Whether `role` may change `table` at all (INSERT/UPDATE/DELETE), from the rights table."""
    if table == "audit_log":
        return change == "INSERT"  # append-only, for every role: logins, prints and backups are logged
    if table == "change_journal":  # written by the triggers of whatever change the role may make (0010);
        return change == "INSERT" or _role_may(role, "exchange")  # renumbered after a restore (move_past)
    if table in ("copy_identity", "exchange_peers"):  # which copy this is, and its peers: an administrator's;
        return _role_may(role, "accounts") or (change == "UPDATE" and _role_may(role, "exchange"))  # progress
    if table in ("exchange_conflicts", "record_aliases"):  # found while a bundle is applied
        return _role_may(role, "exchange")
    if table == "users":
        return _role_may(role, "accounts") or (change == "UPDATE" and column in _SIGN_IN_COLUMNS)
    if table == "office_settings":
        return _role_may(role, "settings") or (change != "DELETE" and _role_may(role, "print"))
    if table == "counters":  # numbers taken by a saved case, or by a printed certificate
        return _role_may(role, "edit") or _role_may(role, "print")
    if table == "communities":
        return _role_may(role, "accounts")
    if table.startswith("sqlite_") or table == "alembic_version":
        return False
    return _role_may(role, "edit")


@cache
def _authorizer(unguarded: bool, role: str | None) -> Callable[..., int] | None:
    if unguarded:
        return None

    def authorize(action: int, arg1: str | None, arg2: str | None, dbname: str | None, _source: str | None) -> int:
        if action in _READS or dbname == "temp":
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA:
            return sqlite3.SQLITE_OK if arg2 is None or (arg1 or "").lower() in _QUIET_PRAGMAS else sqlite3.SQLITE_DENY
        change = _CHANGES.get(action)
        if change is not None and role is not None and may_change(role, arg1 or "", change, arg2):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    return authorize


def _no_accounts(dbapi_connection: Any) -> bool:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return _no_accounts_on_server(dbapi_connection)
    try:
        return dbapi_connection.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None
    except sqlite3.OperationalError as exc:  # a new file before its first migration
        return "no such table" in str(exc)


def _no_accounts_on_server(dbapi_connection: Any) -> bool:
    """The same question on PostgreSQL, asked so that it leaves no transaction open behind it
    (psycopg begins one implicitly; the pool hands the connection on expecting none)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT to_regclass('users') IS NULL")
        if cursor.fetchone()[0]:  # a new database before its first migration
            return True
        cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM users)")
        return bool(cursor.fetchone()[0])
    finally:
        cursor.close()
        dbapi_connection.rollback()


def install(engine: Engine) -> None:
    """Guard every connection of `engine` (db.database.make_engine; after its own connect hook)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        guard = _guards[id(dbapi_connection)] = _Guard()
        _refresh(dbapi_connection, guard)

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: sqlite3.Connection, _record: object, _proxy: object) -> None:
        guard = _guards.setdefault(id(dbapi_connection), _Guard())
        guard.internal, guard.role, guard.session = False, None, None
        guard.open = _no_accounts(dbapi_connection)
        _refresh(dbapi_connection, guard)

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: sqlite3.Connection | None, _record: object) -> None:
        guard = _guards.get(id(dbapi_connection)) if dbapi_connection is not None else None
        if guard is not None:  # the authorizer is narrowed at the next checkout, before any statement
            guard.internal, guard.role, guard.session = False, None, None

    @event.listens_for(engine, "close")
    def _on_close(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        _guards.pop(id(dbapi_connection), None)

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(_conn: Connection, cursor: Any, statement: str, *_args: Any) -> None:
        guard = _guards.get(id(cursor.connection))
        if guard is None or guard.open or guard.internal or not writes(statement):
            return
        if guard.role is None:
            raise PermissionDenied(NOT_SIGNED_IN)
        holder = guard.holder()
        if holder is None or not (holder._flushing or _checked.get() is holder):
            raise PermissionDenied(BYPASS)


_LEADING = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.S)
_WRITE_VERBS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "ATTACH", "DETACH",
                          "REINDEX", "ANALYZE", "VACUUM"})
_PRAGMA = re.compile(r"PRAGMA\s+(?:[\"`\[]?\w+[\"`\]]?\s*\.\s*)?[\"`\[]?(\w+)[\"`\]]?\s*([=(])?", re.I)
_LITERALS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")


def writes(statement: str) -> bool:
    """Whether an SQL statement changes the database (what SQLite is about to run, as text).

    Only the layer above SQLite's authorizer relies on it, for its clearer message and for the
    rule that a signed-in session writes through checked paths; the authorizer decides alone."""
    body = _LEADING.sub("", statement, count=1)
    verb = body[:12].split(None, 1)[0].upper() if body.strip() else ""
    verb = re.split(r"\W", verb, maxsplit=1)[0]
    if verb in _WRITE_VERBS:
        return True
    if verb == "WITH":
        return re.search(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b", _LITERALS.sub("", body), re.I) is not None
    if verb == "PRAGMA":
        match = _PRAGMA.match(body)
        return match is None or (match.group(2) is not None and match.group(1).lower() not in _QUIET_PRAGMAS)
    return False


def _guard_of(connection: Connection) -> tuple[sqlite3.Connection, _Guard] | None:
    dbapi_connection = connection.connection.dbapi_connection
    guard = _guards.get(id(dbapi_connection)) if dbapi_connection is not None else None
    return (dbapi_connection, guard) if guard is not None else None  # type: ignore[return-value]


@contextmanager
def internal_connection(engine: Engine) -> Iterator[Connection]:
    """A transaction that may change anything, schema included: the migrations at opening."""
    with engine.begin() as conn, internal(conn):
        yield conn


@contextmanager
def internal(conn: Connection) -> Iterator[None]:
    """`conn` may change anything for the length of the block (db.database.upgrade_to_head, which
    must set SQLite's foreign_keys before its transaction begins)."""
    found = _guard_of(conn)
    if found is not None:
        found[1].internal = True
        _refresh(*found)
    yield


# --- per session ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    path: str
    actor: Actor
    trusted: bool = False  # db/ writing as the program itself: no proof asked (`_acting_as`)


_claims: weakref.WeakKeyDictionary[Session, _Claim] = weakref.WeakKeyDictionary()
_actors: weakref.WeakKeyDictionary[Session, Actor] = weakref.WeakKeyDictionary()  # who it acts as now
_purposes: weakref.WeakKeyDictionary[Session, set[str]] = weakref.WeakKeyDictionary()
_flags: weakref.WeakKeyDictionary[Session, dict[str, Any]] = weakref.WeakKeyDictionary()
_checked: ContextVar[Session | None] = ContextVar("checked_writes", default=None)


def unverified(actor: Actor) -> Actor:
    """The claimed actor with no rights at all (require() says: sign in first)."""
    return replace(actor, role="", proof="")


def claim(session: Session, path: Path | str, actor: Actor) -> None:
    """Open `session` for `actor` on the database at `path` (Database.session()). Harmless to
    call with any actor: an actor without a valid proof only reads where accounts exist."""
    _claims[session] = _Claim(_db_key(path), actor)


@contextmanager
def _acting_as(database: Any, actor: Actor, purpose: str | None = None) -> Iterator[Session]:
    """A session writing as `actor` without asking for a proof — db/ only: the sign-in itself,
    and the restore's log entry (the right was checked against the database restored over)."""
    with database.sessions() as s:
        _claims[s] = _Claim(_db_key(database.key), actor, trusted=True)
        if purpose:
            _purposes[s] = {purpose}
        yield s


@event.listens_for(Session, "after_transaction_end")
def _on_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the next transaction asks again (a role may have changed)
        _actors.pop(session, None)


@event.listens_for(Session, "after_begin")
def _on_begin(session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
    """Who the session acts as in this transaction, and whether its connection may write."""
    found = _guard_of(connection)
    found_claim = _claims.get(session)
    if found is None:  # an engine made without the gate (an in-memory scratch database)
        _actors[session] = found_claim.actor if found_claim is not None else SYSTEM
        return
    dbapi_connection, guard = found
    actor = _resolve(found_claim, guard.open, connection)
    _actors[session] = actor
    if found_claim is not None and actor.role:
        guard.role, guard.session = actor.role, weakref.ref(session)
        _refresh(dbapi_connection, guard)


def _resolve(found: _Claim | None, is_open: bool, connection: Connection) -> Actor:
    if found is None:
        return SYSTEM if is_open else unverified(SYSTEM)
    if is_open or found.trusted:
        return found.actor
    actor = found.actor
    if actor.user_id is None or not proven(actor, found.path):
        return unverified(actor)
    row = connection.execute(text("SELECT username, role, active FROM users WHERE id = :id"),
                             {"id": actor.user_id}).first()
    if row is None or not row[2] or row[0] != actor.username:
        return unverified(actor)  # the account is gone or disabled since the sign-in
    return replace(actor, role=row[1])


def actor_of(session: Session) -> Actor:
    """Who `session` acts as: for the permission checks and the operation log."""
    if session not in _actors:
        session.connection()  # begins the transaction: _on_begin decides
    found = _actors.get(session)
    if found is not None:
        return found
    found_claim = _claims.get(session)
    return found_claim.actor if found_claim is not None else SYSTEM


def guarded(session: Session) -> bool:
    """Whether the session's database has accounts (where a database has none, nothing is guarded:
    anyone could create its first administrator)."""
    found = _guard_of(session.connection())
    return found is not None and not found[1].open


def _act_as(session: Session, actor: Actor) -> None:
    """The sign-in: log what follows under the name being signed in (db.accounts only)."""
    if "login" not in _purposes.get(session, ()):
        raise PermissionDenied(NOT_SIGNED_IN)
    _actors[session] = actor


def has_purpose(session: Session, purpose: str) -> bool:
    """"login" (the sign-in's own session) or "setup" (the first administrator being created)."""
    return purpose in _purposes.get(session, ())


@contextmanager
def _purpose(session: Session, purpose: str) -> Iterator[None]:
    """db.accounts only: the first administrator is created under "setup"."""
    held = _purposes.setdefault(session, set())
    held.add(purpose)
    try:
        yield
    finally:
        held.discard(purpose)


def flags(session: Session) -> dict[str, Any]:
    """The audit trail's own notes on a session (an import's records summed up in one entry…),
    kept here rather than in session.info, which anyone holding the session may write."""
    return _flags.setdefault(session, {})


@contextmanager
def checked_writes(session: Session, action: str) -> Iterator[None]:
    """Statements a db/ function issues itself (the import's bulk INSERT), after the right to
    `action` is checked: allowed on the session's connection for the length of the block."""
    require(actor_of(session), action)
    token = _checked.set(session)
    try:
        yield
    finally:
        _checked.reset(token)


@event.listens_for(Session, "do_orm_execute")
def _checked_statement(state: Any) -> Any:
    """An insert/update/delete through Session.execute, checked by db.audit's listener (which
    runs before this one returns): allowed to reach the connection."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    token = _checked.set(state.session)
    try:
        return state.invoke_statement()
    finally:
        _checked.reset(token)


def record_restore(database: Any, actor: Actor, summary: str, details: dict[str, Any]) -> None:
    """The restore's own log entry, in the database just put back, under who restored it — whose
    right was checked against the database it replaced; the backup may not know the account."""
    from db import audit

    with _acting_as(database, actor) as s, s.begin():
        audit.record(s, "restore_backup", "database", None, summary, details)
