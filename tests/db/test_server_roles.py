"""Issue 13, point 5: rights the PostgreSQL server enforces, whatever connects.

A database on the test server set up as an office sets it up: accounts made by the owner, then
`server init`. Each role's login then tries raw SQL straight at the server (no program in
between: psql would do the same) and the program's own paths (sign in, save).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

from db import audit, server_roles
from db.accounts import LoginFailed, sign_in
from db.audit_chain import GENESIS, entry_hash
from db.database import DatabaseOpenError, head_revision, open_database
from db.members import MemberInput, save_member
from db.models import AuditEntry, PartyMember, User
from db.people import PersonFields
from db.permissions import PermissionDenied
from tests.db.test_audit import new_member
from tests.db.test_members import make_id
from tests.seed import CLERK, VIEWER, seed_office_accounts

pytestmark = pytest.mark.server_only


@dataclass
class Office:
    owner: URL
    setup: server_roles.Setup

    def login(self, kind: str) -> URL:
        return self.owner.set(username=server_roles.login_name(self.setup.database, kind), password=None)

    def engine(self, kind: str) -> Engine:
        return create_engine(self.login(kind), poolclass=NullPool)


@pytest.fixture(scope="module")
def office(server_database: str) -> Iterator[Office]:
    owner = make_url(server_database)
    db = open_database(server_database)
    seed_office_accounts(db)
    db.close()
    setup = server_roles.init(server_database)
    yield Office(owner, setup)
    admin = create_engine(owner, poolclass=NullPool)
    with admin.begin() as conn:
        server_roles.drop_roles(conn, setup.database, ["cd_extra_pc"])
    admin.dispose()


def other_member() -> MemberInput:
    return MemberInput(PersonFields("李四", id_number=make_id("19900101", "232"), phone="13800002222"), org_id=2,
                       admitted_on="2015-07-01", full_on="2016-07-01")


def refused(engine: Engine, statement: str) -> str:
    """The server's refusal of `statement` (nothing is written either way)."""
    with engine.connect() as conn:
        with pytest.raises(ProgrammingError) as caught:
            conn.execute(text(statement))
        conn.rollback()
    return str(caught.value.orig)


def count(office: Office, table: str) -> int:
    engine = create_engine(office.owner, poolclass=NullPool)
    with engine.connect() as conn:
        found = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return int(found)


