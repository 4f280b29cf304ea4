"""Issue 12, point 2: on a database with accounts, the commands that change data sign in.

The demo community with three accounts made from the command line (the first administrator
without a sign-in, the others by that administrator). Each refusal is exit status 2 and one
Chinese line, and leaves the file as it was (a refused sign-in leaves only its own log entry).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.database import open_database
from db.models import AuditEntry
from tests.test_cli_safety import cli, demo, demo_template, member_count, run  # noqa: F401  (fixtures)

ADMIN, CLERK, VIEWER = ("wang", "Wang-2026-ok"), ("li", "Li-clerk-77"), ("zhao", "Zhao-view-88")


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def log(path: Path) -> list[tuple[str, str, str, str]]:
    db = open_database(path, create=False)
    try:
        with db.session() as s:
            return [(e.username, e.action, e.register, e.summary) for e in s.query(AuditEntry).order_by(AuditEntry.id)]
    finally:
        db.close()


def accounts(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT username, role FROM users"))
    finally:
        conn.close()


@pytest.fixture
def office(capsys, monkeypatch: pytest.MonkeyPatch, demo: Path) -> Iterator[Path]:  # noqa: F811  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "user", "add", "--db", str(demo), "--username", ADMIN[0], "--role", "admin",
                       stdin=ADMIN[1] + "\n", monkeypatch=monkeypatch)  # the first: no account to sign in with
    assert code == 0, err
    monkeypatch.setenv("CD_PASSWORD", ADMIN[1])
    for name, password, role in ((*CLERK, "clerk"), (*VIEWER, "viewer")):
        code, _, err = run(capsys, "user", "add", "--db", str(demo), "--username", name, "--role", role,
                           "--user", ADMIN[0], stdin=password + "\n", monkeypatch=monkeypatch)
        assert code == 0, err
    monkeypatch.delenv("CD_PASSWORD")
    yield demo


def refused(capsys, monkeypatch: pytest.MonkeyPatch, path: Path, *args: str, stdin: str = "",  # type: ignore[no-untyped-def]
            said: str = "") -> str:
    """Run a command that must be refused: exit 2, one Chinese line, and no change but sign-in entries."""
    before, entries = dump(path), len(log(path))
    code, out, err = run(capsys, *args, "--db", str(path), stdin=stdin, monkeypatch=monkeypatch)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("错误：") and said in err, err
    new = log(path)[entries:]
    assert all(action in ("login", "login_failed") for _, action, _, _ in new), new
    if not new:
        assert dump(path) == before
    return err


# --- without a sign-in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["user", "add", "--username", "boss", "--role", "admin"],
    ["user", "passwd", "--username", "wang"],
    ["user", "role", "--username", "li", "--role", "admin"],
    ["export-xlsx", "members", "--out", "m.xlsx"],
    ["export", "roster", "--out", "r.pdf", "--unmasked"],
    ["export", "certificate", "--volunteer", "V0001", "--out", "c.pdf"],
])
def test_changes_without_a_sign_in_are_refused(capsys, monkeypatch, office: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               args: list[str]) -> None:
    args = [str(tmp_path / a) if a.endswith((".xlsx", ".pdf")) else a for a in args]
    err = refused(capsys, monkeypatch, office, *args, stdin="Boss-2026-ok\n", said="须先登录：加 --user")
    assert "CD_PASSWORD" in err
    assert accounts(office) == {"wang": "admin", "li": "clerk", "zhao": "viewer"}
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.pdf"))


def test_import_restore_and_demo_need_a_sign_in(capsys, monkeypatch, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("姓名,身份证号,所在支部,入党时间\n张新,,第一党支部,2020-07-01\n", encoding="utf-8")
    refused(capsys, monkeypatch, office, "import", "members", str(ledger), said="导入台账须先登录")
    backup = tmp_path / "copy.sqlite3"
    backup.write_bytes(office.read_bytes())
    refused(capsys, monkeypatch, office, "restore", "--from", str(backup), said="从备份恢复须先登录")

    empty = tmp_path / "empty.sqlite3"  # accounts, no registers: the demo may go in, for an administrator
    open_database(empty).close()
    assert run(capsys, "user", "add", "--db", str(empty), "--username", "wang", "--role", "admin",
               stdin=ADMIN[1] + "\n", monkeypatch=monkeypatch)[0] == 0
    refused(capsys, monkeypatch, empty, "demo", said="写入演示数据须先登录")
    monkeypatch.setenv("CD_PASSWORD", ADMIN[1])
    code, out, err = run(capsys, "demo", "--db", str(empty), "--user", "wang")
    assert code == 0 and json.loads(out)["party_members"] == 300, err


def test_reading_commands_stay_open(capsys, monkeypatch, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (["stats", "--json"], ["check"], ["backup", "--out", str(tmp_path / "b")], ["user", "list"],
                 ["export", "roster", "--out", str(tmp_path / "r.pdf")],
                 ["export", "grid-board", "--out", str(tmp_path / "g.pdf")]):
        code, _, err = run(capsys, *args, "--db", str(office))
        assert code == 0, (args, err)
    assert (tmp_path / "r.pdf").stat().st_size > 1000


# --- signed in ------------------------------------------------------------------------------------------


def test_a_wrong_password_is_refused_and_its_attempt_logged(capsys, monkeypatch, office: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CD_PASSWORD", "Wrong-2026-no")
    refused(capsys, monkeypatch, office, "user", "add", "--username", "boss", "--role", "admin", "--user", "wang",
            stdin="Boss-2026-ok\n", said="用户名或密码不正确")
    assert log(office)[-1][:2] == ("wang", "login_failed")
    refused(capsys, monkeypatch, office, "user", "add", "--username", "boss", "--role", "admin", "--user", "nobody",
            stdin="Boss-2026-ok\n", said="用户名或密码不正确")
    assert "boss" not in accounts(office)


@pytest.mark.parametrize(("args", "said"), [
    (["user", "add", "--username", "boss", "--role", "admin"], "录入员）无权管理账号"),
    (["user", "role", "--username", "li", "--role", "admin"], "无权管理账号"),
    (["user", "passwd", "--username", "wang"], "无权管理账号"),
    (["export", "roster", "--out", "r.pdf", "--unmasked"], "无权导出或打印完整身份证号和电话"),
    (["export-xlsx", "members", "--out", "m.xlsx", "--unmasked"], "无权导出或打印完整身份证号和电话"),
])
def test_a_clerk_is_refused_what_only_an_administrator_may_do(capsys, monkeypatch, office: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path, args: list[str], said: str) -> None:
    args = [str(tmp_path / a) if a.endswith((".xlsx", ".pdf")) else a for a in args]
    monkeypatch.setenv("CD_PASSWORD", CLERK[1])
    refused(capsys, monkeypatch, office, *args, "--user", "li", stdin="Boss-2026-ok\n", said=said)
    assert accounts(office) == {"wang": "admin", "li": "clerk", "zhao": "viewer"}
    assert log(office)[-1][:2] == ("li", "login")


def test_a_clerk_restoring_is_refused(capsys, monkeypatch, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "copy.sqlite3"
    backup.write_bytes(office.read_bytes())
    monkeypatch.setenv("CD_PASSWORD", CLERK[1])
    refused(capsys, monkeypatch, office, "restore", "--from", str(backup), "--user", "li", said="无权从备份恢复数据")


def test_an_administrator_acts_and_is_logged_under_their_name(capsys, monkeypatch, office: Path,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    code, _, err = run(capsys, "user", "add", "--db", str(office), "--username", "boss", "--role", "admin",
                       "--user", "wang", "--password-stdin", stdin=f"{ADMIN[1]}\nBoss-2026-ok\n",
                       monkeypatch=monkeypatch)
    assert code == 0, err
    monkeypatch.setenv("CD_PASSWORD", ADMIN[1])
    code, _, err = run(capsys, "user", "role", "--db", str(office), "--username", "zhao", "--role", "clerk",
                       "--user", "wang")
    assert code == 0, err
    code, _, err = run(capsys, "export", "roster", "--db", str(office), "--out", str(tmp_path / "r.pdf"),
                       "--unmasked", "--user", "wang")
    assert code == 0, err
    assert accounts(office) == {"wang": "admin", "li": "clerk", "zhao": "clerk", "boss": "admin"}
    entries = [e for e in log(office) if e[1] != "login"]
    assert [(e[0], e[1], e[2]) for e in entries[-3:]] == [("wang", "create", "users"), ("wang", "role", "users"),
                                                         ("wang", "print", "")]
    assert {e[0] for e in log(office)[-6:]} == {"wang"}


def test_a_clerk_imports_under_their_own_name(capsys, monkeypatch, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.db.test_members import make_id

    ledger = tmp_path / "ledger.csv"
    ledger.write_text(f"姓名,身份证号,所在支部,入党时间\n张新,{make_id('19800101', '771')},第一网格党支部,2020-07-01\n",
                      encoding="utf-8")
    before = member_count(office)
    monkeypatch.setenv("CD_PASSWORD", CLERK[1])
    code, out, err = run(capsys, "import", "members", str(ledger), "--db", str(office), "--user", "li")
    assert code == 0 and json.loads(out.splitlines()[-1])["imported"] == 1, out + err
    assert member_count(office) == before + 1
    assert log(office)[-1][:3] == ("li", "import", "members")


def test_one_own_password_and_cd_password_as_a_process(office: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.test_cli_safety import ROOT

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CD_PASSWORD": VIEWER[1]}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "user", "passwd", "--db", str(office),
                             "--username", "zhao", "--user", "zhao"], input="Zhao-new-2026\n", capture_output=True,
                            text=True, cwd=ROOT, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    db = open_database(office, create=False)
    try:
        from db.accounts import sign_in

        assert sign_in(db, "zhao", "Zhao-new-2026").username == "zhao"
    finally:
        db.close()
    assert ("zhao", "password", "users", "zhao") in log(office)
