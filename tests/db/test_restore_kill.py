"""A restore killed at any moment leaves the old database or the new one, whole, never a mix;
what the killed process left (scratch folders, its lock) is cleaned or taken over afterwards.

`main.py restore` runs as a real process on a ~30 MB database and kills itself with SIGKILL at
the k-th of its kill points (db.backup.kill_point, enabled by CD_TEST_KILL_AT). A first, whole
run lists the points; 20 of them are chosen deterministically: every point between the named
steps (backup checked, safety backup taken and verified, copy verified, old log folded in,
new file in place, …) and the rest spread evenly over the page-copy steps. After each kill,
`check --full` must pass and the record counts (and the hours logged) must be the old ones or
the new ones. Takes about 40 s.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from db.backup import KILL_AT, KILL_POINTS_LOG, list_backups
from db.database import open_database
from db.demo import fill_demo
from db.health import check_file, record_counts
from db.lock import is_gone, lock_path, read_lock
from main import main

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="this platform has no SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
POINTS = 20


def restore(path: Path, backup: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "restore", "--db", str(path), "--from", str(backup)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


def fingerprint(path: Path) -> tuple[dict[str, int], float]:
    """Live records per register and the hours logged: differ between the old and the new file
    on pages all over it (the new one was rewritten by VACUUM)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        hours = conn.execute("SELECT total(hours) FROM service_logs WHERE deleted_at IS NULL").fetchone()[0]
    return record_counts(path), hours


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The database before the restore (with changes still in its write-ahead log, -wal kept beside
    it) and the backup put back (the same community, a tenth of the members and a seventh of the
    service logs deleted, every hour changed, rewritten by VACUUM)."""
    folder = tmp_path_factory.mktemp("restore-kill")
    base = folder / "base.sqlite3"
    db = open_database(base)
    fill_demo(db, scale=2)
    db.close()
    new = folder / "community-20261201-090000.sqlite3"
    shutil.copy(base, new)
    with closing(sqlite3.connect(new)) as conn:
        conn.execute("UPDATE party_members SET deleted_at = '2026-12-01 09:00:00' WHERE id % 10 = 0")
        conn.execute("UPDATE service_logs SET deleted_at = '2026-12-01 09:00:00' WHERE id % 7 = 0")
        conn.execute("UPDATE service_logs SET hours = hours + 0.5")
        conn.commit()
        conn.execute("VACUUM")
    old = folder / "old" / "community.sqlite3"
    old.parent.mkdir()
    shutil.copy(base, old)
    writer = sqlite3.connect(old)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE party_members SET deleted_at = '2026-11-30 17:00:00' WHERE id % 13 = 0")
    writer.commit()
    for suffix in ("", "-wal"):  # the files as a window that died would leave them: changes only in the log
        shutil.copy(f"{old}{suffix}", folder / f"old-template.sqlite3{suffix}")
    writer.close()
    template = folder / "old-template.sqlite3"
    assert Path(f"{template}-wal").stat().st_size > 0
    # ~30 MB: the demo at scale 2 with its residents, visits, incidents and a year of moral-bank
    # points (before them, long notes on every person made it 20 MB)
    assert 19_000_000 < template.stat().st_size < 40_000_000 and new.stat().st_size > 15_000_000
    return template, new


def put_old_in_place(template: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, path)
    shutil.copy(f"{template}-wal", f"{path}-wal")


def choose(points: list[tuple[int, str]]) -> list[int]:
    """Every named step, then page-copy steps spread evenly, POINTS in all, in order."""
    named = [n for n, label in points if label not in ("snapshot step", "copy a chunk")]
    steps = [n for n, label in points if n not in named]
    wanted = POINTS - len(named)
    assert 0 < wanted <= len(steps), (named, len(steps))
    spread = [steps[round(i * (len(steps) - 1) / (wanted - 1))] for i in range(wanted)]
    chosen = sorted(set(named) | set(spread))
    assert len(chosen) == POINTS
    return chosen


def test_a_restore_killed_at_20_points_leaves_the_old_or_the_new_database(
        capsys, old_and_new: tuple[Path, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template, backup = old_and_new
    path = tmp_path / "office" / "community.sqlite3"
    path.parent.mkdir()
    safety_folder = path.parent / "backups"
    put_old_in_place(template, path)
    before, after = fingerprint(path), fingerprint(backup)
    assert before != after and before[0]["党员"] != after[0]["党员"]

    log = tmp_path / "points.txt"
    whole = restore(path, backup, **{KILL_POINTS_LOG: str(log)})
    assert whole.returncode == 0, whole.stderr
    assert fingerprint(path) == after
    points = [(int(n), label) for n, label in (line.split("\t") for line in log.read_text("utf-8").splitlines())]
    labels = {label for _, label in points}
    assert {"restore: copy verified", "restore: old file's log folded in", "restore: new file in place"} <= labels
    chosen = choose(points)

    outcomes, leftovers, checked_safety = [], 0, False
    for k in chosen:
        shutil.rmtree(safety_folder, ignore_errors=True)
        put_old_in_place(template, path)
        killed = restore(path, backup, **{KILL_AT: str(k)})
        assert killed.returncode == -signal.SIGKILL, (k, points[k - 1], killed.stderr)
        assert lock_path(path).exists() and is_gone(read_lock(path))  # its lock stays, known to be dead
        leftovers += bool(list(path.parent.glob("community-desk-*")) or list(safety_folder.glob("community-desk-*")))
        assert main(["check", "--full", "--db", str(path)]) == 0, (k, points[k - 1], capsys.readouterr().err)
        assert capsys.readouterr().out == "数据库完好。\n"
        state = fingerprint(path)
        assert state in (before, after), (k, points[k - 1], state)
        outcomes.append(state == after)
        assert not Path(f"{path}-journal").exists()
        for safety in list_backups(safety_folder):  # a safety backup, when one was finished, is the old data
            assert fingerprint(safety.path) == before
            if not checked_safety:  # (and whole: checked once, the check is what makes it a backup)
                checked_safety = check_file(safety.path, full=True).ok
    assert outcomes[0] is False and outcomes[-1] is True and outcomes.count(True) < POINTS  # both ends were hit
    assert checked_safety and leftovers >= POINTS // 2  # the kills did leave scratch folders behind ...

    again = restore(path, backup)  # ... which the next restore removes, taking the dead copy's lock over
    assert again.returncode == 0, again.stderr
    assert fingerprint(path) == after and not lock_path(path).exists()
    assert not list(path.parent.glob("community-desk-*")) and not list(safety_folder.glob("community-desk-*"))
