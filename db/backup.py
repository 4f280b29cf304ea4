"""Backups with SQLite's online backup API, verified before they count, and restore.

A backup is made in two steps: SQLite copies the live database (consistent even while the
window is using it) to a temporary file beside it, which must pass integrity_check; then the
file is copied to the backup folder — possibly a USB drive, where a full disk is the usual
failure — under a .part name and renamed only when complete. So the folder only ever holds
whole, verified backups, and the oldest beyond `keep` are removed after a new one is in.
A `cancelled()` callable is asked between steps; when it answers True the backup stops with
InterruptedError and, like a failure, leaves neither the scratch copy nor a .part file.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from db.health import check_file, record_counts

DEFAULT_KEEP = 30
NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
CHUNK = 1 << 20


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


def list_backups(folder: Path, *, with_counts: bool = False) -> list[BackupInfo]:
    """Backups in the folder, newest first (only files named the way backup_database names them)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite3"):
        taken = taken_at(path)
        if taken is not None:
            found.append(BackupInfo(path, taken, path.stat().st_size, record_counts(path) if with_counts else {}))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backup_due(folder: Path, today: date | None = None) -> bool:
    """The automatic backup at opening runs at most once a day."""
    today = today or date.today()
    return not any(b.taken_at.date() == today for b in list_backups(folder))


def _disk_message(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT if hasattr(errno, "EDQUOT") else errno.ENOSPC):
        return f"备份失败：“{folder}”所在的磁盘已满，请清理空间或换一个备份位置。"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"备份失败：没有权限写入“{folder}”（只读或被保护），请换一个备份位置。"
    return f"备份失败：无法写入“{folder}”（{exc.strerror or exc}）。"


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
    part = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(prefix="community-desk-backup-", dir=_scratch_dir(db_path)) as scratch:
        copy = Path(scratch) / "snapshot.sqlite3"
        try:
            snapshot(db_path, copy, progress, cancelled)
        except InterruptedError:
            raise
        except sqlite3.Error as exc:
            raise BackupError(f"备份失败：无法读取数据库（{exc}）。") from exc
        except OSError as exc:
            raise BackupError(_disk_message(exc, copy.parent)) from exc
        health = check_file(copy, full=True)
        if not health.ok:
            raise BackupError(f"备份未通过校验，未保存：{health.message}")
        _stop_if(cancelled)
        try:
            _copy(copy, part, opener, cancelled)
            os.replace(part, target)
        except InterruptedError:  # an OSError too: caught first so a cancel is not called a disk fault
            part.unlink(missing_ok=True)
            raise
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise BackupError(_disk_message(exc, folder)) from exc
    prune(folder, keep)
    return BackupInfo(target, at.replace(microsecond=0), target.stat().st_size)


def _scratch_dir(db_path: Path) -> Path:
    """Beside the database (same disk, known to be writable), else the system temp folder."""
    return db_path.parent if os.access(db_path.parent, os.W_OK) else Path(tempfile.gettempdir())


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest backups beyond `keep` (at least one is always kept)."""
    removed = []
    for old in list_backups(folder)[max(keep, 1):]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError:
            pass  # a file someone opened; the next backup tries again
    return removed


def restore_database(db_path: Path, backup: Path, folder: Path, **backup_options: Any) -> BackupInfo | None:
    """Replace the database's contents with a verified backup, backing up the current file first.

    The caller must have closed its own connections. Returns the safety backup made of the
    current file (None when there was no current file).
    """
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise BackupError("备份文件就是当前数据库本身，不能用它恢复。")
    health = check_file(backup, full=True)
    if not health.ok:
        raise BackupError(f"不能用这个备份恢复：{health.message}")
    if not record_counts(backup):  # "healthy" but without our tables: restoring it would erase everything
        raise BackupError(f"不能用这个备份恢复：“{backup.name}”是空的数据库，里面没有任何数据表。")
    safety = None
    if db_path.exists() and check_file(db_path).ok:
        safety = backup_database(db_path, folder, keep=10**6, **backup_options)  # never pruned by its own restore
    elif db_path.exists():  # a damaged current file: keep it aside as it is, for whoever investigates
        aside = db_path.with_name(f"{db_path.stem}.damaged-{datetime.now():%Y%m%d-%H%M%S}{db_path.suffix}")
        shutil.copy2(db_path, aside)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        db_path.unlink()
    try:
        snapshot(backup, db_path)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"恢复失败：{exc}。当前数据已先备份在“{safety.path if safety else folder}”。") from exc
    return safety
