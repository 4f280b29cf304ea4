"""The operation log's hash chain: whole as the program writes it, broken by plain sqlite3.

Each attack is made the way someone with the file would make it — plain sqlite3 on a closed
database — and the full check (db.health.check_file, what `check --full` and 工具 → 检查数据库
run) must name the last entry still as written. What the chain cannot notice is pinned here
too, so the README's words stay true.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert

from db import audit
from db.accounts import create_user, sign_in
from db.audit_chain import COLUMNS, GENESIS, Head, entry_hash, head_of, verify
from db.backup import (
    MANIFEST,
    backup_counts,
    backup_database,
    default_backup_dir,
    list_backups,
    read_manifest,
    restore_database,
)
from db.data_settings import save_data_settings
from db.database import Database, migrate, open_database
from db.health import AUDIT_LOG, check_file, record_counts
from db.models import AuditEntry
from db.office import set_setting
from tests.db.test_backup import add_member

# Every attack here is plain sqlite3 on the closed file, and the judge is the file check
# (db.health.check_file) with the heads beside the file's backups. The chain on a server:
# tests/db/test_audit_chain_server.py.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
LAST = 15  # entries in the `log` database


def said(path: Path) -> str:
    """What the full check says (its message whether or not the file passes)."""
    return check_file(path, full=True).message


def tamper(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    """What anyone with the file can do: plain sqlite3, no program in between."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql, params if "?" in sql else ())
        conn.commit()
    finally:
        conn.close()


def rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT id, {', '.join(COLUMNS)}, prev_hash, entry_hash FROM audit_log "
                            "ORDER BY id").fetchall()
    finally:
        conn.close()


def recorded_at(path: Path) -> str:
    """When the newest head beside the backups was written, as the check says it."""
    return str(read_manifest(default_backup_dir(path))[-1]["recorded_at"])[:16].replace("T", " ")


def last_id(path: Path) -> int:
    return int(rows(path)[-1][0])


def reseal_from(path: Path, start: int) -> None:
    """The attacker who has this program: seal every entry from `start` on again, as it would."""
    conn = sqlite3.connect(path)
    try:
        found = conn.execute(f"SELECT id, {', '.join(COLUMNS)} FROM audit_log ORDER BY id").fetchall()
        prev = GENESIS
        for row in found:
            if row[0] >= start:
                sealed = entry_hash(dict(zip(COLUMNS, row[1:], strict=True)), prev)
                conn.execute("UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?", (prev, sealed, row[0]))
            prev = conn.execute("SELECT entry_hash FROM audit_log WHERE id = ?", (row[0],)).fetchone()[0]
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def log(db: Database) -> Iterator[Path]:
    """A closed database whose log was written every way the program writes it: entries added to
    the session (record), entries the flush inserts in bulk (creates, updates), several a flush."""
    add_member(db, "张三", "131")
    add_member(db, "李四", "132")
    with db.session() as s, s.begin():
        audit.record(s, "export", "party_members", None, "党员名册.xlsx", {"rows": 2})
        audit.record(s, "print", "party_members", 1, "张三")
        set_setting(s, "community_name", "幸福社区")
    with db.session() as s, s.begin():
        set_setting(s, "community_name", "幸福社区居委会")
        audit.record(s, "reveal", "persons", 1, "张三")
    db.close()
    assert last_id(db.path) == LAST
    yield db.path


def test_an_untouched_log_passes_and_every_entry_is_sealed(log: Path) -> None:
    found = rows(log)
    assert [r[0] for r in found] == list(range(1, LAST + 1))
    assert found[0][-2] == GENESIS and all(r[-2] == p[-1] for p, r in zip(found, found[1:], strict=False))
    assert all(r[-1] == entry_hash(dict(zip(COLUMNS, r[1:9], strict=True)), str(r[-2])) for r in found)
    health = check_file(log, full=True)
    assert health.ok and health.message == "数据库完好。"
    assert check_file(log).ok  # the quick check at start does not walk the log


@pytest.mark.parametrize("column, value", [
    ("details", "'{}'"), ("summary", "'王五'"), ("username", "'admin'"), ("computer", "'OTHER-PC'"),
    ("action", "'update'"), ("register", "'grids'"), ("record_id", "record_id + 1"),
    ("at", "'2020-01-01 08:00:00.000000'"),
])
def test_an_edited_entry_is_named(log: Path, column: str, value: str) -> None:
    tamper(log, f"UPDATE audit_log SET {column} = {value} WHERE id = 9")
    health = check_file(log, full=True)
    assert not health.ok and health.kind == AUDIT_LOG
    assert health.message == "操作日志第 8 条之后被改动或删除：第 9 条与程序记下的内容不符。"