def test_roles_and_logins_are_made_once(office: Office) -> None:
    name = office.setup.database
    assert office.setup.groups == {"admin": f"{name}_admin", "clerk": f"{name}_clerk", "viewer": f"{name}_viewer"}
    assert set(office.setup.logins) == {f"{name}_{k}_login" for k in ("admin", "clerk", "viewer")}
    assert len(office.setup.created) == 6
    again = server_roles.init(office.owner)
    assert again.created == [] and again.groups == office.setup.groups
    engine = create_engine(office.owner, poolclass=NullPool)
    with engine.connect() as conn:
        roles = {r[0]: r[1:] for r in conn.execute(text(
            "SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname LIKE :n"),
            {"n": f"{name}\\_%"})}
        owners = conn.execute(text("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                                   "WHERE r.rolname LIKE :n"), {"n": f"{name}\\_%"}).scalar_one()
    engine.dispose()
    assert {n for n, (can_login, *_) in roles.items() if not can_login} == set(office.setup.groups.values())
    assert not any(any(flags[1:]) for flags in roles.values())  # no superuser, createrole, createdb
    assert owners == 0  # no application role owns a table, a sequence or an index


def test_each_login_is_its_role(office: Office) -> None:
    for kind in ("admin", "clerk", "viewer"):
        engine = office.engine(kind)
        with engine.connect() as conn:
            assert server_roles.connected_role(conn) == kind
            assert not server_roles.may_migrate(conn)
        engine.dispose()
    owner = create_engine(office.owner, poolclass=NullPool)
    with owner.connect() as conn:
        assert server_roles.connected_role(conn) is None and server_roles.may_migrate(conn)
    owner.dispose()


def test_a_viewer_writes_nothing_at_the_server(office: Office) -> None:
    before = count(office, "audit_log"), count(office, "persons")
    viewer = office.engine("viewer")
    assert "permission denied for table audit_log" in refused(viewer, "DELETE FROM audit_log")
    assert "permission denied for table audit_log" in refused(viewer, "UPDATE audit_log SET summary = 'x'")
    assert "permission denied for table persons" in refused(
        viewer, "INSERT INTO persons (name, gender, ethnicity) VALUES ('假人', '男', '汉族')")
    assert "permission denied" in refused(viewer, "UPDATE party_members SET deleted_at = now()")
    assert "permission denied" in refused(viewer, "UPDATE users SET role = 'admin'")
    assert "permission denied" in refused(viewer, "CREATE TABLE mine (id int)")
    viewer.dispose()
    assert (count(office, "audit_log"), count(office, "persons")) == before


def test_no_role_changes_or_deletes_the_log(office: Office) -> None:
    for kind in ("clerk", "admin"):
        engine = office.engine(kind)
        assert "permission denied for table audit_log" in refused(engine, "UPDATE audit_log SET summary = 'x'")
        assert "permission denied for table audit_log" in refused(engine, "DELETE FROM audit_log")
        assert "permission denied" in refused(engine, "TRUNCATE audit_log")
        assert "must be owner" in refused(engine, "DROP TABLE audit_log")
        engine.dispose()


def test_only_the_admin_role_adds_accounts(office: Office) -> None:
    insert = ("INSERT INTO users (username, display_name, role, password_hash, active, failed_attempts, created_at) "
              "VALUES ('hacker', '', 'admin', 'x', true, 0, now())")
    for kind in ("clerk", "viewer"):
        engine = office.engine(kind)
        assert "permission denied for table users" in refused(engine, insert)
        engine.dispose()
    admin = office.engine("admin")
    with admin.connect() as conn:
        conn.execute(text(insert))
        conn.rollback()  # it would have been written
    admin.dispose()


def test_a_clerk_saves_through_the_program(office: Office) -> None:
    db = open_database(office.login("clerk"))
    try:
        db.actor = sign_in(db, *CLERK)
        with db.session() as s, s.begin():
            member_id = save_member(s, new_member()).id
        with db.session() as s:
            assert s.get(PartyMember, member_id) is not None
            last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
            assert last is not None and last.username == CLERK[0] and last.action == "create"
    finally:
        db.close()


def test_a_viewer_signs_in_and_is_refused_by_the_program(office: Office) -> None:
    db = open_database(office.login("viewer"))
    try:
        with pytest.raises(LoginFailed):
            sign_in(db, VIEWER[0], "wrong-password")
        with db.session() as s:
            user = s.scalars(select(User).where(User.username == VIEWER[0])).one()
            assert user.failed_attempts == 1  # the sign-in's own columns: written as the viewer
        db.actor = sign_in(db, *VIEWER)
        with db.session() as s:
            assert s.scalars(select(User).where(User.username == VIEWER[0])).one().failed_attempts == 0
        with pytest.raises(PermissionDenied), db.session() as s, s.begin():
            save_member(s, other_member())
    finally:
        db.close()


def test_an_application_role_does_not_migrate(office: Office) -> None:
    from alembic.script import ScriptDirectory

    from db.database import alembic_config

    previous = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision()).down_revision
    owner = create_engine(office.owner, poolclass=NullPool)
    with owner.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": previous})
    try:
        with pytest.raises(DatabaseOpenError) as said:
            open_database(office.login("clerk"))
        assert "server init" in str(said.value) and server_roles.login_name(office.setup.database, "clerk") in str(
            said.value)
        assert str(said.value).count("。") == 1
    finally:
        with owner.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()})
        owner.dispose()


