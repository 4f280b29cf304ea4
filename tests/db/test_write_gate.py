"""Issue 12, point 1: every way round the write gate an auditor tried, each refused with nothing written.

A real database file with accounts (an administrator, a clerk, a viewer), the viewer or the
clerk signed in as the window signs them in; each attack is checked by comparing a dump of the
whole file before and after, read with plain sqlite3.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from db import gate, recycle
from db.accounts import change_password, create_user, set_active, set_role, sign_in
from db.database import Database, open_database
from db.members import save_member
from db.models import AuditEntry, PartyMember, PartyOrg, Person, User, now
from db.permissions import SYSTEM, Actor, PermissionDenied
from tests.db.test_audit import new_member
from tests.seed import ADMIN, CLERK, VIEWER, seed_basics, seed_office_accounts


def dump(path: Path) -> str:
    """Everything in the file, as plain sqlite3 sees it (committed data only)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Database, int]]:
    """Accounts made as the office makes them; a member (id returned) in the bin, ready to purge."""
    db = open_database(tmp_path / "office.sqlite3")
    seed_office_accounts(db)
    with db.session() as s, s.begin():
        member_id = save_member(s, new_member()).id
    with db.session() as s, s.begin():
        recycle.delete(s, "members", [member_id])
    yield db, member_id
    db.close()


def as_user(db: Database, who: tuple[str, str]) -> Actor:
    db.actor = sign_in(db, *who)
    return db.actor


def refused(db: Database, attack: Callable[[], object], match: str | None = None) -> None:
    before = dump(db.path)
    with pytest.raises((PermissionDenied, DatabaseError, sqlite3.DatabaseError), match=match):
        attack()
    assert dump(db.path) == before


# --- a signed-in viewer through the session the app uses -------------------------------------------------


@pytest.mark.parametrize("sql", [
    "DELETE FROM audit_log",
    "UPDATE users SET role = 'admin' WHERE username = 'zhao'",
    "INSERT INTO office_settings (community_id, key, value) VALUES (1, 'community_name', '改了')",
    "INSERT INTO audit_log (at, username, computer, action, register, summary, details) "
    "VALUES ('2026-01-01', 'admin', 'x', 'login', 'users', 'admin', '{}')",
    "DROP TABLE service_logs",
    "PRAGMA foreign_keys = OFF",
    "/* a comment first */ DELETE FROM persons",
    "WITH gone AS (SELECT id FROM persons) DELETE FROM persons WHERE id IN (SELECT id FROM gone)",
])
def test_sql_text_through_a_viewers_session_is_refused(office: tuple[Database, int], sql: str) -> None:
    db, _ = office
    as_user(db, VIEWER)

    def attack() -> None:
        with db.session() as s, s.begin():
            s.execute(text(sql))

    refused(db, attack, "不能绕过程序")


@pytest.mark.parametrize("who", [VIEWER, CLERK, ADMIN])
def test_sql_text_is_refused_even_to_an_administrator(office: tuple[Database, int], who: tuple[str, str]) -> None:
    """Text writes nothing checks nor logs: refused to every role, through the connection as well."""
    db, _ = office
    as_user(db, who)

    def through_session() -> None:
        with db.session() as s, s.begin():
            s.execute(text("UPDATE persons SET name = '改名'"))

    def through_connection() -> None:
        with db.session() as s, s.begin():
            s.connection().exec_driver_sql("DELETE FROM audit_log")

    def core_through_connection() -> None:
        with db.session() as s, s.begin():
            s.connection().execute(update(Person).values(name="改名"))

    for attack in (through_session, through_connection, core_through_connection):
        refused(db, attack, "不能绕过程序")


def test_the_driver_connection_under_a_viewers_session_changes_nothing(office: tuple[Database, int]) -> None:
    """Below SQLAlchemy, SQLite's authorizer: the viewer's role may change no register, no account."""
    db, _ = office
    as_user(db, VIEWER)
    for sql in ("DELETE FROM audit_log", "UPDATE users SET role = 'admin'", "DELETE FROM persons",
                "UPDATE party_members SET deleted_at = NULL", "CREATE TABLE x (a)", "PRAGMA writable_schema = 1"):
        def attack(sql: str = sql) -> None:
            with db.session() as s, s.begin():
                s.connection().connection.driver_connection.execute(sql)  # type: ignore[union-attr]

        refused(db, attack, "not authorized")


def test_orm_bulk_statements_of_a_viewer_are_refused(office: tuple[Database, int]) -> None:
    db, _ = office
    as_user(db, VIEWER)
    for statement in (delete(AuditEntry), update(User).values(role="admin"), update(Person).values(name="x"),
                      insert(AuditEntry).values(at="2026-01-01", username="admin", computer="", action="login",
                                                register="", summary="", details="{}")):
        def attack(statement: object = statement) -> None:
            with db.session() as s, s.begin():
                s.execute(statement)  # type: ignore[call-overload]

        refused(db, attack)


