"""The data-safety commands: backup, restore, check and user, run in-process and as real processes.

Damaged files are made here from a real demo database (truncated, pages overwritten), and the
"window" holding the database is a second process that takes the lock file and sleeps.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.accounts import LoginFailed, sign_in
from db.backup import MANIFEST, list_backups
from db.data_settings import save_data_settings
from db.database import open_database
from db.health import check_file, record_counts
from db.lock import lock_path
from db.models import AuditEntry, PartyMember
from main import main
from tests.db.test_backup import add_member

ROOT = Path(__file__).resolve().parents[1]
HOLD_LOCK = ("import sys, time; from pathlib import Path; from db.lock import DatabaseLock; "
             "DatabaseLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(120)")


def run(capsys, *args: str, stdin: str | None = None,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse exits on bad arguments
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """main.py as IT staff run it: a fresh interpreter, stdin a pipe."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    assert not Path(f"{path}-wal").exists()  # closed: everything is in the main file
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo community (300 members) for each test."""
    path = tmp_path / "office" / "community.sqlite3"
    path.parent.mkdir()
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def window(demo: Path) -> Iterator[subprocess.Popen[str]]:
    """Another live process holding the database's lock, as the open window does."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(demo)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=30)


def member_count(path: Path) -> int:
    db = open_database(path, create=False)
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(PartyMember)) or 0
    db.close()
    return count


def audit_entries(path: Path, action: str) -> list[AuditEntry]:
    db = open_database(path, create=False)
    with db.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))
    db.close()
    return entries


# --- backup ---------------------------------------------------------------------------------------------------


def test_backup_into_a_folder(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "U盘" / "备份"
    code, out, err = run(capsys, "backup", "--db", str(demo), "--out", str(folder))
    assert code == 0, err
    printed_path, summary = out.splitlines()
    backup = Path(printed_path)
    assert backup.parent == folder and backup.is_file()
    assert check_file(backup, full=True).ok
    facts = json.loads(summary)
    assert facts["path"] == printed_path and facts["size"] == backup.stat().st_size
    assert facts["counts"]["党员"] == 300 and facts["counts"] == record_counts(demo)
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST, backup.name]  # no .part, -wal or -shm left