def test_a_deleted_middle_entry_is_named(log: Path) -> None:
    tamper(log, "DELETE FROM audit_log WHERE id = 9")
    assert said(log) == "操作日志第 8 条之后被改动或删除：第 8 条与第 10 条之间有记录被删除、插入或调换了次序。"


def test_the_first_entries_deleted(log: Path) -> None:
    tamper(log, "DELETE FROM audit_log WHERE id <= 2")
    assert said(log) == "操作日志从第一条起被改动或删除：第 3 条之前的记录被删除或调换了次序。"


def test_two_entries_swapped_are_named(log: Path) -> None:
    tamper(log, "UPDATE audit_log SET id = -9 WHERE id = 9", "UPDATE audit_log SET id = 9 WHERE id = 10",
           "UPDATE audit_log SET id = 10 WHERE id = -9")
    assert said(log) == "操作日志第 8 条之后被改动或删除：第 8 条与第 9 条之间有记录被删除、插入或调换了次序。"


def test_an_entry_moved_by_its_time_only_is_an_edit(log: Path) -> None:
    """Sorting is by id; changing when an entry says it happened changes its content."""
    tamper(log, "UPDATE audit_log SET at = '2026-01-01 00:00:00.000000' WHERE id = 12")
    assert said(log).startswith("操作日志第 11 条之后被改动或删除：第 12 条")


def _make_room_after(path: Path, entry: int) -> None:
    tamper(path, f"UPDATE audit_log SET id = id + 1000 WHERE id > {entry}",
           "UPDATE audit_log SET id = id - 999 WHERE id > 1000")


def test_a_forged_entry_without_a_seal_is_named(log: Path) -> None:
    tamper(log, "INSERT INTO audit_log (at, username, computer, action, register, record_id, summary, details) "
                "VALUES ('2026-12-03 09:00:00', 'admin', 'PC', 'login', '', NULL, '', '{}')")
    assert said(log) == f"操作日志第 {LAST} 条之后被改动或删除：第 {LAST + 1} 条没有校验码，不是本程序记下的。"


def test_a_forged_entry_slipped_in_with_a_copied_seal_is_named(log: Path) -> None:
    _make_room_after(log, 8)
    tamper(log, "INSERT INTO audit_log (id, at, username, computer, action, register, record_id, summary, details, "
                "prev_hash, entry_hash) SELECT 9, at, 'admin', computer, 'purge', 'party_members', 2, '李四', '{}', "
                "prev_hash, entry_hash FROM audit_log WHERE id = 10")
    assert said(log) == "操作日志第 8 条之后被改动或删除：第 9 条与程序记下的内容不符。"