# --- forged session.info keys ----------------------------------------------------------------------------


def test_forged_login_key_does_not_make_a_viewer_admin(office: tuple[Database, int]) -> None:
    db, _ = office
    viewer = as_user(db, VIEWER)

    def attack() -> None:
        with db.session() as s, s.begin():
            s.info["login"] = True
            s.info["setup"] = True
            s.get_one(User, viewer.user_id).role = "admin"

    refused(db, attack, "只读")


def test_forged_actor_key_does_not_let_a_clerk_purge(office: tuple[Database, int]) -> None:
    db, member_id = office
    as_user(db, CLERK)

    def attack() -> None:
        with db.session() as s, s.begin():
            s.info["actor"] = SYSTEM
            recycle.purge(s, "members", [member_id])

    refused(db, attack, "录入员")


def test_an_entry_under_someone_elses_name_is_refused(office: tuple[Database, int]) -> None:
    db, _ = office
    as_user(db, CLERK)

    def attack() -> None:
        with db.session() as s, s.begin():
            s.add(AuditEntry(at=now(), username="admin", computer="", action="purge", register="persons",
                             summary="张三", details="{}"))

    refused(db, attack, "别人的名义")


# --- sessions and connections that did not come from the gate --------------------------------------------


def _orm_change(make: Callable[[], Session]) -> Callable[[], None]:
    def attack() -> None:
        with make() as s, s.begin():
            s.scalars(select(PartyOrg)).first().name = "改名"  # type: ignore[union-attr]
    return attack


def _text_change(make: Callable[[], Session]) -> Callable[[], None]:
    def attack() -> None:
        with make() as s, s.begin():
            s.execute(text("DELETE FROM audit_log"))
    return attack


@pytest.mark.parametrize("kind", ["db.sessions()", "Session(db.engine)", "sessionmaker(db.engine)"])
def test_sessions_made_without_the_gate_only_read(office: tuple[Database, int], kind: str) -> None:
    db, _ = office
    as_user(db, ADMIN)  # even with an administrator signed in
    make: Callable[[], Session] = {"db.sessions()": db.sessions, "Session(db.engine)": lambda: Session(db.engine),
                                   "sessionmaker(db.engine)": sessionmaker(db.engine)}[kind]
    refused(db, _orm_change(make), "须先用账号登录")
    refused(db, _text_change(make), "须先用账号登录")
    with make() as s:  # reading is fine
        assert s.scalar(select(PartyOrg.name).where(PartyOrg.id == 1)) == "幸福社区党委"


@pytest.mark.parametrize("statement", [
    insert(PartyOrg).values(name="新支部", kind="branch", sort_order=9),
    update(User).values(role="admin"),
    delete(AuditEntry),
    text("DELETE FROM persons"),
])
def test_core_writes_on_the_engine_are_refused(office: tuple[Database, int], statement: object) -> None:
    db, _ = office
    as_user(db, ADMIN)

    def attack() -> None:
        with db.engine.begin() as conn:
            conn.execute(statement)  # type: ignore[call-overload]

    refused(db, attack, "须先用账号登录")


def test_a_raw_driver_connection_from_the_engine_is_refused(office: tuple[Database, int]) -> None:
    db, _ = office
    for sql in ("DELETE FROM audit_log", "UPDATE users SET role = 'admin'", "INSERT INTO persons (name) VALUES ('x')",
                "DROP TABLE users", "ATTACH DATABASE ':memory:' AS other"):
        def attack(sql: str = sql) -> None:
            raw = db.engine.raw_connection()
            try:
                raw.driver_connection.execute(sql)  # type: ignore[union-attr]
            finally:
                raw.close()

        refused(db, attack, "not authorized")


