"""The window's start after a restore was killed: the dead copy's lock is taken over, its scratch
folder removed, and the database opened is the old one or the new one, whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.backup import KILL_AT, KILL_POINTS_LOG, backup_database
from db.database import Database
from db.health import check_file
from db.lock import is_gone, lock_path, read_lock
from db.models import PartyMember
from desktop.safety.startup import open_for_window
from tests.db.test_backup import add_member

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="this platform has no SIGKILL"),
              pytest.mark.sqlite_only]  # a killed restore of the .sqlite3 file: its lock and scratch files

ROOT = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 11, 25, 14, 5, 0)


def restore(path: Path, backup: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "restore", "--db", str(path), "--from", str(backup)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


@pytest.mark.parametrize("label", ["restore: copy verified", "restore: new file in place"])
def test_the_start_after_a_killed_restore_takes_its_lock_and_removes_its_scratch(
        qtbot, db: Database, tmp_path: Path, label: str) -> None:  # type: ignore[no-untyped-def]
    add_member(db, "张三", "131")
    backup = backup_database(db.path, tmp_path / "usb", at=T0).path
    add_member(db, "李四", "222")
    db.close()
    before = db.path.read_bytes()
    log = tmp_path / "points.txt"
    assert restore(db.path, backup, **{KILL_POINTS_LOG: str(log)}).returncode == 0  # lists the points
    at = next(int(n) for n, name in (line.split("\t") for line in log.read_text("utf-8").splitlines())
              if name == label)
    db.path.write_bytes(before)  # the two members again: the file the killed restore replaces
    killed = restore(db.path, backup, **{KILL_AT: str(at)})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert lock_path(db.path).exists() and is_gone(read_lock(db.path))
    assert list(db.path.parent.glob("community-desk-restore-*"))
    opened = open_for_window(db.path)
    assert opened is not None
    try:
        assert opened.lock.held and read_lock(db.path) == opened.lock.info  # taken over
        assert not list(db.path.parent.glob("community-desk-*"))
        with opened.db.session() as s:
            count = s.scalar(select(func.count()).select_from(PartyMember))
        assert count == (1 if label == "restore: new file in place" else 2)
    finally:
        opened.close()
    assert check_file(db.path, full=True).ok
