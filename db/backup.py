"""Backups with SQLite's online backup API, verified before they count, and restore.

A backup is made in two steps: SQLite copies the live database (consistent even while the
window is using it) to a temporary file beside it, which must pass integrity_check; then the
file is copied to the backup folder — possibly a USB drive, where a full disk is the usual
failure — under a .part name and renamed only when complete. So the folder only ever holds
whole, verified backups, and the oldest beyond `keep` are removed after a new one is in.
A `cancelled()` callable is asked between steps; when it answers True the backup stops with
InterruptedError and, like a failure, leaves neither the scratch copy nor a .part file.

Scratch files live in folders named community-desk-backup-* / community-desk-restore-* (beside
the database, and in the backup folder for the .part file), each with an owner record in the
lock file's format (db.lock). A process killed mid-way cannot remove its folder, so every
backup and restore, and the window's start, first removes the folders whose owner has ended;
a folder of a backup running now in another process is left alone.

A restore never writes into the live file: the backup is copied beside it, verified, and then
renamed over it in one step, after the old file's write-ahead log has been folded into it and
removed (a log left beside the new file would be replayed into it). Killed at any moment, the
database is the old one or the new one, never a mix; tests/db/test_restore_kill.py kills it at
20 points (the kill points below) to show it.

Each backup folder keeps a manifest, backup-manifest.jsonl: one line appended per backup (its
file, the record counts per register, the operation log's chain head) and per restore (what was
put back). The counts let a restore show what it brings back without opening every file; the
heads let the full check notice entries deleted from the end of the log (db.audit_chain). Lines
are never removed, not even when their backup is pruned: an old head still holds.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from db.audit_chain import head_of_file
from db.health import STORAGE_PROBLEMS, check_file, record_counts
from db.lock import is_gone, read_info, this_process, write_info
from db.storage_errors import explain

DEFAULT_KEEP = 30
NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?(?P<suffix>\.sqlite3|\.dump)$")  # .dump: a server's
CHUNK = 1 << 20
SCRATCH_KINDS = ("backup", "restore")
OWNER_FILE = "owner.json"
UNOWNED_STALE_S = 3600  # a scratch folder without an owner record (older versions) is removed after an hour
MANIFEST = "backup-manifest.jsonl"


class BackupError(Exception):
    """str() is one Chinese sentence for the user."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    counts: dict[str, int] = field(default_factory=dict)


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def taken_at(path: Path) -> datetime | None:
    """When a backup was taken, from the name backup_database gives it (None for other files)."""
    m = NAME.match(path.name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def list_backups(folder: Path, *, with_counts: bool = False, suffix: str = ".sqlite3",
                 stem: str | None = None) -> list[BackupInfo]:
    """Backups in the folder, newest first (only files named the way backup_database names them;
    with `suffix` ".dump", a server database's dumps, db.server_backup; with `stem`, of that name only)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{suffix}"):
        taken, named = taken_at(path), NAME.match(path.name)
        if taken is not None and named is not None and stem in (None, named.group("stem")):
            found.append(BackupInfo(path, taken, path.stat().st_size, backup_counts(path) if with_counts else {}))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def read_manifest(folder: Path) -> list[dict[str, Any]]:
    """The folder's manifest lines, oldest first ([] when there is none or it cannot be read)."""
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:  # a line cut short by a kill
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _append_manifest(folder: Path, entry: dict[str, Any]) -> None:
    """One line, written in one call and flushed to the disk: lines of two programs backing up at
    once do not mix, and a kill leaves at most one unreadable last line."""
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with (folder / MANIFEST).open("a", encoding="utf-8") as f:
        f.write(line)
        f.flush()
        os.fsync(f.fileno())


def _manifest_entry(kind: str, db_path: Path, file: Path, copy: Path) -> dict[str, Any]:
    """What `copy` (the verified snapshot of a backup, or the backup a restore puts back) holds."""
    head = head_of_file(copy)
    return {"kind": kind, "database": db_path.name, "file": file.name, "recorded_at": datetime.now().isoformat(),
            "size": copy.stat().st_size, "counts": record_counts(copy), "audit_log": head.as_json() if head else None}


def backup_counts(path: Path) -> dict[str, int]:
    """Live records per register in a backup: from its folder's manifest when it names this file
    (same size), else counted in the file itself."""
    for entry in reversed(read_manifest(path.parent)):
        if entry.get("kind") == "backup" and entry.get("file") == path.name and isinstance(entry.get("counts"), dict):
            try:
                if int(entry.get("size", -1)) == path.stat().st_size:
                    return {str(k): int(v) for k, v in entry["counts"].items()}
            except (OSError, TypeError, ValueError):
                break
            break
    return record_counts(path)


def backup_due(folder: Path, today: date | None = None) -> bool:
    """The automatic backup at opening runs at most once a day."""
    today = today or date.today()
    return not any(b.taken_at.date() == today for b in list_backups(folder))


_FULL_ERRNOS = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_DENIED_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


def _disk_message(exc: OSError, folder: Path) -> str:
    if exc.errno in _FULL_ERRNOS:
        return f"备份失败：“{folder}”所在的磁盘已满，请清理空间或换一个备份位置。"
    if exc.errno in _DENIED_ERRNOS:
        return f"备份失败：没有权限写入“{folder}”（只读或被保护），请换一个备份位置。"
    return f"备份失败：无法写入“{folder}”（{exc.strerror or exc}）。"


KILL_AT = "CD_TEST_KILL_AT"  # tests: the process kills itself (SIGKILL) at this kill point (1, 2, …)
KILL_POINTS_LOG = "CD_TEST_KILL_POINTS"  # tests: a file each kill point's label is appended to
_points_passed = 0


def kill_point(label: str) -> None:
    """A place where a killed backup or restore must leave the data whole. Does nothing unless a
    test sets CD_TEST_KILL_AT / CD_TEST_KILL_POINTS in the environment of the process it runs."""
    global _points_passed
    log, kill_at = os.environ.get(KILL_POINTS_LOG), os.environ.get(KILL_AT)
    if not log and not kill_at:
        return
    _points_passed += 1
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{_points_passed}\t{label}\n")
    if kill_at and int(kill_at) == _points_passed:
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
        os._exit(137)  # Windows: no SIGKILL; end without any clean-up all the same


@contextmanager
def _scratch(parent: Path, kind: str) -> Iterator[Path]:
    """A scratch folder owned by this process, removed when the work ends (however it ends,
    short of the process being killed: then clean_leftovers removes it later)."""
    path = Path(tempfile.mkdtemp(prefix=f"community-desk-{kind}-", dir=parent))
    try:
        owner = path / (OWNER_FILE + ".tmp")
        with owner.open("w", encoding="utf-8") as f:
            write_info(f, this_process())
        os.replace(owner, path / OWNER_FILE)  # whole or absent: a half-written record would look dead
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def clean_leftovers(*folders: Path) -> list[Path]:
    """Remove what killed backups and restores left in these folders: scratch folders whose owner
    process has ended (or, without an owner record, untouched for an hour) and, from older
    versions, .part files untouched for an hour. Returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:  # missing or unreadable: nothing to clean there
            continue
        for entry in entries:
            try:
                if _is_link(entry):  # never follow a link (or a Windows junction) named like scratch
                    continue
                if entry.is_dir() and any(entry.name.startswith(f"community-desk-{k}-") for k in SCRATCH_KINDS):
                    owner = read_info(entry / OWNER_FILE)
                    if owner is None and now - entry.stat().st_mtime < UNOWNED_STALE_S:
                        continue
                    if owner is not None and not is_gone(owner):
                        continue  # a backup or restore running now in another process
                    shutil.rmtree(entry)
                    removed.append(entry)
                elif (entry.is_file() and entry.name.endswith(".sqlite3.part")
                      and now - entry.stat().st_mtime >= UNOWNED_STALE_S):
                    entry.unlink()
                    removed.append(entry)
            except OSError:
                pass  # in use or protected: the next start or backup tries again
    return removed


def _restore_disk_message(exc: OSError, folder: Path) -> str:
    if exc.errno in _FULL_ERRNOS:
        return f"恢复失败：“{folder}”所在的磁盘已满，放不下恢复的数据库，请清理空间后再试。"
    if exc.errno in _DENIED_ERRNOS:
        return f"恢复失败：没有权限写入数据库所在的文件夹“{folder}”（只读或被保护）。"
    return f"恢复失败：无法写入“{folder}”（{exc.strerror or exc}）。"


def _is_link(path: Path) -> bool:
    reparse = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0)
    return path.is_symlink() or bool(reparse and getattr(path.lstat(), "st_file_attributes", 0) & reparse)


Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def _stop_if(cancelled: Cancelled) -> None:
    if cancelled():
        raise InterruptedError("备份已取消。")


def _copy(src: Path, dst: Path, opener: Callable[[Path], IO[bytes]], cancelled: Cancelled = _never) -> None:
    with src.open("rb") as r, opener(dst) as w:
        while chunk := r.read(CHUNK):
            _stop_if(cancelled)
            kill_point("copy a chunk")
            w.write(chunk)
        w.flush()
        os.fsync(w.fileno())


def _open_for_writing(path: Path) -> IO[bytes]:
    return path.open("wb")


def snapshot(db_path: Path, target: Path, progress: Callable[[int, int], None] | None = None,
             cancelled: Cancelled = _never) -> None:
    """A consistent copy of the live database through the backup API (pages in steps).

    Raising from the step callback makes sqlite3 finish the backup and re-raise, so a cancel
    between steps (InterruptedError) stops the copy at once.
    """
    src = sqlite3.connect(db_path, timeout=10)
    try:
        dst = sqlite3.connect(target)
        try:
            def step(_status: int, remaining: int, total: int) -> None:
                _stop_if(cancelled)
                kill_point("snapshot step")
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=256, progress=step)
            # A rollback-journal file: opening it read-only later (checks, counts) leaves no -wal/-shm beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def backup_database(db_path: Path, folder: Path, *, keep: int = DEFAULT_KEEP, at: datetime | None = None,
                    opener: Callable[[Path], IO[bytes]] = _open_for_writing,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Cancelled = _never) -> BackupInfo:
    """Back up `db_path` into `folder`; raises BackupError (nothing half-written is left).

    Raises InterruptedError when `cancelled()` turns True before the backup is complete.
    """
    at = at or datetime.now()
    _stop_if(cancelled)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_disk_message(exc, folder)) from exc
    name = f"{db_path.stem}-{at:%Y%m%d-%H%M%S}"
    target = folder / f"{name}.sqlite3"
    n = 2
    while target.exists():
        target = folder / f"{name}-{n}.sqlite3"
        n += 1
    scratch_parent = _scratch_dir(db_path)
    clean_leftovers(scratch_parent, folder)
    try:
        return _backup_via(scratch_parent, db_path, folder, target, keep=keep, at=at, opener=opener,
                           progress=progress, cancelled=cancelled)
    except InterruptedError:  # an OSError too
        raise
    except OSError as exc:  # the scratch folder itself could not be made
        raise BackupError(_disk_message(exc, scratch_parent)) from exc


def _backup_via(scratch_parent: Path, db_path: Path, folder: Path, target: Path, *, keep: int, at: datetime,
                opener: Callable[[Path], IO[bytes]], progress: Callable[[int, int], None] | None,
                cancelled: Cancelled) -> BackupInfo:
    with _scratch(scratch_parent, "backup") as scratch:
        copy = scratch / "snapshot.sqlite3"
        try:
            snapshot(db_path, copy, progress, cancelled)
        except InterruptedError:
            raise
        except sqlite3.Error as exc:
            raise BackupError(f"备份失败：无法读取数据库（{exc}）。") from exc
        except OSError as exc:
            raise BackupError(_disk_message(exc, copy.parent)) from exc
        kill_point("backup: snapshot taken")
        # The data must be whole to count as a backup; a log changed by hand is kept as it is, for
        # whoever looks into it (the full check of the database names it).
        health = check_file(copy, full=True, audit_chain=False)
        if not health.ok:
            raise BackupError(f"备份未通过校验，未保存：{health.message}")
        kill_point("backup: snapshot verified")
        manifest = _manifest_entry("backup", db_path, target, copy) | {"taken_at": at.isoformat()}
        _stop_if(cancelled)
        try:
            # The .part file is written in a scratch folder of the backup folder itself: the rename
            # below stays on that drive, and a kill leaves a folder clean_leftovers knows.
            with _scratch(folder, "backup") as landing:
                part = landing / (target.name + ".part")
                _copy(copy, part, opener, cancelled)
                kill_point("backup: copied")
                os.replace(part, target)
                kill_point("backup: in place")
                try:
                    _append_manifest(folder, manifest)
                except OSError:
                    pass  # the backup is in place; its counts are read from the file, its head is not kept
        except InterruptedError:  # an OSError too: caught first so a cancel is not called a disk fault
            raise
        except OSError as exc:
            raise BackupError(_disk_message(exc, folder)) from exc
    prune(folder, keep)
    return BackupInfo(target, at.replace(microsecond=0), target.stat().st_size, manifest["counts"])


def _scratch_dir(db_path: Path) -> Path:
    """Beside the database (same disk, known to be writable), else the system temp folder."""
    return db_path.parent if os.access(db_path.parent, os.W_OK) else Path(tempfile.gettempdir())


def prune(folder: Path, keep: int, *, suffix: str = ".sqlite3", stem: str | None = None) -> list[Path]:
    """Remove the oldest backups beyond `keep` (at least one is always kept)."""
    removed = []
    for old in list_backups(folder, suffix=suffix, stem=stem)[max(keep, 1):]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError:
            pass  # a file someone opened; the next backup tries again
    return removed


def restore_database(db_path: Path, backup: Path, folder: Path, **backup_options: Any) -> BackupInfo | None:
    """Replace the database with a verified backup, backing up the current file first.

    The caller must have closed its own connections (and holds the database's lock). Returns the
    safety backup made of the current file (None when there was no current file, or it was
    damaged: then it is copied aside as it is, named .damaged-…). Killed at any point, the
    database is the old file or the new one, whole.
    """
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise BackupError("备份文件就是当前数据库本身，不能用它恢复。")
    if not backup.is_file():
        raise BackupError(f"不能用这个备份恢复：{check_file(backup).message}")
    current = check_file(db_path) if db_path.exists() else None
    if current is not None and current.kind in STORAGE_PROBLEMS:  # healthy, but cannot be replaced now
        raise BackupError(f"不能恢复：{current.message}")
    damaged = current is not None and not current.ok
    clean_leftovers(db_path.parent)
    safety = None
    try:
        with _scratch(db_path.parent, "restore") as scratch:
            # Copied first, and the copy is what is verified: exactly the file that will be put in place.
            incoming = scratch / backup.name
            try:
                snapshot(backup, incoming)
            except sqlite3.DatabaseError as exc:  # not a database at all, or cut short?
                health = check_file(backup, full=True, audit_chain=False)
                if health.ok:
                    raise  # the backup is fine: writing the copy failed (a full disk …)
                raise BackupError(f"不能用这个备份恢复：{health.message}") from exc
            kill_point("restore: backup copied beside the database")
            health = check_file(incoming, full=True, audit_chain=False)
            if not health.ok:
                raise BackupError(f"不能用这个备份恢复：{health.message}")
            if not record_counts(incoming):  # "healthy" but without our tables: restoring it would erase everything
                raise BackupError(f"不能用这个备份恢复：“{backup.name}”是空的数据库，里面没有任何数据表。")
            kill_point("restore: copy verified")
            if current is not None and not damaged:  # never pruned by its own restore
                safety = backup_database(db_path, folder, keep=10**6, **backup_options)
                kill_point("restore: safety backup made")
            if damaged:  # kept aside as it is, for whoever investigates
                _set_aside(db_path)
                kill_point("restore: damaged file set aside")
            _retire(db_path, damaged)
            kill_point("restore: old file's log folded in")
            _note_restore(db_path, backup, incoming, folder)
            _replace(incoming, db_path)
            kill_point("restore: new file in place")
    except sqlite3.Error as exc:
        said = explain(exc, db_path)
        raise BackupError(f"恢复失败：{said}{'' if said.endswith('。') else '。'}数据库未改动。") from exc
    except OSError as exc:
        where = f"当前数据已先备份在“{safety.path}”。" if safety else ""
        raise BackupError(f"{_restore_disk_message(exc, db_path.parent)}数据库未改动。{where}") from exc
    return safety


def _note_restore(db_path: Path, backup: Path, incoming: Path, folder: Path) -> None:
    """Say in the manifests that the log now is the backup's: heads recorded before are of a log
    that was replaced, not cut short. Written before the rename, so a kill never leaves a restored
    database whose older heads would read as deleted entries."""
    entry = _manifest_entry("restore", db_path, backup, incoming)
    for where in dict.fromkeys([folder, default_backup_dir(db_path)]):  # the check reads both
        try:
            where.mkdir(parents=True, exist_ok=True)
            _append_manifest(where, entry)
        except OSError:
            pass  # a drive gone: the restore itself does not depend on it


def _set_aside(db_path: Path) -> Path:
    aside = db_path.with_name(f"{db_path.stem}.damaged-{datetime.now():%Y%m%d-%H%M%S}{db_path.suffix}")
    shutil.copy2(db_path, aside)
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{aside}-wal"))
    return aside


def _retire(db_path: Path, damaged: bool) -> None:
    """Fold the old file's write-ahead log into it and remove the -wal/-shm files.

    A -wal file left beside the new file would be replayed into it on the next open: pages of
    the old database in the new one. Checkpointed first, so a kill before the rename leaves the
    old database whole without its log. A damaged file (set aside already) loses its log.
    """
    wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
    if not db_path.exists():
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
        return
    if not damaged:
        conn = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            conn.close()
        if str(mode).lower() != "delete" or wal.exists():
            raise BackupError("恢复失败：数据库正被其他程序使用，请关闭所有社区工作台后再恢复。数据库未改动。")
    else:
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)


def _replace(incoming: Path, db_path: Path) -> None:
    """One rename (atomic on the same drive), then the folder entry made durable."""
    for attempt in range(20):
        try:
            os.replace(incoming, db_path)
            break
        except PermissionError:  # Windows: a virus scanner or indexer holding the file for a moment
            if attempt == 19:
                raise
            time.sleep(0.25)
    if hasattr(os, "O_DIRECTORY"):
        try:
            fd = os.open(db_path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:  # the rename is done; only its durability across a power cut is not confirmed
            pass
