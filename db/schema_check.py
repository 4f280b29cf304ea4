"""Does the database have the structure the program expects? Every table, column and index.

`integrity_check` only says the pages SQLite has are consistent: a table dropped with plain
sqlite3 (`DROP TABLE service_logs`), or rebuilt without a column, passes it, and the program
then fails on its first query. So the structure is compared too, by SQLAlchemy's inspector
(the same calls on SQLite and PostgreSQL), against:

- the models' metadata (db.models) when the database is at the head revision;
- for a database at an older revision (a backup made before an upgrade, upgraded when it is
  opened), the structure Alembic's migrations build up to that revision, in a scratch
  in-memory SQLite database (built once per revision and process).

What is compared: each expected table; its columns (present, the kind of type — integer, text,
date … — and whether empty values are allowed); its primary key; its indexes (by columns);
its unique constraints and unique indexes together (a uniqueness is the same rule whichever
way it is written); its foreign keys. Additions that do not change what the program reads or
writes are allowed (a table, a view, a plain index or a column that may stay empty); additions
that refuse or change writes are not (a column that must be filled, a uniqueness, a foreign
key; on SQLite, a trigger other than the program's own, which must be there as its migrations
write them). Each difference is one Chinese line naming the table and column.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Table, create_engine, inspect, text
from sqlalchemy.engine import Inspector
from sqlalchemy.pool import StaticPool

VERSION_TABLE = "alembic_version"

_FAMILIES: tuple[tuple[type[Any], str], ...] = (  # most specific first (Boolean is no Integer; Float is a Numeric)
    (sa.Boolean, "是/否"),
    (sa.DateTime, "日期时间"),
    (sa.Date, "日期"),
    (sa.Time, "时间"),
    (sa.Integer, "整数"),
    (sa.Float, "数值"),  # SQLAlchemy 2.1: DOUBLE (the models) and DOUBLE PRECISION (PostgreSQL) are Float, not Numeric
    (sa.Numeric, "数值"),
    (sa.String, "文字"),
    (sa.LargeBinary, "二进制"),
    (sa.JSON, "JSON"),
)


def _family(type_: Any) -> str:
    for cls, name in _FAMILIES:
        if isinstance(type_, cls):
            return name
    return str(type_) or "未知类型"


@dataclass(frozen=True)
class Column:
    family: str
    nullable: bool
    has_default: bool = False


@dataclass(frozen=True)
class TableShape:
    columns: dict[str, Column]
    primary_key: tuple[str, ...]
    indexes: dict[tuple[str, ...], str]  # plain (non-unique) index columns -> name
    uniques: dict[tuple[str, ...], str]  # unique constraint or unique index columns -> name
    foreign_keys: frozenset[tuple[tuple[str, ...], str, tuple[str, ...]]]  # (columns, referred table, columns)


Schema = dict[str, TableShape]
Triggers = dict[str, tuple[str, str]]  # name → (its table, the statement that made it)


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from db.database import alembic_config

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _shape_of_table(table: Table) -> TableShape:
    """What the models declare (db.models, the head revision)."""
    indexes: dict[tuple[str, ...], str] = {}
    uniques: dict[tuple[str, ...], str] = {}
    for index in table.indexes:
        columns = tuple(c.name for c in index.columns)
        (uniques if index.unique else indexes)[columns] = str(index.name)
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            uniques[tuple(c.name for c in constraint.columns)] = str(constraint.name)
    return TableShape(
        columns={c.name: Column(_family(c.type), bool(c.nullable), c.server_default is not None)
                 for c in table.columns},
        primary_key=tuple(c.name for c in table.primary_key.columns),
        indexes=indexes,
        uniques=uniques,
        foreign_keys=frozenset((tuple(c.name for c in fk.columns), fk.referred_table.name,
                                tuple(e.column.name for e in fk.elements)) for fk in table.foreign_key_constraints),
    )


def _shape_reflected(inspector: Inspector, name: str) -> TableShape:
    """What the database has (any engine SQLAlchemy can inspect)."""
    indexes: dict[tuple[str, ...], str] = {}
    uniques: dict[tuple[str, ...], str] = {}
    for index in inspector.get_indexes(name):
        if index.get("duplicates_constraint"):  # PostgreSQL lists a unique constraint's index as well
            continue
        columns = tuple(str(c) for c in index["column_names"])
        (uniques if index["unique"] else indexes)[columns] = str(index["name"])
    for constraint in inspector.get_unique_constraints(name):
        uniques[tuple(constraint["column_names"])] = str(constraint["name"])
    return TableShape(
        columns={c["name"]: Column(_family(c["type"]), bool(c["nullable"]), c.get("default") is not None)
                 for c in inspector.get_columns(name)},
        primary_key=tuple(inspector.get_pk_constraint(name)["constrained_columns"]),
        indexes=indexes,
        uniques=uniques,
        foreign_keys=frozenset((tuple(fk["constrained_columns"]), fk["referred_table"], tuple(fk["referred_columns"]))
                               for fk in inspector.get_foreign_keys(name)),
    )


def head_schema() -> Schema:
    from db.models import Base

    return {name: _shape_of_table(table) for name, table in Base.metadata.tables.items()}


@cache
def _migrated(revision: str) -> tuple[Schema, Triggers]:
    """The structure the migrations build up to `revision`, in a scratch in-memory database,
    and the SQLite triggers they make there (name → CREATE statement)."""
    from alembic import command

    from db.database import alembic_config

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            triggers = _sqlite_triggers(conn)
        inspector = inspect(engine)
        return {name: _shape_reflected(inspector, name) for name in inspector.get_table_names()
                if name != VERSION_TABLE}, triggers
    finally:
        engine.dispose()


def _migrated_schema(revision: str) -> Schema:
    return _migrated(revision)[0]


def expected_schema(revision: str) -> Schema | None:
    """What a database at `revision` must have; None for a revision this program does not know."""
    from db.database import head_revision

    if revision == head_revision():
        return head_schema()
    if revision not in known_revisions():
        return None
    return _migrated_schema(revision)


def schema_problems(connection: Connection) -> list[str]:
    """Every difference between the database and what the program expects, one Chinese line each
    (empty when the structure is right). Engine-neutral: inspector calls and one SELECT."""
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if VERSION_TABLE not in tables:
        return [f"缺少数据表 {VERSION_TABLE}（数据库结构的版本记录）"]
    revisions = [str(r[0]) for r in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]
    if len(revisions) != 1:
        return [f"数据表 {VERSION_TABLE} 应有且只有一条版本记录，现有 {len(revisions)} 条"]
    expected = expected_schema(revisions[0])
    if expected is None:
        return [f"数据库结构的版本“{revisions[0]}”不是本软件认识的版本（可能由更新版本的社区工作台创建）"]
    problems = [f"缺少数据表 {name}" for name in expected if name not in tables]  # the worst first
    later = sorted((tables & set(head_schema())) - set(expected))
    if later:  # a version record set back by hand would make the upgrade at opening fail half-way
        problems.append(f"版本记录（{revisions[0]}）与数据表不符：数据表 {later[0]} 属于更新的版本")
    for name, want in expected.items():
        if name in tables:
            problems += table_problems(name, want, _shape_reflected(inspector, name))
    if connection.dialect.name == "sqlite":
        problems += trigger_problems(_migrated(revisions[0])[1], _sqlite_triggers(connection), tables)
    return problems


def trigger_problems(want: Triggers, have: Triggers, tables: set[str]) -> list[str]:
    """The program's own triggers (they keep counts: migration 0008) must be there as its
    migrations wrote them, unless their table is missing (named already); any other trigger
    may refuse or change writes."""
    problems = [f"缺少触发器 {name}（自动汇总的统计数将不再更新）" for name, (table, _) in want.items()
                if name not in have and table in tables]
    return problems + [f"数据库中有不属于社区工作台的触发器 {name}（可能被改动过）"
                       for name, made in have.items() if want.get(name) != made]


def _sqlite_triggers(connection: Connection) -> Triggers:
    # Triggers are not in SQLAlchemy's inspector: read from sqlite_master, with the statement that made them.
    return {str(name): (str(table), str(sql)) for name, table, sql in connection.execute(
        text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"))}


def _cols(columns: Iterable[str]) -> str:
    return "、".join(columns)


def table_problems(name: str, want: TableShape, have: TableShape) -> list[str]:
    problems: list[str] = []
    for column, expected in want.columns.items():
        found = have.columns.get(column)
        if found is None:
            problems.append(f"数据表 {name} 缺少列 {column}")
            continue
        if found.family != expected.family:
            problems.append(f"数据表 {name} 的列 {column} 类型被改动（应为{expected.family}，现为{found.family}）")
        if found.nullable and not expected.nullable:
            problems.append(f"数据表 {name} 的列 {column} 失去了“不能为空”的限制")
        elif expected.nullable and not found.nullable and column not in have.primary_key:
            problems.append(f"数据表 {name} 的列 {column} 被改为不能为空")
    for column, found in have.columns.items():
        if column not in want.columns and not found.nullable and not found.has_default:
            problems.append(f"数据表 {name} 多出必须填写的列 {column}")
    if have.primary_key != want.primary_key:
        problems.append(f"数据表 {name} 的主键被改动（应为 {_cols(want.primary_key) or '无'}，"
                        f"现为 {_cols(have.primary_key) or '无'}）")
    for columns, index in want.indexes.items():
        if columns not in have.indexes and columns not in have.uniques:
            problems.append(f"数据表 {name} 缺少索引 {index}（{_cols(columns)}）")
    for columns in want.uniques:
        if columns not in have.uniques:
            problems.append(f"数据表 {name} 缺少唯一性约束（{_cols(columns)}）")
    for columns, index in have.uniques.items():
        if columns not in want.uniques:
            problems.append(f"数据表 {name} 多出唯一性约束 {index}（{_cols(columns)}）")
    for columns, referred, _target in want.foreign_keys - have.foreign_keys:
        problems.append(f"数据表 {name} 缺少外键（{_cols(columns)} → {referred}）")
    for columns, referred, _target in have.foreign_keys - want.foreign_keys:
        problems.append(f"数据表 {name} 多出外键（{_cols(columns)} → {referred}）")
    return problems


def schema_problems_of_file(conn: sqlite3.Connection) -> list[str]:
    """schema_problems over an open sqlite3 connection (the read-only one db.health checks with);
    the connection stays open for the caller to close."""
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
    try:
        with engine.connect() as connection:
            return schema_problems(connection)
    finally:
        engine.dispose(close=False)
