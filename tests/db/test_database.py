"""Opening databases: pragmas, upgrades with a copy aside, and refusals with clear messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from db.database import (
    HEAD_REVISION,
    DatabaseOpenError,
    alembic_config,
    copy_aside,
    head_revision,
    migrate,
    open_database,
)


def test_new_database_is_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    db.close()


def test_the_head_the_program_opens_without_alembic_is_the_newest_migration() -> None:
    """HEAD_REVISION lets a database already at the newest schema open without loading alembic;
    a migration added without moving it would leave databases unmigrated."""
    assert HEAD_REVISION == head_revision()


def test_opening_a_database_at_head_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_database(tmp_path / "a.sqlite3").close()
    code = ("import sys; from db.database import open_database; "
            f"open_database({str(tmp_path / 'a.sqlite3')!r}).close(); "
            "print(sorted(m for m in sys.modules if m.startswith('alembic')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """`alembic check`: autogenerate finds nothing the migrations have not created."""
    db = open_database(tmp_path / "check.sqlite3")
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)
    db.close()


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    db = open_database(tmp_path / "roundtrip.sqlite3")
    migrate(db.engine, "base", down=True)
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert tables <= {"alembic_version"}
    db.close()
    db = open_database(tmp_path / "roundtrip.sqlite3")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM persons")).scalar() == 0
    db.close()


def test_copy_aside_keeps_the_data(tmp_path: Path) -> None:
    """What open_database does before upgrading an older schema: a full copy beside the file."""
    path = tmp_path / "old.sqlite3"
    db = open_database(path)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO office_settings (community_id, key, value) VALUES (1, 'marker', 'kept')"))
    copy = copy_aside(db.engine, path, "0001_initial")
    db.close()
    assert copy.parent == tmp_path and "before-upgrade" in copy.name
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT value FROM office_settings WHERE key='marker'").fetchone() == ("kept",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    with pytest.raises(DatabaseOpenError, match="更新版本"):
        open_database(path)


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(DatabaseOpenError, match="不是"):
        open_database(path)


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseOpenError, match="其他程序"):
        open_database(path)


def test_truncated_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.sqlite3"
    db = open_database(path)
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[:1500])
    with pytest.raises(DatabaseOpenError):
        open_database(path)


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="找不到"):
        open_database(tmp_path / "absent.sqlite3", create=False)


def test_opening_a_database_made_before_recomputes_its_search_keys(tmp_path: Path) -> None:
    """0004: a database whose keys still say 丁 = zheng is keyed anew when it is opened."""
    from sqlalchemy import select

    from db.members import MemberInput, save_member
    from db.models import PartyOrg
    from db.people import PersonFields
    from db.search_keys import search_text
    from tests.db.test_members import make_id
    from tests.seed import seed_basics

    path = tmp_path / "before.sqlite3"
    db = open_database(path)
    with db.session() as s, s.begin():
        seed_basics(s)
        branch = s.scalar(select(PartyOrg.id).where(PartyOrg.name == "第一党支部"))
        save_member(s, MemberInput(PersonFields(name="丁辉勇", id_number=make_id("19800101", "111")), org_id=branch,
                                   admitted_on="2010-07-01"))
    old = "丁辉勇|dinghuiyong|zhenghuiyong|dhy|zhy"  # what the keys said before
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE persons SET search_text = :t"), {"t": old})
        conn.execute(text("UPDATE party_members SET search_text = :t"), {"t": old})
    migrate(db.engine, "0003_party_life", down=True)
    db.close()
    db = open_database(path)  # upgrades to head
    with db.engine.connect() as conn:
        keys = {conn.execute(text(f"SELECT search_text FROM {t}")).scalar() for t in ("persons", "party_members")}
    db.close()
    assert keys == {search_text("丁辉勇", id_number=make_id("19800101", "111"))} and "zh" not in keys.pop()
