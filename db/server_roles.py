"""Rights the PostgreSQL server itself enforces: three group roles per database, and their logins.

On a SQLite file db.gate's authorizer keeps each connection to its role's tables. On a server
the program connects as a login role, and the server's GRANTs do that job, for the program and
for anything else that connects with the same name (psql, a spreadsheet's ODBC link):

    <db>_admin   管理员  everything the clerk has, and the accounts (users) in full
    <db>_clerk   录入员  reads everything; inserts, updates and deletes the registers
    <db>_viewer  只读    reads everything; writes only what signing in and printing write

Which table a role may change is not listed here: it is db.gate.may_change, the rule the SQLite
authorizer applies, read for every table the schema has now (so tables a later migration adds
get their rights when `server init` runs again, or when the owner's connection upgrades the
schema: db.database). Special cases come from there too: audit_log is INSERT-only for every role
(no UPDATE, no DELETE, for the administrator too), users is the administrators' but for the
columns a sign-in and a password change write (failed attempts, lock, last login, password
hash), alembic_version is read-only. Sequences: SELECT for all (a backup reads them), USAGE where
the role may insert into the table that owns them.

The group roles cannot log in and own nothing; the login roles (`<db>_<role>_login` by default,
more with `logins=`) are members of one group each and hold no rights of their own. Migrations run
only as the database's owner: a connection as an application role finds the schema behind and is
told to ask the administrator (`may_migrate`). All of it runs in one transaction, idempotently: a
second run changes nothing, a changed rights table is applied afresh (REVOKE, then GRANT).

What the server cannot know is which office account signed in: a clerk's login with an
administrator's account still has only the clerk's rights at the server (the stricter of the two
applies). The sign-in columns of users are writable by every role, as the sign-in needs them; the
application checks whose row it is (db.audit), the server only that no role column is touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from db import location
from db.gate import may_change
from db.vocab import ROLES

KINDS = ("admin", "clerk", "viewer")  # highest first
CHANGES = ("INSERT", "UPDATE", "DELETE")
MARK = "Community Desk role"  # the comment on every role made here: roles of others are never taken over
NAME_BYTES = 63  # PostgreSQL's limit for a role name
INIT_LOCK = 0x43445F52  # advisory lock: two `server init` at once wait for each other


class ServerRolesError(Exception):
    """str() is one Chinese sentence for the administrator."""


@dataclass
class Setup:
    """What `init` did: the group role of each application role, the login roles and their group."""

    database: str
    groups: dict[str, str]
    logins: dict[str, str]  # login role → application role
    created: list[str] = field(default_factory=list)
    tables: int = 0


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _prefix(database: str) -> str:
    """The database's name, shortened (with a hash, so that two long names stay apart) where the
    longest role name made from it would pass PostgreSQL's 63 bytes."""
    room = NAME_BYTES - len("_viewer_login")
    if len(database.encode()) <= room:
        return database
    digest = hashlib.sha1(database.encode()).hexdigest()[:8]
    cut = database.encode()[: room - 9].decode(errors="ignore")
    return f"{cut}_{digest}"


def group_name(database: str, role: str) -> str:
    return f"{_prefix(database)}_{role}"


def login_name(database: str, role: str) -> str:
    return f"{group_name(database, role)}_login"


def groups_of(database: str) -> dict[str, str]:
    return {kind: group_name(database, kind) for kind in KINDS}


# --- what a connection may do -------------------------------------------------------------------------


def connected_role(conn: Connection) -> str | None:
    """The application role the server grants this connection ("admin", "clerk", "viewer"; the
    highest where it is a member of several), or None: the owner, a superuser, or a database
    without these roles."""
    database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
    names = groups_of(str(database))
    found = conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) "
                              "AND pg_has_role(current_user, oid, 'MEMBER')"),
                         {"names": list(names.values())}).scalars().all()
    if _is_superuser(conn):
        return None
    return next((kind for kind in KINDS if names[kind] in found), None)


def _is_superuser(conn: Connection) -> bool:
    return bool(conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar())


def may_migrate(conn: Connection) -> bool:
    """Whether this connection may change the schema: a superuser, or a role that may create in the
    schema and owns the tables (the database's owner, who ran `server init`)."""
    if _is_superuser(conn):
        return True
    row = conn.exec_driver_sql(
        "SELECT has_schema_privilege(current_schema(), 'CREATE'), "
        "coalesce((SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
        "          WHERE oid = to_regclass('alembic_version')), true)").one()
    return bool(row[0]) and bool(row[1])


def behind_message(shown: str, user: str | None) -> str:
    return (f"服务器上的数据库“{shown}”需要升级到本版本的结构，而登录名“{user or '?'}”无权升级："
            "请管理员用数据库所有者的账号运行 python main.py server init --db 所有者的地址。")


# --- setting up ---------------------------------------------------------------------------------------


