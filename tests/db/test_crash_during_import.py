"""A process killed in the middle of writing leaves the database as it was before the write.

`main.py import members` runs as a real process on a 30,000-row ledger; once SQLite is
writing (the -wal file has grown past WRITING_BYTES) it is killed with SIGKILL, the nearest a
test gets to pulling the plug: no rollback, no close, no atexit. Opening the file afterwards
must find it whole, with only the members that were there before and no import logged.
A second test kills a loop of single saves: every save committed is kept, none half-written.

SIGKILL does not drop what the operating system has not yet written to disk, so this proves
SQLite's transaction (and our single transaction per import), not the disk's write cache.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.database import open_database
from db.demo.names import id_number, mobile, person_name
from db.health import check_file
from db.models import AuditEntry, PartyMember, Person
from tests.db.test_backup import add_member
from tests.seed import seed_basics

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="this platform has no SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
ROWS = 30_000
WRITING_BYTES = 2 << 20  # the import's inserts have spilled this much into the WAL: it is writing
TIMEOUT_S = 300  # a slow two-core CI machine reads and checks 30,000 rows in well under this
SEEDED = ("张三", "李四", "王五")


def make_ledger(path: Path, rows: int) -> None:
    """Valid members, generated the way bench/bench_import.py does (unique ID and mobile numbers)."""
    rnd = random.Random(11)
    used_ids: set[str] = set()
    used_phones: set[str] = set()
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(["序号", "姓名", "性别", "出生日期", "公民身份号码", "入党日期", "党员类别", "所属党支部",
                      "手机号", "现住址"])
        for n in range(1, rows + 1):
            gender = rnd.choice(("male", "female"))
            born = date(1940, 1, 1) + timedelta(days=rnd.randint(0, 60 * 365))
            admitted = min(born + timedelta(days=19 * 365 + rnd.randint(0, 3000)), date(2024, 1, 1))
            out.writerow([n, person_name(rnd, gender), "男" if gender == "male" else "女", born.isoformat(),
                          id_number(rnd, born, gender, used_ids), admitted.isoformat(), "正式党员",
                          f"第{rnd.randint(1, 3)}党支部", mobile(rnd, used_phones),
                          f"南山生活区{rnd.randint(1, 40)}栋"])


def seeded_database(path: Path) -> None:
    db = open_database(path)
    with db.session() as s, s.begin():
        seed_basics(s)
    for i, name in enumerate(SEEDED):
        add_member(db, name, f"{131 + 2 * i}")
    db.close()


def wal_size(db_path: Path) -> int:
    try:
        return Path(f"{db_path}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def kill_when_writing(proc: subprocess.Popen[bytes], db_path: Path) -> int:
    """SIGKILL `proc` as soon as the WAL passes WRITING_BYTES; the WAL size at the kill."""
    deadline = time.monotonic() + TIMEOUT_S
    while (size := wal_size(db_path)) < WRITING_BYTES:
        if proc.poll() is not None:
            _out, err = proc.communicate()
            pytest.fail(f"the import ended (exit {proc.returncode}) before it could be killed while writing; "
                        f"make the ledger bigger than {ROWS:,} rows. stderr: {err.decode(errors='replace')[-300:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the import had not started writing after {TIMEOUT_S} s")
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the import finished on its own before the kill landed"
    return size


def counts(db_path: Path) -> tuple[int, int, int]:
    """(members, people, import entries) as the next start of the program sees them."""
    db = open_database(db_path, create=False)
    try:
        with db.session() as s:
            return (s.scalar(select(func.count()).select_from(PartyMember)) or 0,
                    s.scalar(select(func.count()).select_from(Person)) or 0,
                    s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "import")) or 0)
    finally:
        db.close()


def test_killed_import_leaves_the_database_as_before(tmp_path: Path) -> None:
    db_path = tmp_path / "community.sqlite3"
    seeded_database(db_path)
    before = counts(db_path)
    assert before == (len(SEEDED), len(SEEDED), 0)
    ledger = tmp_path / "党员台账.csv"
    make_ledger(ledger, ROWS)

    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "import", "members", str(ledger),
                             "--db", str(db_path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    wal_at_kill = kill_when_writing(proc, db_path)
    assert wal_at_kill >= WRITING_BYTES and Path(f"{db_path}-wal").exists()  # uncommitted pages were on disk

    health = check_file(db_path, full=True)  # the file exactly as the killed process left it
    assert health.ok, health.message
    assert counts(db_path) == before  # not one of the 30,000 rows, and no import logged
    assert check_file(db_path, full=True).ok


SAVE_LOOP = """
import sys
from pathlib import Path
from db.database import open_database
from tests.db.test_backup import add_member

db = open_database(Path(sys.argv[1]), create=False)
for n in range(400):  # ID serials 500-899: none of the seeded ones
    add_member(db, "循环" + "甲乙丙丁戊己庚辛壬癸"[n % 10], f"{500 + n:03d}")
    print(n + 1, flush=True)
"""


def test_killed_save_loop_keeps_every_committed_save(tmp_path: Path) -> None:
    """Single saves, each its own transaction: after the kill, exactly the committed ones are there."""
    db_path = tmp_path / "community.sqlite3"
    seeded_database(db_path)
    proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(db_path)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None
    deadline = time.monotonic() + TIMEOUT_S
    saved = 0
    while saved < 40:
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"the save loop ended early: {proc.stderr.read().decode(errors='replace')[-300:]}")
        saved = int(line)
        assert time.monotonic() < deadline, "the save loop is too slow"
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=60)
    printed = [int(n) for n in rest.split()]
    saved = printed[-1] if printed else saved
    assert proc.returncode == -signal.SIGKILL

    assert check_file(db_path, full=True).ok
    members, people, _ = counts(db_path)
    assert members == people  # never a person without the member record saved with it
    assert members - len(SEEDED) in (saved, saved + 1)  # the last save may have committed before it printed
