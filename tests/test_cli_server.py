"""Issue 13, points 5 and 6: `server init`, `server password`, and backup/restore of a server
database from the command line, run in-process as IT staff would type them."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from db import server_roles
from tests.test_cli import run

SECRET = "OwnerPw2026secret"  # in the owner's URL: trust authentication ignores it, the output must not show it


@pytest.fixture(scope="module")
def owner_url(server_database: str) -> Iterator[str]:
    """The test database's URL as its owner types it, password included."""
    url = make_url(server_database).set(password=SECRET)
    yield url.render_as_string(hide_password=False)
    engine = create_engine(server_database, poolclass=NullPool)
    with engine.begin() as conn:
        server_roles.drop_roles(conn, str(url.database), ["cd_cli_pc2"])
    engine.dispose()


def test_server_commands_are_for_servers(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "server", "init", "--db", str(tmp_path / "office.sqlite3"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "服务器上的数据库" in err


@pytest.mark.server_only
def test_server_init_says_what_it_made_and_no_password(capsys, owner_url: str) -> None:  # type: ignore[no-untyped-def]
    name = make_url(owner_url).database
    code, out, err = run(capsys, "server", "init", "--db", owner_url, "--login", "cd_cli_pc2=clerk")
    assert code == 0, err
    assert f"{name}_clerk" in out and f"{name}_viewer_login" in out and "cd_cli_pc2" in out
    assert "录入员" in out and "server password" in out
    assert SECRET not in out + err
    code, out, err = run(capsys, "server", "init", "--db", owner_url, "--login", "cd_cli_pc2=clerk")
    assert code == 0 and "新建的角色" not in out  # the second run keeps what the first made
    code, out, err = run(capsys, "server", "init", "--db", owner_url, "--login", "pc9=boss")
    assert code == 1 and err.count("\n") == 1 and "admin、clerk 或 viewer" in err


@pytest.mark.server_only
def test_server_password_reads_stdin_and_prints_nothing_of_it(capsys, monkeypatch, owner_url: str) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "server", "init", "--db", owner_url)[0] == 0
    login = server_roles.login_name(str(make_url(owner_url).database), "clerk")
    monkeypatch.setattr("sys.stdin", io.StringIO("Luru#server-2026\n"))
    code, out, err = run(capsys, "server", "password", "--db", owner_url, "--login", login)
    assert code == 0, err
    assert "Luru#server" not in out + err and SECRET not in out + err and login in out
    engine = create_engine(make_url(owner_url), poolclass=NullPool)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": login}).scalar_one()
    engine.dispose()
    assert stored.startswith("SCRAM-SHA-256$")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = run(capsys, "server", "password", "--db", owner_url, "--login", login)
    assert code == 1 and "至少 8 位" in err


def json_line(out: str) -> dict[str, object]:
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.server_only
def test_backup_and_restore_a_server_database(capsys, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from db.accounts import create_user
    from db.database import open_database
    from db.models import AuditEntry, Grid
    from tests import engines

    url = make_url(engines.new_database("cd_cli_backup")).set(password=SECRET)
    where = url.render_as_string(hide_password=False)
    try:
        def grids() -> list[str]:
            db = open_database(url)
            try:
                with db.session() as s:
                    return list(s.scalars(select(Grid.code).order_by(Grid.code)))
            finally:
                db.close()

        db = open_database(url)
        with db.session() as s, s.begin():
            s.add(Grid(code="WG01", name="一区"))
        db.close()
        code, out, err = run(capsys, "backup", "--db", where, "--out", str(tmp_path / "备份"))
        assert code == 0, err
        dump = Path(out.splitlines()[0])
        assert dump.parent == tmp_path / "备份" and dump.suffix == ".dump" and json_line(out)["size"] > 0
        assert SECRET not in out + err
        db = open_database(url)
        with db.session() as s, s.begin():
            s.add(Grid(code="WG02", name="二区"))
            create_user(s, "admin", "Xingfu#2026", "admin")  # from now on a restore signs in
        db.close()
        assert grids() == ["WG01", "WG02"]
        code, out, err = run(capsys, "restore", "--db", where, "--from", str(dump))
        assert code == 2 and "须先登录" in err and grids() == ["WG01", "WG02"]
        monkeypatch.setenv("CD_PASSWORD", "Xingfu#2026")
        code, out, err = run(capsys, "restore", "--db", where, "--from", str(dump), "--user", "admin")
        assert code == 0, err
        assert "恢复前的数据已备份到" in out and SECRET not in out + err
        assert grids() == ["WG01"]
        db = open_database(url)
        with db.session() as s:
            last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        db.close()
        assert last is not None and last.action == "restore_backup" and last.username == "admin"
        cut = tmp_path / "cut.dump"
        cut.write_bytes(dump.read_bytes()[:-1000])
        code, out, err = run(capsys, "restore", "--db", where, "--from", str(cut))
        assert code == 1 and err.count("\n") == 1 and "不能用这个备份恢复" in err
    finally:
        engines.drop_database(url.render_as_string(hide_password=False))