def test_backup_goes_to_the_configured_folder_keeping_the_configured_copies(  # type: ignore[no-untyped-def]
        capsys, demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "configured"
    db = open_database(demo, create=False)
    with db.session() as s, s.begin():
        save_data_settings(s, str(folder), 2, 15)
    db.close()
    for _ in range(3):
        code, _, err = run(capsys, "backup", "--db", str(demo))
        assert code == 0, err
    assert len(list_backups(folder)) == 2
    assert not (demo.parent / "backups").exists()


def test_backup_to_an_unwritable_place_is_one_line(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x")
    code, out, err = run(capsys, "backup", "--db", str(demo), "--out", str(a_file / "backups"))
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("错误：备份失败")
    if os.name == "posix" and os.geteuid() != 0:  # root writes into read-only folders anyway
        locked = tmp_path / "read-only"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            code, _, err = run(capsys, "backup", "--db", str(demo), "--out", str(locked))
        finally:
            locked.chmod(0o755)
        assert code == 1 and err.count("\n") == 1 and "没有权限" in err
        assert list(locked.iterdir()) == []


def test_backup_of_a_missing_or_damaged_database_is_refused(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "backup", "--db", str(tmp_path / "absent.sqlite3"), "--out", str(tmp_path / "b"))
    assert code == 1 and err.count("\n") == 1 and "找不到" in err
    assert not (tmp_path / "b").exists()


def test_backup_while_the_window_holds_the_database(demo: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    window: subprocess.Popen[str]) -> None:
    result = cli("backup", "--db", str(demo), "--out", str(tmp_path / "backups"))
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.splitlines()[0])
    assert check_file(backup, full=True).ok and record_counts(backup)["党员"] == 300
    assert window.poll() is None and lock_path(demo).exists()  # the window's lock is untouched


# --- restore --------------------------------------------------------------------------------------------------


def test_restore_puts_the_data_back_after_a_safety_backup(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    code, out, _ = run(capsys, "backup", "--db", str(demo), "--out", str(folder))
    backup = Path(out.splitlines()[0])
    db = open_database(demo, create=False)
    add_member(db, "后来者", "131")
    db.close()
    assert member_count(demo) == 301

    code, out, err = run(capsys, "restore", "--db", str(demo), "--from", str(backup))
    assert code == 0, err
    assert member_count(demo) == 300
    safety_line = next(line for line in out.splitlines() if line.startswith("恢复前的数据已备份到："))
    safety = Path(safety_line.split("：", 1)[1])
    assert safety.parent == demo.parent / "backups"  # the configured (default) folder of the database
    assert check_file(safety, full=True).ok and record_counts(safety)["党员"] == 301
    [entry] = audit_entries(demo, "restore_backup")
    assert backup.name in entry.summary and entry.username == "系统" and entry.register == "database"
    assert not lock_path(demo).exists()  # released


def test_restore_refuses_a_damaged_backup(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    damaged = tmp_path / "community-20261201-090000.sqlite3"
    data = demo.read_bytes()
    middle = len(data) // 2
    damaged.write_bytes(data[:middle] + b"\x55" * 65536 + data[middle + 65536:])
    before = demo.read_bytes()
    code, out, err = run(capsys, "restore", "--db", str(demo), "--from", str(damaged))
    assert code == 1 and out == "" and err.count("\n") == 1 and "不能用这个备份恢复" in err and "损坏" in err
    assert demo.read_bytes() == before and not (demo.parent / "backups").exists()
    assert not lock_path(demo).exists()
    code, _, err = run(capsys, "restore", "--db", str(demo), "--from", str(tmp_path / "absent.sqlite3"))
    assert code == 1 and err.count("\n") == 1 and "找不到备份文件" in err
    empty = tmp_path / "empty.sqlite3"
    empty.touch()  # check_file calls an empty file healthy; restoring it would erase the register
    code, _, err = run(capsys, "restore", "--db", str(demo), "--from", str(empty))
    assert code == 1 and err.count("\n") == 1 and "空的数据库" in err
    code, _, err = run(capsys, "restore", "--db", str(demo), "--from", str(demo))
    assert code == 1 and err.count("\n") == 1 and "当前数据库本身" in err
    assert demo.read_bytes() == before and member_count(demo) == 300


def test_restore_refused_while_the_window_holds_the_database(demo: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             window: subprocess.Popen[str]) -> None:
    made = cli("backup", "--db", str(demo), "--out", str(tmp_path / "backups"))
    backup = Path(made.stdout.splitlines()[0])
    db = open_database(demo, create=False)
    add_member(db, "后来者", "131")
    db.close()
    result = cli("restore", "--db", str(demo), "--from", str(backup))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "不能恢复" in result.stderr and "由用户" in result.stderr
    assert member_count(demo) == 301 and lock_path(demo).exists()  # nothing replaced; the window's lock kept
    assert audit_entries(demo, "restore_backup") == []


# --- check ----------------------------------------------------------------------------------------------------


def test_check_healthy(capsys, demo: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "check", "--db", str(demo)) == (0, "数据库快速检查通过。\n", "")
    assert run(capsys, "check", "--db", str(demo), "--full") == (0, "数据库完好。\n", "")


def _truncated(demo: Path, target: Path, size: int) -> Path:
    target.write_bytes(demo.read_bytes()[:size])
    return target


def _pages_overwritten(demo: Path, target: Path) -> Path:
    data = demo.read_bytes()
    middle = len(data) // 2
    target.write_bytes(data[:middle] + b"\x55" * 65536 + data[middle + 65536:])
    return target


def _other_program(_demo: Path, target: Path) -> Path:
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    return target


def _newer_version(demo: Path, target: Path) -> Path:
    shutil.copy(demo, target)
    conn = sqlite3.connect(target)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return target


def _text_file(_demo: Path, target: Path) -> Path:
    target.write_text("姓名,电话\n张三,13800000000\n", encoding="utf-8")
    return target


@pytest.mark.parametrize(("make", "reason"), [
    (lambda demo, target: target, "找不到数据库文件"),
    (_text_file, "不是 SQLite 数据库"),
    (lambda demo, target: _truncated(demo, target, 4096), "已损坏"),
    (lambda demo, target: _truncated(demo, target, demo.stat().st_size // 2), "已损坏"),
    (_pages_overwritten, "已损坏"),
    (_other_program, "其他程序的 SQLite 数据库"),
    (_newer_version, "更新版本"),
], ids=["missing", "text", "first-4096-bytes", "half", "pages-overwritten", "other-program", "newer"])
@pytest.mark.parametrize("full", [False, True], ids=["quick", "full"])
def test_check_reports_why_not(capsys, demo: Path, tmp_path: Path, make, reason: str,  # type: ignore[no-untyped-def]
                               full: bool) -> None:
    assert demo.stat().st_size > 500_000  # big enough that a cut really loses tables
    target = make(demo, tmp_path / "suspect.sqlite3")
    code, out, err = run(capsys, "check", "--db", str(target), *(["--full"] if full else []))
    assert code == 1 and out == "" and err.count("\n") == 1 and reason in err, err


def test_check_of_a_database_locked_by_another_program(capsys, demo: Path) -> None:  # type: ignore[no-untyped-def]
    other = sqlite3.connect(demo, isolation_level=None)
    try:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("UPDATE alembic_version SET version_num = version_num")
        code, out, err = run(capsys, "check", "--db", str(demo))
    finally:
        other.close()
    assert code == 1 and err.count("\n") == 1 and "独占使用" in err
    assert run(capsys, "check", "--db", str(demo))[0] == 0


def test_check_as_a_process(demo: Path, tmp_path: Path) -> None:
    assert cli("check", "--db", str(demo), "--full").returncode == 0
    result = cli("check", "--db", str(_truncated(demo, tmp_path / "cut.sqlite3", 4096)))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "已损坏" in result.stderr
    assert "Exit status" in cli("check", "--help").stdout


# --- user -----------------------------------------------------------------------------------------------------


def test_user_add_passwd_list(capsys, monkeypatch, demo: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "user", "add", "--db", str(demo), "--username", "wang", "--role", "admin",
                         "--name", "王主任", stdin="Wang-2026-ok\n", monkeypatch=monkeypatch)
    assert code == 0 and "wang" in out, err
    # now the database has an account: the next ones are made by an administrator, signed in
    code, _, err = run(capsys, "user", "add", "--db", str(demo), "--username", "li", "--role", "clerk", "--user",
                       "wang", "--password-stdin", stdin="Wang-2026-ok\nLi-clerk-77\n", monkeypatch=monkeypatch)
    assert code == 0, err
    db = open_database(demo, create=False)
    assert sign_in(db, "wang", "Wang-2026-ok").role == "admin"

    monkeypatch.setenv("CD_PASSWORD", "Li-clerk-77")  # one's own password, signed in as oneself
    code, _, err = run(capsys, "user", "passwd", "--db", str(demo), "--username", "LI", "--user", "li",
                       stdin="Li-new-pass-8\n", monkeypatch=monkeypatch)
    assert code == 0, err
    with pytest.raises(LoginFailed):
        sign_in(db, "li", "Li-clerk-77")
    assert sign_in(db, "li", "Li-new-pass-8").role == "clerk"
    db.close()

    code, out, err = run(capsys, "user", "list", "--db", str(demo), "--json")
    assert code == 0, err
    listed = {u["username"]: u for u in json.loads(out)}
    assert listed["wang"]["role"] == "管理员" and listed["wang"]["display_name"] == "王主任"
    assert listed["li"]["role"] == "录入员" and listed["li"]["active"] is True and listed["li"]["last_login"]
    code, out, _ = run(capsys, "user", "list", "--db", str(demo))
    assert code == 0 and out.splitlines()[0].split("\t")[:3] == ["wang", "管理员", "启用"]
    assert len(audit_entries(demo, "password")) == 1


@pytest.mark.parametrize(("args", "password", "reason"), [
    (["add", "--username", "zhao", "--role", "admin"], "short\n", "密码：至少8位"),
    (["add", "--username", "zhao", "--role", "admin"], "zhao\n", "密码"),
    (["add", "--username", "zhao", "--role", "clerk"], "Zhao-2026-ok\n", "第一个账号必须是管理员"),
    (["add", "--username", "z", "--role", "admin"], "Zhao-2026-ok\n", "用户名"),
    (["add", "--username", "zhao", "--role", "admin"], "", "没有从标准输入读到密码"),
    (["passwd", "--username", "nobody"], "Zhao-2026-ok\n", "没有用户名为“nobody”的账号"),
])
def test_user_refusals(capsys, monkeypatch, demo: Path, args: list[str], password: str,  # type: ignore[no-untyped-def]
                       reason: str) -> None:
    code, out, err = run(capsys, "user", args[0], "--db", str(demo), *args[1:], stdin=password,
                         monkeypatch=monkeypatch)
    assert code == 1 and out == "" and err.count("\n") == 1 and reason in err, err
    code, out, _ = run(capsys, "user", "list", "--db", str(demo), "--json")
    assert json.loads(out) == []


def test_user_duplicate_and_bad_role(capsys, monkeypatch, demo: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "user", "add", "--db", str(demo), "--username", "wang", "--role", "admin",
               stdin="Wang-2026-ok\n", monkeypatch=monkeypatch)[0] == 0
    code, _, err = run(capsys, "user", "add", "--db", str(demo), "--username", "WANG", "--role", "clerk",
                       "--user", "wang", "--password-stdin", stdin="Wang-2026-ok\nOther-2026-ok\n",
                       monkeypatch=monkeypatch)
    assert code == 1 and err.count("\n") == 1 and "已被使用" in err
    code, _, err = run(capsys, "user", "add", "--db", str(demo), "--username", "boss", "--role", "owner",
                       stdin="Other-2026-ok\n", monkeypatch=monkeypatch)
    assert code == 2 and err.count("\n") == 1 and "owner" in err
    code, out, _ = run(capsys, "user", "list", "--db", str(demo), "--json")
    assert [u["username"] for u in json.loads(out)] == ["wang"]


def test_user_add_as_a_process_reads_the_password_from_a_pipe(demo: Path) -> None:
    result = cli("user", "add", "--db", str(demo), "--username", "wang", "--role", "admin", stdin="Wang-2026-ok\n")
    assert result.returncode == 0, result.stderr
    db = open_database(demo, create=False)
    try:
        assert sign_in(db, "wang", "Wang-2026-ok").username == "wang"
    finally:
        db.close()
    said = " ".join(cli("user", "add", "--help").stdout.split())
    assert "--user" in said and "CD_PASSWORD" in said and "any SQLite tool" in said


# --- disclosures from the command line ------------------------------------------------------------------------


def test_unmasked_roster_and_export_are_logged(capsys, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "export", "roster", "--db", str(demo), "--out", str(tmp_path / "r.pdf"), "--unmasked",
                       "--branch", "离退休党支部")
    assert code == 0, err
    code, _, err = run(capsys, "export", "grid-roster", "--db", str(demo), "--out", str(tmp_path / "g.pdf"),
                       "--unmasked")
    assert code == 0, err
    code, _, err = run(capsys, "export", "roster", "--db", str(demo), "--out", str(tmp_path / "m.pdf"))
    assert code == 0, err
    prints = audit_entries(demo, "print")
    assert [e.summary for e in prints] == ["党员花名册（离退休党支部）", "网格员花名册"]
    assert json.loads(prints[0].details)["people"] > 0 and json.loads(prints[1].details)["people"] == 20
    code, _, err = run(capsys, "export-xlsx", "members", "--db", str(demo), "--out", str(tmp_path / "m.xlsx"))
    assert code == 0, err
    assert len(audit_entries(demo, "export")) == 1


def _wait_for(stream: io.BufferedReader, prompt: str, timeout: float = 60) -> None:
    import select

    seen, wanted = b"", prompt.encode()
    while wanted not in seen:
        ready, _, _ = select.select([stream], [], [], timeout)
        assert ready, f"no prompt {prompt!r}; so far {seen.decode(errors='replace')!r}"
        chunk = os.read(stream.fileno(), 1024)
        assert chunk, f"ended before the prompt {prompt!r}: {seen.decode(errors='replace')!r}"
        seen += chunk


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("second", "code", "said"), [
    ("Wang-2026-ok", 0, "已新建账号"), ("Wang-2026-no", 1, "两次输入的密码不一致")])
def test_user_add_on_a_terminal_asks_twice(demo: Path, second: str, code: int, said: str) -> None:
    """At a terminal getpass asks (no echo), and the two entries must match."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "user", "add", "--db", str(demo),
                             "--username", "wang", "--role", "admin"], cwd=ROOT, stdin=slave,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert proc.stderr is not None
        _wait_for(proc.stderr, "新密码：")  # written before the line is typed: getpass flushes earlier input
        os.write(master, b"Wang-2026-ok\n")
        _wait_for(proc.stderr, "再输一次：")
        os.write(master, second.encode() + b"\n")
        out, err = (b.decode() for b in proc.communicate(timeout=60))
    finally:
        proc.kill()
        os.close(master)
        os.close(slave)
    assert proc.returncode == code and said in out + err, err
    assert "Wang-2026" not in out + err  # typed passwords are not echoed


# --- a table dropped by hand (issue 12, point 4) --------------------------------------------------------------


def test_a_table_dropped_with_plain_sqlite3_is_named_refused_and_said(capsys, demo: Path,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    """`check --full` exits 1 naming the table, backup refuses to call the file verified, and
    stats says it in one Chinese line instead of OperationalError / no such table."""
    conn = sqlite3.connect(demo)
    conn.execute("DROP TABLE mediation_cases")
    conn.commit()
    conn.close()
    result = cli("check", "--db", str(demo), "--full")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"错误：数据库“{demo.name}”已损坏：缺少数据表 mediation_cases。\n"
    folder = tmp_path / "backups"
    code, out, err = run(capsys, "backup", "--db", str(demo), "--out", str(folder))
    assert code == 1 and out == "" and err.count("\n") == 1 and "缺少数据表 mediation_cases" in err
    assert not folder.exists() or not any(folder.iterdir())
    code, out, err = run(capsys, "stats", "--db", str(demo))
    assert code == 1 and out == ""
    assert err == f"错误：数据库“{demo.name}”已损坏：缺少数据表 mediation_cases。\n"
    result = cli("stats", "--db", str(demo), "--json")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "缺少数据表 mediation_cases" in result.stderr
    assert "Error" not in result.stderr and "no such table" not in result.stderr


def test_a_column_dropped_by_hand_is_named_by_check_and_stats(capsys, demo: Path) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(demo)
    conn.execute("DROP INDEX ix_party_members_list")  # SQLite refuses to drop a column an index uses,
    for event in ("added", "changed", "removed"):  # or a trigger names (the exchange journal's, 0010)
        conn.execute(f"DROP TRIGGER tr_journal_party_members_{event}")
    conn.execute("ALTER TABLE party_members DROP COLUMN status")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "check", "--db", str(demo), "--full")
    assert code == 1 and "数据表 party_members 缺少列 status" in err and err.count("\n") == 1
    code, out, err = run(capsys, "stats", "--db", str(demo))
    assert code == 1 and out == "" and "数据表 party_members 缺少列 status" in err and "no such column" not in err
