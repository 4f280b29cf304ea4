"""Nothing left behind: what a killed backup or restore leaves (scratch folders beside the database
and in the backup folder) is removed by the next backup or restore, but never the scratch of a
backup running now in another process; and a restore over a database whose last changes are
still in its write-ahead log neither loses them nor replays them into the restored file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.backup import (
    KILL_AT,
    KILL_POINTS_LOG,
    OWNER_FILE,
    BackupError,
    backup_database,
    clean_leftovers,
    list_backups,
    restore_database,
)
from db.database import Database, open_database
from db.health import check_file
from db.lock import is_gone, read_info, this_process
from db.models import PartyMember
from tests.db.test_backup import add_member

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="this platform has no SIGKILL"),
              pytest.mark.sqlite_only]  # scratch files and the write-ahead log of a .sqlite3 file

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 12, 1, 9, 0, 0)
BACKUP = ("import sys; from pathlib import Path; from db.backup import backup_database; "
          "backup_database(Path(sys.argv[1]), Path(sys.argv[2]))")
RESTORE = ("import sys; from pathlib import Path; from db.backup import restore_database; "
           "restore_database(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))")


def python(code: str, *args: object, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, **env})


def points(code: str, *args: object, tmp_path: Path) -> dict[str, int]:
    """The first kill point of each label in a whole run."""
    log = tmp_path / "points.txt"
    log.unlink(missing_ok=True)
    assert python(code, *args, **{KILL_POINTS_LOG: str(log)}).returncode == 0
    found: dict[str, int] = {}
    for line in log.read_text("utf-8").splitlines():
        n, label = line.split("\t")
        found.setdefault(label, int(n))
    return found


def scratch(folder: Path) -> list[Path]:
    return sorted(folder.glob("community-desk-*"))


def pad(db: Database) -> None:
    """A few MB, so the backup takes several steps and chunks."""
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS padding (x BLOB)")
        conn.executemany("INSERT INTO padding VALUES (?)", [(os.urandom(100_000),) for _ in range(30)])
        conn.commit()


def members(path: Path) -> int:
    db = open_database(path)
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(PartyMember)) or 0
    db.close()
    return count


@pytest.mark.parametrize("label", ["snapshot step", "backup: snapshot verified", "copy a chunk", "backup: copied"])
def test_a_killed_backups_scratch_is_removed_by_the_next_backup(db: Database, tmp_path: Path, label: str) -> None:
    add_member(db, "张三", "131")
    pad(db)
    db.close()
    folder = tmp_path / "backups"
    at = points(BACKUP, db.path, folder, tmp_path=tmp_path)[label]
    for whole in list_backups(folder):
        whole.path.unlink()
    killed = python(BACKUP, db.path, folder, **{KILL_AT: str(at)})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = scratch(db.path.parent) + scratch(folder)
    assert left and all(is_gone(read_info(p / OWNER_FILE) or this_process()) for p in left)
    assert list_backups(folder) == []  # nothing half-made counts as a backup
    info = backup_database(db.path, folder, at=T0)
    assert scratch(db.path.parent) == [] and scratch(folder) == []
    assert [b.path for b in list_backups(folder)] == [info.path] and check_file(info.path, full=True).ok


def owned(folder: Path, name: str, owner: dict[str, object] | None, age_s: float = 0) -> Path:
    path = folder / name
    path.mkdir()
    (path / "snapshot.sqlite3").write_bytes(b"half a copy")
    if owner is not None:
        (path / OWNER_FILE).write_text(json.dumps(owner, ensure_ascii=False), encoding="utf-8")
    if age_s:
        then = time.time() - age_s
        os.utime(path, (then, then))
    return path


def test_only_what_an_ended_process_left_is_removed(tmp_path: Path) -> None:
    """Another process backing up now (alive), another computer (cannot be checked), a folder just
    made (its owner record not yet written) are left alone."""
    here = this_process()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    try:
        alive = owned(tmp_path, "community-desk-backup-alive", {"computer": here.computer, "pid": running.pid,
                                                                "opened_at": here.opened_at})
        other_pc = owned(tmp_path, "community-desk-restore-otherpc", {"computer": "OTHER-PC\\wang", "pid": 4242,
                                                                      "opened_at": here.opened_at})
        fresh = owned(tmp_path, "community-desk-backup-fresh", None)
        someone_elses = owned(tmp_path, "community-desk-fonts", None, age_s=7200)
        dead = owned(tmp_path, "community-desk-backup-dead", {"computer": here.computer, "pid": ended.pid,
                                                              "opened_at": here.opened_at})
        half_written = owned(tmp_path, "community-desk-restore-half", None)
        (half_written / OWNER_FILE).write_text('{"computer": "', encoding="utf-8")
        old_unowned = owned(tmp_path, "community-desk-backup-old", None, age_s=7200)
        old_part = tmp_path / "community-20261101-090000.sqlite3.part"  # left by an older version
        old_part.write_bytes(b"x")
        os.utime(old_part, (time.time() - 7200, time.time() - 7200))
        new_part = tmp_path / "community-20261201-090000.sqlite3.part"
        new_part.write_bytes(b"x")
        removed = clean_leftovers(tmp_path, tmp_path / "missing")
        assert sorted(removed) == sorted([dead, half_written, old_unowned, old_part])
        assert all(p.exists() for p in (alive, other_pc, fresh, someone_elses, new_part))
        running.kill()
        running.wait()
        assert clean_leftovers(tmp_path) == [alive]  # the backup it was running is over
    finally:
        running.kill()


def test_a_link_named_like_a_scratch_folder_is_not_followed(tmp_path: Path) -> None:
    """Someone's link community-desk-backup-x → their documents, with a dead owner inside: the
    clean-up removes only real scratch folders, never what a link points at."""
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / OWNER_FILE).write_text('{"computer": "?", "pid": 0, "opened_at": ""}', encoding="utf-8")
    (documents / "台账.xlsx").write_bytes(b"keep me")
    (tmp_path / "office").mkdir()
    (tmp_path / "office" / "community-desk-backup-link").symlink_to(documents, target_is_directory=True)
    assert clean_leftovers(tmp_path / "office") == []
    assert (documents / "台账.xlsx").read_bytes() == b"keep me"


def test_the_scratch_of_a_backup_running_in_another_process_survives_a_backup_here(db: Database,
                                                                                  tmp_path: Path) -> None:
    add_member(db, "张三", "131")
    here = this_process()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = owned(db.path.parent, "community-desk-backup-theirs",
                       {"computer": here.computer, "pid": running.pid, "opened_at": here.opened_at})
        backup_database(db.path, tmp_path / "backups", at=T0)
        assert scratch(db.path.parent) == [theirs] and (theirs / "snapshot.sqlite3").exists()
    finally:
        running.kill()
        running.wait()


def wal_database(db: Database, tmp_path: Path) -> tuple[Path, Path, sqlite3.Connection]:
    """A backup with 1 member; then the database with 3, the last two only in its -wal (a writer
    still holds it open, so nothing folds the log in)."""
    add_member(db, "张三", "131")
    backup = backup_database(db.path, tmp_path / "backups", at=T0).path
    db.close()
    add_member(db, "李四", "222")  # (a closed Database's engine opens new connections when asked)
    db.close()
    writer = sqlite3.connect(db.path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE party_members SET notes = '在日志里' WHERE id = 1")
    writer.commit()
    assert Path(f"{db.path}-wal").stat().st_size > 0
    return db.path, backup, writer


def test_a_restore_over_a_database_with_its_last_changes_in_the_wal(db: Database, tmp_path: Path) -> None:
    """The old log is folded in before the rename: the safety backup has the changes, the restored
    file gets none of them (a -wal left beside it would be replayed into it)."""
    path, backup, writer = wal_database(db, tmp_path)
    saved = tmp_path / "wal-copy"
    saved.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{path}{suffix}", saved / f"c.sqlite3{suffix}")
    writer.close()  # as the window does before a restore; this folds the log in, so put it back as it was
    for suffix in ("", "-wal"):
        shutil.copy(saved / f"c.sqlite3{suffix}", f"{path}{suffix}")
    assert Path(f"{path}-wal").stat().st_size > 0
    safety = restore_database(path, backup, tmp_path / "backups")
    assert not Path(f"{path}-wal").exists() and check_file(path, full=True).ok
    assert members(path) == 1
    assert safety is not None and members(safety.path) == 2
    with closing(sqlite3.connect(safety.path)) as conn:
        assert conn.execute("SELECT notes FROM party_members WHERE id = 1").fetchone()[0] == "在日志里"


def test_a_restore_killed_after_folding_the_log_in_keeps_the_old_changes(db: Database, tmp_path: Path) -> None:
    path, backup, writer = wal_database(db, tmp_path)
    saved = tmp_path / "wal-copy"
    saved.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy(f"{path}{suffix}", saved / f"c.sqlite3{suffix}")
    writer.close()

    def as_left() -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            shutil.copy(saved / f"c.sqlite3{suffix}", f"{path}{suffix}")

    as_left()
    folder = tmp_path / "backups"
    at = points(RESTORE, path, backup, folder, tmp_path=tmp_path)
    for label in ("restore: safety backup made", "restore: old file's log folded in"):
        as_left()
        killed = python(RESTORE, path, backup, folder, **{KILL_AT: str(at[label])})
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert check_file(path, full=True).ok and members(path) == 2, label
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("SELECT notes FROM party_members WHERE id = 1").fetchone()[0] == "在日志里"
    assert scratch(path.parent)  # the killed restore's copy; the next restore removes it
    restore_database(path, backup, folder)
    assert members(path) == 1 and scratch(path.parent) == [] and scratch(folder) == []


def test_a_restore_while_another_program_holds_the_database_open_is_refused(db: Database, tmp_path: Path) -> None:
    """Its log cannot be folded in or removed while it is open elsewhere; renaming the backup over
    the file then would lose that program's changes or replay them into the restored file."""
    path, backup, writer = wal_database(db, tmp_path)
    try:
        with pytest.raises(BackupError, match="其他程序"):
            restore_database(path, backup, tmp_path / "backups")
        writer.execute("UPDATE party_members SET notes = '仍可写入' WHERE id = 2")
        writer.commit()
    finally:
        writer.close()
    assert check_file(path, full=True).ok and members(path) == 2
    with closing(sqlite3.connect(path)) as conn:
        notes = [r[0] for r in conn.execute("SELECT notes FROM party_members ORDER BY id")]
    assert notes == ["在日志里", "仍可写入"] and scratch(path.parent) == []
