"""A safe start: one copy per database, a quick check, and a way back to a good backup.

`open_for_window()` is what the app calls before it builds the window. It never shows a
traceback and never opens an empty window on a file it could not read: a file another copy
holds is named (computer, user, time) and the start stops; a damaged, truncated, foreign or
newer-version file is explained in the recovery dialog, which offers the latest backup that
passes the full check (searched in the folders this PC remembers and beside the database).
The decisions are small functions without dialogs, so they are tested on their own.

A database on a server (a URL) has no file to lock, check or restore: desktop.connect.opening
connects to it (asking the password where needed) and the lock is None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from db.backup import BackupError, BackupInfo, clean_leftovers, restore_database
from db.database import Database, DatabaseOpenError, default_db_path, open_database
from db.gate import record_restore
from db.health import check_file
from db.location import is_url
from db.lock import DatabaseLock, DatabaseLocked
from db.permissions import SYSTEM
from desktop.safety.folders import backup_folders
from desktop.safety.restore_dialog import find_backups
from desktop.safety.text import Safety
from desktop.settings import Settings

__all__ = ["OpenedDatabase", "Problem", "backup_folders", "diagnose", "latest_good_backup", "open_for_window",
           "try_open"]



@dataclass
class OpenedDatabase:
    """The open database and its lock (None for a server database: the lock is per file); the
    caller releases the lock when the window closes.

    `restored_from` names the backup put back during the start, for a status-bar word.
    """

    db: Database
    lock: DatabaseLock | None
    restored_from: Path | None = None

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()


@dataclass(frozen=True)
class Problem:
    """Why the file could not be opened, and what that means for what is offered."""

    reason: str  # Chinese, from db.health / db.database
    kind: str  # damaged | not_sqlite | foreign | newer | busy | read_only | disk_full | io_error | other

    @property
    def upgrade(self) -> bool:
        return self.kind == "newer"

    @property
    def can_restore(self) -> bool:
        """Only over a file that is really damaged (or not ours). A file another program holds,
        one in a read-only folder, on a full disk or a failing drive is healthy: replacing it
        would lose the work since the backup, and would fail anyway. Try again instead."""
        return self.kind not in ("busy", "read_only", "disk_full", "io_error")


def _kind(message: str) -> str:
    for words, kind in (("更新版本", "newer"), ("不是 SQLite", "not_sqlite"), ("其他程序的", "foreign"),
                        ("独占", "busy"), ("只读", "read_only"), ("磁盘已满", "disk_full"), ("读写数据库", "io_error"),
                        ("损坏", "damaged"), ("不完整", "damaged")):
        if words in message:
            return kind
    return "other"


def diagnose(path: Path) -> Problem | None:
    """The quick check's verdict on an existing file (a missing one is a new database: no problem)."""
    if not path.exists():
        return None
    health = check_file(path)
    return None if health.ok else Problem(health.message, _kind(health.message))


def try_open(path: Path) -> Database | Problem:
    """The quick check, then open_database (which creates, upgrades or refuses)."""
    problem = diagnose(path)
    if problem is not None:
        return problem
    try:
        return open_database(path)
    except DatabaseOpenError as exc:
        return Problem(str(exc), _kind(str(exc)))
    except Exception as exc:  # noqa: BLE001  (whatever SQLite says, it is said in a sentence)
        return Problem(f"无法打开数据库“{path}”：{exc}", "other")


def latest_good_backup(folders: list[Path], good: Callable[[Path], bool] | None = None) -> BackupInfo | None:
    """The newest backup in any of the folders that passes the full integrity check (its data: a
    log changed by hand does not make the data of a backup unusable)."""
    good = good or (lambda p: check_file(p, full=True, audit_chain=False).ok)
    for info in find_backups(folders):
        if good(info.path):
            return info
    return None


def _restore(path: Path, backup: Path) -> None:
    """Put the backup in place at start (no window yet: the actor is the system) and log it."""
    restore_database(path, backup, backup.parent)


def _log_restore(db: Database, backup: Path) -> None:
    try:
        record_restore(db, SYSTEM, f"启动时从备份恢复：{backup.name}", {"backup": str(backup)})  # nobody signed in yet
    except Exception:  # noqa: BLE001  (the log entry is not worth refusing a good database over)
        pass


def open_for_window(path: Path | str | None, parent: QWidget | None = None,
                    settings: Settings | None = None) -> OpenedDatabase | None:
    """Lock, check and open the database for the window; None when the start should stop.
    A server URL is connected to instead (no lock, no file check)."""
    from desktop.safety.recovery_dialog import RecoveryDialog

    if path is not None and is_url(path):
        from desktop.connect.opening import open_server_for_window

        opened_server = open_server_for_window(str(path), parent, settings)
        if opened_server is None or isinstance(opened_server, Database):
            return None if opened_server is None else OpenedDatabase(opened_server, None)
        path = opened_server  # the person chose this PC's own database file instead
    path = Path(path) if path is not None else default_db_path()
    lock = DatabaseLock(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        clean_leftovers(path.parent)  # scratch folders of a backup or restore killed last time
    except DatabaseLocked as exc:
        QMessageBox.warning(parent, Safety.tr("The database is in use"), str(exc))
        return None
    except OSError as exc:
        QMessageBox.critical(parent, Safety.tr("Cannot open the database"),
                             f"无法在“{path.parent}”建立或锁定数据库：{exc.strerror or exc}。")
        return None
    restored: Path | None = None
    try:
        while True:
            opened = try_open(path)
            if isinstance(opened, Database):
                if restored is not None:
                    _log_restore(opened, restored)
                return OpenedDatabase(opened, lock, restored)
            folders = backup_folders(path, settings)
            dialog = RecoveryDialog(path, opened, latest_good_backup(folders), folders, parent)
            dialog.exec()
            if dialog.action == "quit":
                lock.release()
                return None
            if dialog.action == "restore" and dialog.backup is not None:
                try:
                    _restore(path, dialog.backup)
                    restored = dialog.backup
                except BackupError as exc:
                    QMessageBox.warning(parent, Safety.tr("Not restored"), str(exc))
    except Exception as exc:  # noqa: BLE001  (never a traceback at start)
        lock.release()
        QMessageBox.critical(parent, Safety.tr("Cannot open the database"), str(exc) or type(exc).__name__)
        return None