def test_tables_added_later_get_their_rights(office: Office) -> None:
    owner = create_engine(office.owner, poolclass=NullPool)
    with owner.begin() as conn:
        conn.execute(text("CREATE TABLE later_register (id serial PRIMARY KEY, note text)"))
    try:
        clerk = office.engine("clerk")
        assert "permission denied" in refused(clerk, "INSERT INTO later_register (note) VALUES ('x')")
        setup = server_roles.init(office.owner, {"cd_extra_pc": "clerk"})  # after an upgrade, as the README says
        assert setup.logins["cd_extra_pc"] == "clerk"
        with clerk.begin() as conn:  # the table, and its id sequence
            conn.execute(text("INSERT INTO later_register (note) VALUES ('x')"))
        clerk.dispose()
        viewer = office.engine("viewer")
        assert "permission denied" in refused(viewer, "INSERT INTO later_register (note) VALUES ('y')")
        viewer.dispose()
        extra = create_engine(office.owner.set(username="cd_extra_pc"), poolclass=NullPool)
        with extra.connect() as conn:
            assert server_roles.connected_role(conn) == "clerk"
        extra.dispose()
    finally:
        with owner.begin() as conn:
            conn.execute(text("DROP TABLE later_register"))
        owner.dispose()


def test_a_role_someone_else_made_is_not_taken_over(office: Office) -> None:
    owner = create_engine(office.owner, poolclass=NullPool)
    with owner.begin() as conn:
        conn.execute(text("CREATE ROLE cd_someones_role LOGIN"))
    try:
        with pytest.raises(server_roles.ServerRolesError, match="不是社区工作台建立的"):
            server_roles.init(office.owner, {"cd_someones_role": "viewer"})
        with owner.connect() as conn:  # nothing was granted to it
            member = conn.execute(text("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                                       "WHERE r.rolname = 'cd_someones_role'")).scalar_one()
        assert member == 0
    finally:
        with owner.begin() as conn:
            conn.execute(text("DROP ROLE cd_someones_role"))
        owner.dispose()


def test_a_login_password_is_set_hashed(office: Office) -> None:
    login = server_roles.login_name(office.setup.database, "viewer")
    server_roles.set_password(office.owner, login, "Chakan#2026-server")
    owner = create_engine(office.owner, poolclass=NullPool)
    with owner.connect() as conn:
        stored = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": login}).scalar_one()
    owner.dispose()
    assert stored.startswith("SCRAM-SHA-256$") and "Chakan" not in stored
    with pytest.raises(server_roles.ServerRolesError, match="不是数据库"):
        server_roles.set_password(office.owner, "postgres", "Whatever#2026")


def test_two_writers_keep_the_log_one_chain(office: Office) -> None:
    """Two PCs writing at once, as clerks (INSERT-only on the log): every entry chains onto the one
    before it. Without the chain's lock both would read the same last entry."""
    databases = [open_database(office.login("clerk")) for _ in range(2)]
    for db in databases:
        db.actor = sign_in(db, *CLERK)
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def write(db, n: int) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait()
            for i in range(40):
                with db.session() as s, s.begin():
                    audit.record(s, "export", "party_members", None, f"写入者{n} 第{i}次")
        except BaseException as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(db, n)) for n, db in enumerate(databases)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for db in databases:
        db.close()
    assert failures == []
    owner = open_database(office.owner)
    try:
        with owner.session() as s:
            entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
            assert s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.summary.like("写入者%"))) == 80
    finally:
        owner.close()
    running = GENESIS
    for entry in entries:
        values = {c: getattr(entry, c) for c in ("at", "username", "computer", "action", "register", "record_id",
                                                  "summary", "details")}
        assert entry.prev_hash == running, f"entry {entry.id} does not follow the one before it"
        assert entry.entry_hash == entry_hash(values, running)
        running = entry.entry_hash
