"""Issue 13, point 6: backups of a database on a PostgreSQL server (pg_dump, custom format),
verified, kept N deep, and restored after a dump of the current state — one transaction, so a
failed restore leaves the database as it was."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from db import server_backup, server_roles
from db.backup import MANIFEST, list_backups, read_manifest
from db.data_settings import save_data_settings
from db.database import Database, open_database
from db.members import MemberInput, save_member
from db.models import AuditEntry, PartyMember
from db.people import PersonFields
from tests import engines
from tests.db.test_members import make_id
from tests.seed import seed_basics

pytestmark = pytest.mark.server_only


NAMES = {1: "张一", 2: "王二", 3: "李三", 4: "赵四", 5: "钱五"}


def member(n: int) -> MemberInput:
    return MemberInput(PersonFields(NAMES[n], id_number=make_id("19800101", f"{n:03d}"[-3:]),
                                    phone=f"138{n:08d}"), org_id=2, admitted_on="2010-07-01", full_on="2011-07-01")


@pytest.fixture
def server() -> Iterator[URL]:
    """A new database of its own on the test server, with the seed rows and three members."""
    url = engines.new_database("cd_backup")
    try:
        db = open_database(url)
        with db.session() as s, s.begin():
            seed_basics(s)
            for n in (1, 2, 3):
                save_member(s, member(n))
        db.close()
        yield make_url(url)
    finally:
        engines.drop_database(url)


def members(url: URL) -> list[str]:
    db = open_database(url)
    try:
        with db.session() as s:
            return [m.person.name for m in s.scalars(select(PartyMember).where(PartyMember.deleted_at.is_(None))
                                                     .order_by(PartyMember.id))]
    finally:
        db.close()


def change(url: URL, fn) -> None:  # type: ignore[no-untyped-def]
    db: Database = open_database(url)
    try:
        with db.session() as s, s.begin():
            fn(s)
    finally:
        db.close()


def test_a_backup_is_a_verified_dump_with_its_manifest_line(server: URL, tmp_path: Path) -> None:
    folder = tmp_path / "备份"
    info = server_backup.backup_server(server, folder, at=datetime(2026, 12, 3, 9, 30, 0))
    assert info.path == folder / f"{server.database}-20261203-093000.dump"
    assert info.counts["党员"] == 3
    listed = subprocess.run(["/usr/bin/pg_restore", "--list", str(info.path)], capture_output=True, text=True)
    assert listed.returncode == 0 and "TABLE DATA public party_members" in listed.stdout
    assert sorted(p.name for p in folder.iterdir()) == sorted([info.path.name, MANIFEST])  # no scratch, no .part
    [entry] = read_manifest(folder)
    assert entry["kind"] == "backup" and entry["file"] == info.path.name and entry["counts"]["党员"] == 3
    with open_database(server).session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        total = s.scalar(select(func.count()).select_from(AuditEntry))
    assert last is not None and entry["audit_log"] == {"last_id": last.id, "hash": last.entry_hash, "entries": total}
    [found] = server_backup.list_server_backups(folder, server)
    assert found.path == info.path and found.counts["党员"] == 3
    assert server_backup.dump_problem(info.path) is None


def test_backups_are_kept_n_deep_per_database(server: URL, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "other-20200101-000000.dump").write_bytes(b"another database's")  # not ours to prune
    (folder / f"{server.database}-20200101-000000.sqlite3").write_bytes(b"a file's backup")
    start = datetime(2026, 12, 1, 8, 0, 0)
    for i in range(5):
        server_backup.backup_server(server, folder, keep=3, at=start + timedelta(days=i))
    kept = server_backup.list_server_backups(folder, server)
    assert [b.taken_at for b in kept] == [start + timedelta(days=i) for i in (4, 3, 2)]
    assert (folder / "other-20200101-000000.dump").exists()
    assert len(list_backups(folder)) == 1  # the .sqlite3 one, untouched
    same_second = server_backup.backup_server(server, folder, keep=10, at=start + timedelta(days=4))
    assert same_second.path.name.endswith("-2.dump")


def test_restore_brings_the_rows_back_after_a_safety_dump(server: URL, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    backup = server_backup.backup_server(server, folder, at=datetime(2026, 12, 1, 8, 0, 0))
    before = members(server)

    def edit(s):  # type: ignore[no-untyped-def]
        save_member(s, member(4))
        first = s.scalars(select(PartyMember).order_by(PartyMember.id)).first()
        first.person.name = "改过名"

    change(server, edit)
    assert members(server) == ["改过名", "王二", "李三", "赵四"]
    safety = server_backup.restore_server(server, backup.path, folder)
    assert members(server) == before == ["张一", "王二", "李三"]
    assert safety.counts["党员"] == 4 and safety.path.exists() and safety.path != backup.path
    assert read_manifest(folder)[-1]["kind"] == "restore"
    change(server, lambda s: save_member(s, member(5)))  # the restored database is in use again (ids go on)
    assert members(server)[-1] == "钱五"
    engine = create_engine(server)
    try:  # the functions and triggers that keep the counts (migration 0008) came back with the rows, once
        with engine.connect() as conn:
            triggers = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars().all()
    finally:
        engine.dispose()
    assert sorted(triggers) == sorted(set(triggers)) and "tr_attendance_added" in triggers


def test_a_dump_cut_short_fails_verification(server: URL, tmp_path: Path) -> None:
    info = server_backup.backup_server(server, tmp_path / "b")
    cut = tmp_path / "cut.dump"
    data = info.path.read_bytes()
    cut.write_bytes(data[:-1000])  # the end cut off, as by a full disk or a lost connection
    listed = subprocess.run(["/usr/bin/pg_restore", "--list", str(cut)], capture_output=True)
    assert listed.returncode == 0  # the table of contents alone still reads …
    problem = server_backup.dump_problem(cut)
    assert problem is not None and "不完整" in problem  # … the full read does not
    with pytest.raises(server_backup.ServerBackupError, match="不能用这个备份恢复"):
        server_backup.restore_server(server, cut, tmp_path / "b")
    (tmp_path / "junk.dump").write_bytes(b"PGDMP not really")
    assert "不是完整的数据库备份" in (server_backup.dump_problem(tmp_path / "junk.dump") or "")
    assert members(server) == ["张一", "王二", "李三"]
    assert [b.path for b in server_backup.list_server_backups(tmp_path / "b", server)] == [info.path]  # no safety dump


def test_a_failed_restore_leaves_the_database_as_it_was(server: URL, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "b"
    backup = server_backup.backup_server(server, folder, at=datetime(2026, 12, 1, 8, 0, 0))
    change(server, lambda s: save_member(s, member(4)))
    monkeypatch.setattr(server_backup, "LOCK_TIMEOUT", "500ms")
    other_pc = create_engine(server, poolclass=NullPool)
    with other_pc.connect() as conn:  # another PC in the middle of a transaction reading the members
        conn.execute(text("SELECT count(*) FROM party_members")).scalar()
        with pytest.raises(server_backup.ServerBackupError) as said:
            server_backup.restore_server(server, backup.path, folder)
        conn.rollback()
    other_pc.dispose()
    assert "数据库未改动" in str(said.value) and "其他电脑" in str(said.value)
    assert members(server) == ["张一", "王二", "李三", "赵四"]
    change(server, lambda s: save_member(s, member(5)))  # and still in use
    assert len(server_backup.list_server_backups(folder, server)) == 2  # the safety dump was made first


def test_roles_back_up_and_only_the_owner_restores(server: URL, tmp_path: Path) -> None:
    setup = server_roles.init(server)
    try:
        viewer = server.set(username=server_roles.login_name(setup.database, "viewer"))
        info = server_backup.backup_server(viewer, tmp_path / "b")  # every role may back up: it reads all
        assert info.counts["党员"] == 3
        clerk = server.set(username=server_roles.login_name(setup.database, "clerk"))
        with pytest.raises(server_backup.ServerBackupError, match="所有者"):
            server_backup.restore_server(clerk, info.path, tmp_path / "b")
        server_backup.restore_server(server, info.path, tmp_path / "b")  # the owner; rights granted afresh
        clerk_engine = create_engine(clerk, poolclass=NullPool)
        with clerk_engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM party_members")).scalar() == 3
        clerk_engine.dispose()
    finally:
        admin = create_engine(server, poolclass=NullPool)
        with admin.begin() as conn:
            server_roles.drop_roles(conn, setup.database)
        admin.dispose()


def test_the_password_travels_in_the_environment_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = make_url("postgresql+psycopg://clerk:S3cret'pw@db.example/street?sslmode=require")
    info = server_backup._conninfo(url)
    assert "S3cret" not in info and "host='db.example'" in info and "sslmode='require'" in info
    assert server_backup._env(url)["PGPASSWORD"] == "S3cret'pw"


def test_missing_tools_are_said_in_chinese(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(server_backup, "_candidates", lambda name: [Path("/nonexistent") / name])
    with pytest.raises(server_backup.ServerBackupError, match="找不到 PostgreSQL 的 pg_dump"):
        server_backup.find_tool("pg_dump")


def test_backup_settings_come_from_the_database(server: URL, tmp_path: Path) -> None:
    assert server_backup.settings_of(server).folder == server_backup.default_folder(server)
    change(server, lambda s: save_data_settings(s, str(tmp_path / "设定的位置"), 7, 15))
    assert server_backup.settings_of(server) == server_backup.Settings(tmp_path / "设定的位置", 7)
    assert json.dumps(str(server_backup.default_folder(server)))  # a plain path, printable
