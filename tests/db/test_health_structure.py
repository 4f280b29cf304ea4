"""The structural check: a table, column, index or uniqueness removed or changed with plain sqlite3
passes SQLite's integrity_check, but db.health calls it damage and names it; backup and restore
refuse such a file. Each attack is made on a real migrated database file, with sqlite3 only."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from db.backup import BackupError, backup_database, list_backups, restore_database
from db.database import Database, make_engine, migrate
from db.health import check_file
from db.schema_check import expected_schema, head_schema, schema_problems
from tests.db.test_backup import add_member

T0 = datetime(2026, 12, 1, 9, 0, 0)


Step = str | Callable[[sqlite3.Connection], None]


def tamper(path: Path, *steps: Step) -> None:
    """What anyone with the file and the sqlite3 tool can do (foreign keys off, as sqlite3 starts)."""
    with closing(sqlite3.connect(path)) as conn:
        for step in steps:
            if isinstance(step, str):
                conn.execute(step)
            else:
                step(conn)
        conn.commit()


def rebuilt(table: str, old: str, new: str, copy: str = "*") -> Callable[[sqlite3.Connection], None]:
    """The table made again by hand from its own CREATE TABLE with `old` replaced by `new`, its rows
    copied: how a column or constraint is changed in SQLite."""
    def run(conn: sqlite3.Connection) -> None:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
        assert old in sql
        made = sql.replace(old, new).replace(f'CREATE TABLE "{table}"', f"CREATE TABLE {table}", 1)  # rebuilt by
        conn.execute(made.replace(f"CREATE TABLE {table}", f"CREATE TABLE new_{table}", 1))  # a migration: quoted
        conn.execute(f"INSERT INTO new_{table} SELECT {copy} FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE new_{table} RENAME TO {table}")
    return run


ATTACKS: dict[str, tuple[tuple[Step, ...], str]] = {
    "drop-table": (("DROP TABLE service_logs",), "缺少数据表 service_logs"),
    "drop-audit-log": (("DROP TABLE audit_log",), "缺少数据表 audit_log"),
    "drop-column": (("ALTER TABLE point_rules DROP COLUMN max_points",), "数据表 point_rules 缺少列 max_points"),
    "rename-column": (("ALTER TABLE persons RENAME COLUMN phone TO phone_old",), "数据表 persons 缺少列 phone"),
    "drop-index": (("DROP INDEX ix_party_members_category",),
                   "数据表 party_members 缺少索引 ix_party_members_category"),
    "type-changed": ((rebuilt("office_settings", "value TEXT", "value INTEGER"),),
                     "数据表 office_settings 的列 value 类型被改动（应为文字，现为整数）"),
    "not-null-dropped": ((rebuilt("office_settings", "value TEXT NOT NULL", "value TEXT"),),
                         "数据表 office_settings 的列 value 失去了“不能为空”的限制"),
    "primary-key-dropped": ((rebuilt("office_settings",
                                     ", \n\tCONSTRAINT pk_office_settings PRIMARY KEY (community_id, \"key\")", ""),),
                            "数据表 office_settings 的主键被改动"),
    "uniqueness-dropped": ((rebuilt("users", ", \n\tCONSTRAINT uq_users_username UNIQUE (username)", ""),),
                           "数据表 users 缺少唯一性约束（username）"),
    "foreign-key-dropped": (("PRAGMA legacy_alter_table = ON",  # the rename minds not attendance's triggers
                             rebuilt("party_members", ", \n\tCONSTRAINT fk_party_members_org_id_party_orgs "
                                     "FOREIGN KEY(org_id) REFERENCES party_orgs (id)", ""),
                             "CREATE INDEX ix_party_members_category ON party_members (category)",
                             "CREATE INDEX ix_party_members_community_id ON party_members (community_id)",
                             "CREATE INDEX ix_party_members_deleted_at ON party_members (deleted_at)",
                             "CREATE INDEX ix_party_members_list ON party_members "
                             "(status, deleted_at, name_sort, search_text)",
                             "CREATE INDEX ix_party_members_member_type ON party_members (member_type)",
                             "CREATE INDEX ix_party_members_org_id ON party_members (org_id)"),
                            "数据表 party_members 缺少外键（org_id → party_orgs）"),
    "unique-index-added": (("CREATE UNIQUE INDEX ux_grids_name ON grids (name)",),
                           "数据表 grids 多出唯一性约束 ux_grids_name（name）"),
    "required-column-added": ((rebuilt("office_settings", "value TEXT NOT NULL,",
                                       "value TEXT NOT NULL, extra TEXT NOT NULL,",
                                       "\"key\", value, 'x', community_id"),),
                              "数据表 office_settings 多出必须填写的列 extra"),
    "trigger": (("CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log; END",),
                "数据库中有不属于社区工作台的触发器 wipe"),
    "own-trigger-dropped": (("DROP TRIGGER tr_attendance_added",), "缺少触发器 tr_attendance_added"),
    "own-trigger-changed": (("DROP TRIGGER tr_meeting_changed",
                             "CREATE TRIGGER tr_meeting_changed AFTER UPDATE ON meetings "
                             "BEGIN DELETE FROM audit_log; END"),
                            "数据库中有不属于社区工作台的触发器 tr_meeting_changed"),
    "version-emptied": (("DELETE FROM alembic_version",), "应有且只有一条版本记录"),
    "version-dropped": (("DROP TABLE alembic_version",), "缺少数据表 alembic_version"),
    "version-set-back": (("UPDATE alembic_version SET version_num = '0002_accounts'", "DROP TABLE meetings"),
                         "版本记录（0002_accounts）与数据表不符"),
}


@pytest.mark.sqlite_only  # the file changed with plain sqlite3, checked as a file
@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("full", [False, True], ids=["quick", "full"])
def test_a_structure_changed_by_hand_is_damage_named_in_one_line(db: Database, attack: str, full: bool) -> None:
    add_member(db, "张三", "131")
    db.close()
    assert check_file(db.path, full=full).ok
    statements, named = ATTACKS[attack]
    tamper(db.path, *statements)
    with closing(sqlite3.connect(db.path)) as conn:  # SQLite itself sees nothing wrong
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    health = check_file(db.path, full=full)
    assert not health.ok and "已损坏" in health.message and "\n" not in health.message
    assert named in health.message, health.message


@pytest.mark.sqlite_only  # the file changed with plain sqlite3, checked as a file
def test_every_difference_is_listed_not_only_the_first(db: Database) -> None:
    db.close()
    # The table last: with it gone, SQLite refuses any ALTER TABLE while a trigger on another
    # table (service_activities', migration 0009) still names it.
    tamper(db.path, "ALTER TABLE point_rules DROP COLUMN max_points", "DROP INDEX ix_party_members_category",
           "DROP TABLE service_logs")
    health = check_file(db.path, full=True)
    assert health.message == ("数据库“community.sqlite3”已损坏：缺少数据表 service_logs"
                              "（另有 2 处与程序要求的结构不符）。")
    assert "数据表 point_rules 缺少列 max_points" in health.problems
    assert any(p.startswith("数据表 party_members 缺少索引 ix_party_members_category") for p in health.problems)


@pytest.mark.sqlite_only  # the file changed with plain sqlite3, checked as a file
@pytest.mark.parametrize("statement", [
    "CREATE TABLE my_report (name TEXT)",
    "CREATE VIEW my_view AS SELECT id FROM persons",
    "CREATE INDEX ix_my_lookup ON persons (phone)",
    "ALTER TABLE persons ADD COLUMN my_note TEXT",
    "ALTER TABLE persons ADD COLUMN my_flag INTEGER NOT NULL DEFAULT 0",
], ids=["table", "view", "plain-index", "nullable-column", "column-with-default"])
def test_additions_that_change_no_read_or_write_are_not_damage(db: Database, statement: str) -> None:
    """Someone's own report table or index must not make the office restore a backup over a good file."""
    db.close()
    tamper(db.path, statement)
    assert check_file(db.path, full=True).ok