def test_a_statement_prepared_for_an_administrator_is_authorised_again_for_the_next_holder(
        office: tuple[Database, int]) -> None:
    """sqlite3 keeps prepared statements; SQLite authorises only at preparing. The same UPDATE
    text an administrator's save ran must not pass on the same connection afterwards."""
    db, _ = office
    as_user(db, ADMIN)
    seen: list[tuple[int, str, tuple[object, ...]]] = []

    def note(_conn, cursor, statement, parameters, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("UPDATE party_orgs"):
            seen.append((id(cursor.connection), statement, tuple(parameters)))

    from sqlalchemy import event
    event.listen(db.engine, "before_cursor_execute", note)
    with db.session() as s, s.begin():
        s.get_one(PartyOrg, 2).name = "第一党支部（改）"
    event.remove(db.engine, "before_cursor_execute", note)
    (used, sql, parameters), = seen

    def attack() -> None:
        raw = db.engine.raw_connection()
        try:
            assert id(raw.driver_connection) == used  # the very connection, its statement cache warm
            raw.driver_connection.execute(sql, ("偷改", *parameters[1:]))  # type: ignore[union-attr]
        finally:
            raw.close()

    refused(db, attack, "not authorized")


# --- actors not proven by a sign-in ------------------------------------------------------------------------


def test_setting_db_actor_by_hand_grants_nothing(office: tuple[Database, int]) -> None:
    db, member_id = office
    with db.session() as s:
        admin_id = s.scalar(select(User.id).where(User.username == "admin"))
    for forged in (SYSTEM, Actor("admin", "admin", admin_id), replace(as_user(db, VIEWER), role="admin"),
                   replace(as_user(db, VIEWER), user_id=admin_id, username="admin")):
        db.actor = forged

        def attack() -> None:
            with db.session() as s, s.begin():
                recycle.purge(s, "members", [member_id])

        refused(db, attack)
        with db.session() as s:  # it still reads
            assert s.scalar(select(PartyMember.id)) == member_id


def test_an_actor_signed_in_on_another_database_only_reads_here(office: tuple[Database, int],
                                                                 tmp_path: Path) -> None:
    db, _ = office
    other = open_database(tmp_path / "other.sqlite3")
    with other.session() as s, s.begin():
        create_user(s, *ADMIN, "admin")
    elsewhere = sign_in(other, *ADMIN)
    other.close()
    db.actor = elsewhere
    refused(db, _orm_change(db.session), "须先用账号登录")


def test_a_role_lowered_or_an_account_disabled_counts_from_the_next_action(office: tuple[Database, int]) -> None:
    db, _ = office
    clerk = as_user(db, CLERK)
    with db.session() as s, s.begin():
        s.get_one(PartyOrg, 2).name = "第一党支部（一）"  # a clerk edits
    as_user(db, ADMIN)
    with db.session() as s, s.begin():
        set_role(s, clerk.user_id, "viewer")  # type: ignore[arg-type]
    db.actor = clerk  # the clerk's window still holds the old sign-in
    refused(db, _orm_change(db.session), "只读")
    as_user(db, ADMIN)
    with db.session() as s, s.begin():
        set_role(s, clerk.user_id, "clerk")  # type: ignore[arg-type]
        set_active(s, clerk.user_id, False)  # type: ignore[arg-type]
    db.actor = clerk
    refused(db, _orm_change(db.session), "须先用账号登录")


def test_checked_writes_ask_for_the_right_first(office: tuple[Database, int]) -> None:
    db, _ = office
    as_user(db, VIEWER)

    def attack() -> None:
        with db.session() as s, s.begin(), gate.checked_writes(s, "import"):
            s.execute(text("DELETE FROM persons"))

    refused(db, attack, "只读")


# --- what still works ----------------------------------------------------------------------------------


def test_signed_in_accounts_work_within_their_rights_and_are_logged(office: tuple[Database, int]) -> None:
    db, member_id = office
    clerk = as_user(db, CLERK)
    with db.session() as s, s.begin():
        s.get_one(PartyOrg, 2).name = "第一党支部（一）"
        change_password(s, clerk.user_id, "Luru#2026b")  # type: ignore[arg-type]
    as_user(db, ADMIN)
    with db.session() as s, s.begin():
        recycle.purge(s, "members", [member_id])
    with db.session() as s:
        logged = [(e.username, e.action, e.register) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert ("lixiao", "update", "party_orgs") in logged and ("lixiao", "password", "users") in logged
    assert ("admin", "purge", "party_members") in logged


def test_a_database_without_accounts_is_open_to_the_system(tmp_path: Path) -> None:
    """Anyone could create its first administrator, so guarding it would protect nothing."""
    db = open_database(tmp_path / "new.sqlite3")
    try:
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO office_settings (community_id, key, value) VALUES (1, 'marker', 'x')"))
        with db.session() as s, s.begin():
            seed_basics(s)
        with db.session() as s:
            assert s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党支部")) is not None
    finally:
        db.close()


def test_a_viewers_everyday_work_still_writes_what_it_must(office: tuple[Database, int], tmp_path: Path) -> None:
    """A viewer prints (a certificate takes the next number), reads a case paper masked, and its
    backups are logged: the gate lets exactly these through."""
    from db import audit
    from db.office import next_sequence

    db, _ = office
    as_user(db, VIEWER)
    with db.session() as s, s.begin():
        assert next_sequence(s, "certificate", 2026) == 1
        audit.record(s, "backup", "database", None, "手动备份：x.sqlite3")
    with db.session() as s:
        logged = [(e.username, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert logged[-2:] == [("zhao", "login"), ("zhao", "backup")]