def init(where: str | URL, logins: Mapping[str, str] | None = None) -> Setup:
    """Bring the database at `where` (the URL of its owner, or of a superuser) to the current
    schema, make (or keep) its three group roles and their login roles, and GRANT their rights.
    `logins` adds login roles: name → application role. Raises ServerRolesError."""
    from db.database import DatabaseOpenError, open_database

    url = where if isinstance(where, URL) else location.parse(where)
    if not isinstance(url, URL):
        raise ServerRolesError("server init 只用于 PostgreSQL 服务器上的数据库（--db postgresql+psycopg://…）。")
    for name, role in (logins or {}).items():
        if role not in KINDS:
            raise ServerRolesError(f"登录名“{name}”的角色“{role}”不对：应为 admin、clerk 或 viewer。")
        if not name or len(name.encode()) > NAME_BYTES:
            raise ServerRolesError(f"登录名“{name}”太长或为空（最多 {NAME_BYTES} 个字节）。")
    try:
        open_database(url).close()  # the schema at head, as the owner: the roles never migrate
    except DatabaseOpenError as exc:
        raise ServerRolesError(str(exc)) from exc
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            if not may_migrate(conn):
                raise ServerRolesError(f"登录名“{url.username}”不是数据库“{url.database}”的所有者：server init "
                                       "须用数据库所有者（或超级用户 postgres）的地址运行。")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({INIT_LOCK})")
            return _init(conn, logins or {})
    except DBAPIError as exc:
        raise ServerRolesError(_explain(exc)) from exc
    finally:
        engine.dispose()


def _explain(exc: DBAPIError) -> str:
    said = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    if "create role" in said.lower() or "createrole" in said.lower():
        return ("当前登录名无权创建角色：请用超级用户 postgres 的地址运行 server init，"
                "或先执行 ALTER ROLE 所有者 CREATEROLE。")
    if "must be owner" in said or "permission denied" in said:
        return f"当前登录名无权设置这些权限（{said}）：请用数据库所有者或超级用户 postgres 的地址运行。"
    return f"设置服务器权限失败：{said}"


def _init(conn: Connection, logins: Mapping[str, str]) -> Setup:
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
    groups = groups_of(database)
    wanted_logins = {login_name(database, kind): kind for kind in KINDS} | dict(logins)
    clash = set(wanted_logins) & set(groups.values())
    if clash:
        raise ServerRolesError(f"登录名“{sorted(clash)[0]}”与角色组同名，请换一个。")
    setup = Setup(database, groups, wanted_logins)
    for kind, group in groups.items():
        if _ensure_role(conn, group, login=False, comment=f"{MARK}: {database} {kind} ({ROLES.label(kind)})"):
            setup.created.append(group)
    for name, kind in wanted_logins.items():
        if _ensure_role(conn, name, login=True, comment=f"{MARK}: {database} login ({ROLES.label(kind)})"):
            setup.created.append(name)
        for other_kind, group in groups.items():  # one group only: a login moved to another role leaves the old
            verb = "GRANT" if other_kind == kind else "REVOKE"
            conn.exec_driver_sql(f"{verb} {_quote(group)} {'TO' if verb == 'GRANT' else 'FROM'} {_quote(name)}")
    _check_owns_nothing(conn, [*groups.values(), *wanted_logins])
    db = _quote(database)
    conn.exec_driver_sql(f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC")
    conn.exec_driver_sql("REVOKE CREATE ON SCHEMA " + _quote(_schema(conn)) + " FROM PUBLIC")
    for group in groups.values():
        conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {db} TO {_quote(group)}")
    setup.tables = apply_grants(conn)
    return setup


def _schema(conn: Connection) -> str:
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    if not schema:
        raise ServerRolesError("找不到数据库的模式（schema）：search_path 为空。")
    return str(schema)


def _ensure_role(conn: Connection, name: str, *, login: bool, comment: str) -> bool:
    """Make the role, or keep the one an earlier run made (its comment says so); True when made.
    A role of the same name someone else made is never taken over."""
    row = conn.execute(text("SELECT rolsuper, shobj_description(oid, 'pg_authid') FROM pg_roles "
                            "WHERE rolname = :name"), {"name": name}).first()
    options = ("LOGIN" if login else "NOLOGIN") + " NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    if row is None:
        conn.exec_driver_sql(f"CREATE ROLE {_quote(name)} {options}")
        made = True
    elif not str(row[1] or "").startswith(MARK) or row[0]:
        raise ServerRolesError(f"服务器上已有名为“{name}”的角色，但不是社区工作台建立的：请换一个数据库名或登录名，"
                               "或由管理员先处理这个角色。")
    else:
        conn.exec_driver_sql(f"ALTER ROLE {_quote(name)} {options}")
        made = False
    conn.exec_driver_sql(f"COMMENT ON ROLE {_quote(name)} IS {_literal(comment)}")
    return made


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _check_owns_nothing(conn: Connection, roles: Iterable[str]) -> None:
    owned = conn.execute(text("SELECT c.relname, r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                              "WHERE r.rolname = ANY(:roles) LIMIT 1"), {"roles": list(roles)}).first()
    if owned is not None:
        raise ServerRolesError(f"数据表“{owned[0]}”属于应用角色“{owned[1]}”：应用角色不能拥有数据表，"
                               "请把它交还数据库所有者（ALTER TABLE … OWNER TO 所有者）后再运行。")


def installed(conn: Connection) -> bool:
    """Whether `server init` has made this database's group roles."""
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
    found = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
                         {"names": list(groups_of(database).values())}).scalar_one()
    return bool(found)


def apply_grants(conn: Connection) -> int:
    """REVOKE, then GRANT each group role its rights on every table and sequence of the schema, as
    db.gate.may_change has them. Returns how many tables there are."""
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
    groups = groups_of(database)
    schema = _quote(_schema(conn))
    tables = conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                                  "ORDER BY tablename").scalars().all()
    columns: dict[str, list[str]] = {}
    for table, column in conn.exec_driver_sql("SELECT table_name, column_name FROM information_schema.columns "
                                              "WHERE table_schema = current_schema() ORDER BY ordinal_position"):
        columns.setdefault(str(table), []).append(str(column))
    sequences = conn.exec_driver_sql(
        "SELECT s.relname, t.relname FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
        "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
        "     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "LEFT JOIN pg_class t ON t.oid = d.refobjid "
        "WHERE s.relkind = 'S' AND n.nspname = current_schema() ORDER BY s.relname").all()
    for kind, group in groups.items():
        role = _quote(group)
        conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}")
        conn.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        for table in tables:
            name = f"{schema}.{_quote(table)}"
            rights = ["SELECT", *(change for change in CHANGES if may_change(kind, table, change))]
            conn.exec_driver_sql(f"GRANT {', '.join(rights)} ON {name} TO {role}")
            if "UPDATE" not in rights:  # the sign-in's columns of users
                some = [c for c in columns.get(table, []) if may_change(kind, table, "UPDATE", c)]
                if some:
                    conn.exec_driver_sql(f"GRANT UPDATE ({', '.join(map(_quote, some))}) ON {name} TO {role}")
        for sequence, table in sequences:
            uses = "SELECT, USAGE" if may_change(kind, table or "", "INSERT") else "SELECT"  # not a table's: edit
            conn.exec_driver_sql(f"GRANT {uses} ON SEQUENCE {schema}.{_quote(sequence)} TO {role}")
    return len(tables)