def test_a_fresh_database_matches_the_models_through_the_engine_neutral_check(db: Database) -> None:
    """schema_problems only asks SQLAlchemy's inspector (and one SELECT), as it would on PostgreSQL;
    the migrations build exactly what the models declare."""
    with db.engine.connect() as conn:
        assert schema_problems(conn) == []
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE service_logs"))
    with db.engine.connect() as conn:
        assert schema_problems(conn) == ["缺少数据表 service_logs"]


def test_the_head_migration_and_the_models_agree_table_by_table(tmp_path: Path) -> None:
    from db.database import head_revision
    from db.schema_check import _migrated_schema

    migrated, models = _migrated_schema(head_revision()), head_schema()
    assert set(migrated) == set(models)
    for name, shape in models.items():
        assert migrated[name].columns.keys() == shape.columns.keys(), name
        assert {k: (c.family, c.nullable) for k, c in migrated[name].columns.items()} == \
               {k: (c.family, c.nullable) for k, c in shape.columns.items()}, name
        assert (migrated[name].primary_key, set(migrated[name].indexes), set(migrated[name].uniques),
                migrated[name].foreign_keys) == \
               (shape.primary_key, set(shape.indexes), set(shape.uniques), shape.foreign_keys), name


def migrated_to(path: Path, revision: str) -> Path:
    engine = make_engine(path)
    migrate(engine, revision)
    engine.dispose()
    return path


