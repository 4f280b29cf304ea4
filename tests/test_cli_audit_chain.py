"""`main.py check --full` on an operation log changed with plain sqlite3, run as IT staff run it.

The changes are made by a separate script (python -c with sqlite3, no program code), and
the command is a fresh interpreter: exit status and the one line it prints are what a
scheduled check or an auditor sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db import audit
from db.backup import MANIFEST, read_manifest
from db.database import open_database
from tests.db.test_backup import add_member
from tests.seed import seed_basics

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def sqlite_script(path: Path, sql: str) -> None:
    """Someone with the file and Python's sqlite3, nothing of this program."""
    script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()"
    subprocess.run([sys.executable, "-c", script, str(path), sql], check=True, timeout=60)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A small office database (no accounts) with 11 log entries."""
    path = tmp_path / "office" / "community.sqlite3"
    path.parent.mkdir()
    db = open_database(path)
    with db.session() as s, s.begin():
        seed_basics(s)
    add_member(db, "张三", "131")
    add_member(db, "李四", "132")
    with db.session() as s, s.begin():
        audit.record(s, "export", "party_members", None, "名册.xlsx")
    db.close()
    return path


def test_an_untouched_log_checks_whole(office: Path) -> None:
    result = cli("check", "--db", str(office), "--full")
    assert (result.returncode, result.stdout, result.stderr) == (0, "数据库完好。\n", "")


def test_a_script_deleting_a_log_entry_makes_check_full_fail_naming_it(office: Path) -> None:
    sqlite_script(office, "DELETE FROM audit_log WHERE id = 7;")
    result = cli("check", "--db", str(office), "--full")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == ("错误：操作日志第 6 条之后被改动或删除："
                             "第 6 条与第 8 条之间有记录被删除、插入或调换了次序。\n")
    assert cli("check", "--db", str(office)).returncode == 0  # the quick check at start does not walk the log


def test_a_script_editing_a_log_entry_makes_check_full_fail_naming_it(office: Path) -> None:
    sqlite_script(office, "UPDATE audit_log SET username = 'admin' WHERE id = 3;")
    result = cli("check", "--db", str(office), "--full")
    assert result.returncode == 1
    assert result.stderr == "错误：操作日志第 2 条之后被改动或删除：第 3 条与程序记下的内容不符。\n"


def test_deleting_the_newest_entries_after_a_backup_fails_check_full(office: Path) -> None:
    made = cli("backup", "--db", str(office))
    assert made.returncode == 0, made.stderr
    [entry] = read_manifest(office.parent / "backups")
    assert entry["audit_log"]["last_id"] == 11 and entry["counts"]["党员"] == 2
    sqlite_script(office, "DELETE FROM audit_log WHERE id > 8;")
    result = cli("check", "--db", str(office), "--full")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("错误：操作日志第 8 条之后被改动或删除：")
    assert "备份时日志已记到第 11 条（共 11 条），现在只到第 8 条" in result.stderr
    sqlite_script(office, "DELETE FROM audit_log;")
    result = cli("check", "--db", str(office), "--full")
    assert result.returncode == 1 and "现在只到第 0 条" in result.stderr


def test_restore_says_what_it_brings_back(office: Path, tmp_path: Path) -> None:
    made = cli("backup", "--db", str(office))
    backup = Path(made.stdout.splitlines()[0])
    db = open_database(office, create=False)
    add_member(db, "王五", "133")
    db.close()
    result = cli("restore", "--db", str(office), "--from", str(backup))
    assert result.returncode == 0, result.stderr
    assert "恢复的数据：党员 2 · 网格员 0 · 调解案件 0 · 志愿者 0 · 服务记录 0" in result.stdout.splitlines()
    assert [e["kind"] for e in read_manifest(office.parent / "backups")] == ["backup", "backup", "restore"]
    result = cli("check", "--db", str(office), "--full")  # the log is the backup's now, plus the restore's entry
    assert (result.returncode, result.stdout) == (0, "数据库完好。\n"), result.stderr
    assert (office.parent / "backups" / MANIFEST).is_file()