def test_a_forged_entry_sealed_with_the_programs_own_code_breaks_the_next_link(log: Path) -> None:
    """The worst case: the forger computes a right seal for the entry slipped in. The entry after it
    still names the seal of the entry that was there before."""
    _make_room_after(log, 8)
    prev = str(rows(log)[7][-1])  # entry 8's seal
    values = {"at": "2026-12-03 09:00:00.000000", "username": "admin", "computer": "PC", "action": "purge",
              "register": "party_members", "record_id": 2, "summary": "李四", "details": "{}"}
    tamper(log, "INSERT INTO audit_log (id, at, username, computer, action, register, record_id, summary, details, "
                "prev_hash, entry_hash) VALUES (9, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           params=(*values.values(), prev, entry_hash(values, prev)))
    assert said(log) == "操作日志第 9 条之后被改动或删除：第 9 条与第 10 条之间有记录被删除、插入或调换了次序。"


def test_an_emptied_log_is_noticed_through_the_head_a_backup_recorded(log: Path) -> None:
    backup_database(log, default_backup_dir(log))
    assert check_file(log, full=True).ok
    tamper(log, "DELETE FROM audit_log")
    message = said(log)
    assert message.startswith("操作日志从第一条起被改动或删除：") and message.endswith(
        f"备份时日志已记到第 {LAST} 条（共 {LAST} 条），现在只到第 0 条。")


def test_the_newest_entries_deleted_are_noticed_through_the_head_beside_the_backups(log: Path) -> None:
    backup_database(log, default_backup_dir(log))
    tamper(log, f"DELETE FROM audit_log WHERE id > {LAST - 3}")
    message = said(log)
    assert message.startswith(f"操作日志第 {LAST - 3} 条之后被改动或删除：")
    assert message.endswith(f"备份时日志已记到第 {LAST} 条（共 {LAST} 条），现在只到第 {LAST - 3} 条。")
    assert check_file(log, full=True).kind == AUDIT_LOG


def test_the_newest_entries_deleted_then_written_over_by_the_program(log: Path) -> None:
    """SQLite gives the next entry the freed id: the head's id exists again, with another seal."""
    backup_database(log, default_backup_dir(log))
    tamper(log, f"DELETE FROM audit_log WHERE id > {LAST - 3}")
    db = open_database(log)
    for n in range(4):
        with db.session() as s, s.begin():
            audit.record(s, "export", "grids", None, f"网格{n}.xlsx")
    db.close()
    assert last_id(log) == LAST + 1
    assert said(log).startswith("操作日志从第一条起被改动或删除：")
    assert said(log).endswith(f"第 {LAST} 条与 {recorded_at(log)} 备份时记下的不同，日志被删改后重新接续过。")


def test_the_head_in_the_configured_backup_folder_counts(db: Database, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    with db.session() as s, s.begin():
        save_data_settings(s, str(usb), 30, 15)
    db.close()
    backup_database(db.path, usb)
    assert not default_backup_dir(db.path).exists()
    tamper(db.path, f"DELETE FROM audit_log WHERE id = {last_id(db.path)}")
    assert "备份时日志已记到第" in said(db.path)


def test_a_recomputed_chain_is_noticed_for_entries_a_backup_recorded(log: Path, tmp_path: Path) -> None:
    folder = default_backup_dir(log)
    first = backup_database(log, folder)  # head at LAST
    db = open_database(log)
    for n, name in enumerate(("王一", "王二", "王三")):
        add_member(db, name, f"14{n}")
    db.close()
    end = last_id(log)
    backup_database(log, folder)  # head at `end`
    tamper(log, f"UPDATE audit_log SET username = 'nobody' WHERE id = {LAST + 2}")
    reseal_from(log, LAST + 2)
    assert verify(sqlite3.connect(log)) is None  # the chain alone is whole again
    assert said(log) == (f"操作日志第 {LAST} 条之后被改动或删除：第 {end} 条与 {recorded_at(log)} 备份时记下的不同，"
                         "日志被删改后重新接续过。")
    assert first.path.exists()


def test_what_the_chain_cannot_notice(log: Path) -> None:
    """Said in the README: without a backup since, the newest entries can be deleted, and with
    this program's code any entry can be edited and the chain computed again."""
    tamper(log, f"DELETE FROM audit_log WHERE id > {LAST - 2}")
    assert check_file(log, full=True).ok
    tamper(log, "UPDATE audit_log SET username = 'nobody' WHERE id = 3")
    assert not check_file(log, full=True).ok
    reseal_from(log, 3)
    assert check_file(log, full=True).ok


def test_the_heads_of_another_database_in_the_same_folder_are_not_ours(log: Path, tmp_path: Path) -> None:
    other = log.with_name("other.sqlite3")
    db = open_database(other)
    for n in range(3):
        with db.session() as s, s.begin():
            audit.record(s, "export", "grids", None, f"{n}.xlsx")
    db.close()
    backup_database(other, default_backup_dir(log))  # the same folder
    assert check_file(log, full=True).ok


def test_a_restore_replaces_the_log_without_a_false_alarm(log: Path) -> None:
    folder = default_backup_dir(log)
    old = backup_database(log, folder)
    db = open_database(log)
    add_member(db, "王五", "133")
    db.close()
    backup_database(log, folder)  # a head the restored log will not have
    restore_database(log, old.path, folder)
    assert last_id(log) == LAST and check_file(log, full=True).ok
    restore = read_manifest(folder)[-1]
    assert restore["kind"] == "restore" and restore["file"] == old.path.name
    assert restore["audit_log"]["last_id"] == LAST and restore["counts"]["党员"] == 2
    tamper(log, f"DELETE FROM audit_log WHERE id = {LAST}")  # the head the restore recorded still holds
    assert f"从备份恢复时日志已记到第 {LAST} 条" in said(log)


def test_a_backup_copied_over_the_database_by_hand_reads_as_deleted_entries(log: Path) -> None:
    folder = default_backup_dir(log)
    old = backup_database(log, folder)
    db = open_database(log)
    add_member(db, "王五", "133")
    db.close()
    backup_database(log, folder)
    for suffix in ("-wal", "-shm"):
        Path(f"{log}{suffix}").unlink(missing_ok=True)
    log.write_bytes(old.path.read_bytes())
    assert f"现在只到第 {LAST} 条" in said(log)


def test_backup_and_restore_checks_leave_the_log_out(log: Path) -> None:
    """A log changed by hand is evidence, not damage to the data: it is backed up as it is, and
    such a backup can be restored."""
    tamper(log, "UPDATE audit_log SET summary = 'x' WHERE id = 5")
    assert check_file(log, full=True, audit_chain=False).ok
    info = backup_database(log, default_backup_dir(log))
    assert "第 5 条" in said(info.path)  # the backup carries the evidence
    restore_database(log, info.path, default_backup_dir(log))
    assert "第 5 条" in said(log)


def test_the_manifest_holds_counts_per_register_and_the_head(log: Path) -> None:
    folder = default_backup_dir(log)
    info = backup_database(log, folder)
    (entry,) = read_manifest(folder)
    conn = sqlite3.connect(log)
    head = head_of(conn)
    conn.close()
    assert entry["kind"] == "backup" and entry["database"] == log.name and entry["file"] == info.path.name
    assert entry["size"] == info.size and entry["taken_at"].startswith(f"{info.taken_at:%Y-%m-%dT%H:%M:%S}")
    assert entry["counts"] == record_counts(log) == info.counts and info.counts["党员"] == 2
    assert head == Head(LAST, str(rows(log)[-1][-1]), LAST) and entry["audit_log"] == head.as_json()
    assert list_backups(folder, with_counts=True)[0].counts == info.counts
    lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == entry


def test_a_restore_shows_counts_without_opening_the_backup(log: Path) -> None:
    folder = default_backup_dir(log)
    info = backup_database(log, folder)
    manifest = folder / MANIFEST
    entry = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(entry | {"counts": {"党员": 99}}, ensure_ascii=False) + "\n{cut sho",
                        encoding="utf-8")
    assert backup_counts(info.path) == {"党员": 99}  # read from the manifest (a torn last line is skipped)
    with info.path.open("ab") as f:  # a file not as the manifest describes it: counted in the file
        f.write(b"\0" * 4096)
    assert backup_counts(info.path) == record_counts(info.path)


def test_a_seal_put_on_by_code_is_replaced_and_statement_values_are_refused(log: Path) -> None:
    db = open_database(log)
    with db.session() as s, s.begin():
        s.add(AuditEntry(username=db.actor.username, action="export", summary="x", prev_hash=GENESIS,
                         entry_hash="f" * 64))
    with pytest.raises(ValueError, match="校验链"), db.session() as s, s.begin():
        s.connection().execute(insert(AuditEntry).values(username="x", action="login"))
    db.close()
    assert rows(log)[-1][-1] != "f" * 64 and check_file(log, full=True).ok


def test_signed_in_accounts_of_every_role_extend_the_chain(db: Database) -> None:
    with db.session() as s, s.begin():
        create_user(s, "admin", "Secret-123", "admin")
    admin = sign_in(db, "admin", "Secret-123")
    db.actor = admin
    with db.session() as s, s.begin():
        create_user(s, "zhao", "Viewer-123", "viewer")
    add_member(db, "张三", "131")
    viewer = sign_in(db, "zhao", "Viewer-123")  # a role that may only append log entries
    db.actor = viewer
    with db.session() as s, s.begin():
        audit.record(s, "export", "party_members", None, "名册.xlsx")
    db.close()
    assert {r[2] for r in rows(db.path)} >= {"admin", "zhao"}
    assert check_file(db.path, full=True).ok


def test_an_older_database_is_sealed_as_it_is_upgraded(log: Path) -> None:
    """0005 seals the entries a database already has, in id order: the same seals the program
    gives them as it writes them."""
    before = rows(log)
    db = open_database(log)
    migrate(db.engine, "0004_surname_keys", down=True)
    db.close()
    conn = sqlite3.connect(log)
    assert "entry_hash" not in {r[1] for r in conn.execute("PRAGMA table_info(audit_log)")}
    assert check_file(log, full=True).ok  # a file at 0004 has no chain to verify
    conn.close()
    open_database(log).close()  # upgrades to head
    assert rows(log) == before and check_file(log, full=True).ok


WRITER = """
import sys, time
from pathlib import Path
from sqlalchemy.exc import OperationalError
from db import audit
from db.database import open_database
from db.office import set_setting
db = open_database(Path(sys.argv[1]))
me, n = sys.argv[2], int(sys.argv[3])
for i in range(n):
    for attempt in range(200):
        try:
            with db.session() as s, s.begin():
                set_setting(s, "writer_" + me, str(i))  # an entry the flush inserts
                audit.record(s, "export", "grids", None, me + ":" + str(i))  # one added to the session
            break
        except OperationalError:  # the other writers hold the file: the next try
            time.sleep(0.01)
    else:
        raise SystemExit("never got to write")
db.close()
"""


def test_the_chain_holds_with_several_programs_writing_at_once(log: Path) -> None:
    writers, each = 4, 25
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(log), f"w{k}", str(each)], cwd=ROOT)
             for k in range(writers)]
    assert [p.wait(timeout=300) for p in procs] == [0] * writers
    found = rows(log)
    summaries = [r[7] for r in found if r[4] == "export" and str(r[7]).startswith("w")]
    assert sorted(summaries) == sorted(f"w{k}:{i}" for k in range(writers) for i in range(each))
    assert len(found) == LAST + writers * each * 2
    assert check_file(log, full=True).ok