def test_an_older_revision_is_compared_with_what_its_migrations_made(tmp_path: Path) -> None:
    """A backup from before an upgrade is healthy (it is upgraded when opened), but only whole."""
    old = migrated_to(tmp_path / "old-20261101-090000.sqlite3", "0003_party_life")
    assert "meetings" in (expected_schema("0003_party_life") or {}) and "meetings" not in \
        (expected_schema("0002_accounts") or {"meetings": None})
    assert check_file(old, full=True).ok
    tamper(old, "DROP TABLE meetings")
    health = check_file(old, full=True)
    assert not health.ok and "缺少数据表 meetings" in health.message


@pytest.mark.sqlite_only  # the file changed with plain sqlite3, checked as a file
def test_backup_never_calls_a_structurally_damaged_file_verified(db: Database, tmp_path: Path) -> None:
    add_member(db, "张三", "131")
    db.close()
    tamper(db.path, "DROP TABLE service_logs")
    folder = tmp_path / "backups"
    with pytest.raises(BackupError, match="备份未通过校验，未保存：.*缺少数据表 service_logs"):
        backup_database(db.path, folder, at=T0)
    assert list_backups(folder) == [] and list(folder.iterdir()) == []
    assert not list(tmp_path.glob("community-desk-backup-*"))


@pytest.mark.sqlite_only  # the file changed with plain sqlite3, checked as a file
def test_restore_refuses_a_backup_without_a_table(db: Database, tmp_path: Path) -> None:
    add_member(db, "张三", "131")
    folder = tmp_path / "backups"
    backup = backup_database(db.path, folder, at=T0).path
    db.close()
    tamper(backup, "DROP TABLE service_logs")
    before = db.path.read_bytes()
    with pytest.raises(BackupError, match="不能用这个备份恢复：.*缺少数据表 service_logs"):
        restore_database(db.path, backup, folder)
    assert db.path.read_bytes() == before and check_file(db.path, full=True).ok


def test_a_check_answer_of_several_lines_becomes_one() -> None:
    """SQLite's integrity_check may answer "*** in database main ***" and page lines in one row (CI
    saw it on a file cut in its middle); the message the command line prints stays one line."""
    from db.health import _problem_lines

    answer = "*** in database main ***\nPage 318: btreeInitPage() returns error code 11\nPage 317: x"
    assert _problem_lines(answer) == ["Page 318: btreeInitPage() returns error code 11", "Page 317: x"]
    assert _problem_lines("*** in database main ***\n") == ["*** in database main ***"]