def refresh_grants(engine: Engine) -> None:
    """After the owner's connection upgraded the schema: the new tables get the roles' rights
    (nothing to do where `server init` never ran)."""
    from db.gate import internal_connection

    with internal_connection(engine) as conn:
        if installed(conn):
            apply_grants(conn)


# --- passwords ----------------------------------------------------------------------------------------


def set_password(where: str | URL, login: str, password: str) -> None:
    """Set a login role's password (one of this database's, made by `init`). The password is
    hashed here (SCRAM-SHA-256, by libpq): the server, and its log, see only the hash."""
    url = where if isinstance(where, URL) else location.parse(where)
    if not isinstance(url, URL):
        raise ServerRolesError("只有服务器上的数据库有登录名（--db postgresql+psycopg://…）。")
    if len(password) < 8:
        raise ServerRolesError("登录密码至少 8 位。")
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
            ours = conn.execute(text(
                "SELECT 1 FROM pg_roles r WHERE r.rolname = :name AND r.rolcanlogin "
                "AND shobj_description(r.oid, 'pg_authid') LIKE :mark "
                "AND EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "            WHERE m.member = r.oid AND g.rolname = ANY(:groups))"),
                {"name": login, "mark": f"{MARK}: %", "groups": list(groups_of(database).values())}).first()
            if ours is None:
                raise ServerRolesError(f"“{login}”不是数据库“{database}”的登录名（由 server init 建立的）。")
            raw = conn.connection.dbapi_connection
            hashed = raw.pgconn.encrypt_password(password.encode(), login.encode())  # type: ignore[union-attr]
            conn.exec_driver_sql(f"ALTER ROLE {_quote(login)} PASSWORD {_literal(hashed.decode())}")
    except DBAPIError as exc:
        raise ServerRolesError(_explain(exc)) from exc
    finally:
        engine.dispose()


def drop_roles(conn: Connection, database: str, logins: Iterable[str] = ()) -> None:
    """Remove a database's roles (tests; an administrator retiring a database): the rights they
    hold in this database go first, then the roles. Only roles this module made."""
    names = [*(login_name(database, kind) for kind in KINDS), *logins, *groups_of(database).values()]
    for name in names:
        row = conn.execute(text("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :n"),
                           {"n": name}).first()
        if row is None or not str(row[0] or "").startswith(MARK):
            continue
        conn.exec_driver_sql(f"DROP OWNED BY {_quote(name)}")
        conn.exec_driver_sql(f"DROP ROLE {_quote(name)}")
