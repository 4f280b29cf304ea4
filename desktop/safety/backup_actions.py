"""Backing up from the window: "Back up now", the daily backup at opening and the one at closing.

All three run db.backup.backup_database into the folder the data settings name, keeping the
number of copies they name, then leave an audit entry ("backup") and remember the folder in
this PC's settings (desktop.safety.folders) so the backups can be found even when the
database itself is damaged. The file work runs off the UI thread, except at closing, where
the window is going away and a small progress dialog may block.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QStatusBar, QWidget
from sqlalchemy import func, select

from db import audit
from db.backup import BackupInfo, backup_database, backup_due
from db.data_settings import data_settings
from db.database import Database
from db.models import AuditEntry
from desktop.common.job import BackgroundJob
from desktop.safety.folders import remember_folder
from desktop.safety.formatting import file_size
from desktop.safety.text import Safety

Opener = Callable[[Path], IO[bytes]]
KIND_SUMMARY = {"manual": "手动备份", "opening": "打开时自动备份", "closing": "关闭时自动备份"}

# The last audit entry each database had when this process backed it up. Every change leaves an
# audit entry, so an unchanged number at closing means the closing backup would only be a copy of
# the last one — and copies of nothing new would push the older days out of the `keep` kept.
_backed_up_at: dict[Path, int] = {}
# Opening backups still running: the closing backup waits for them (and the database stays open).
_opening_jobs: set[BackgroundJob] = set()



def backup_target(db: Database) -> tuple[Path, int]:
    """The folder and the number of copies to keep, from the data settings in the database."""
    with db.session() as s:
        settings = data_settings(s)
    return settings.folder_for(db.path), settings.backup_keep


def run_backup(db: Database, folder: Path, keep: int, kind: str, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None, opener: Opener | None = None) -> BackupInfo:
    """The work itself (any thread): the verified backup, then its audit entry, committed.

    Raises BackupError (a Chinese sentence) or InterruptedError when cancelled; either way
    nothing is left in the folder and nothing is logged.
    """
    options: dict[str, Any] = {"keep": keep, "progress": progress}
    if cancelled is not None:
        options["cancelled"] = cancelled
    if opener is not None:
        options["opener"] = opener
    info = backup_database(db.path, folder, **options)
    with db.session() as s, s.begin():
        audit.record(s, "backup", "database", None, f"{KIND_SUMMARY.get(kind, kind)}：{info.path.name}",
                     {"file": str(info.path), "size": info.size, "kind": kind})
    _backed_up_at[db.path.resolve()] = _last_entry(db)
    return info


def _last_entry(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(AuditEntry.id))) or 0


def unchanged_since_backup(db: Database) -> bool:
    """True when this process backed the database up and nothing was written since."""
    mark = _backed_up_at.get(db.path.resolve())
    return mark is not None and mark == _last_entry(db)


def done_message(info: BackupInfo) -> str:
    return (Safety.tr("The backup is saved as %1 (%2) in %3.")
            .replace("%1", info.path.name).replace("%2", file_size(info.size)).replace("%3", str(info.path.parent)))


def back_up_in_background(parent: QWidget, db: Database, on_done: Callable[[BackupInfo | None], None] | None = None,
                          *, opener: Opener | None = None) -> BackgroundJob:
    """"Back up now": a progress dialog with Cancel, then a message saying where and how large.

    `on_done` receives the BackupInfo, or None when the backup failed or was cancelled, after
    the message is dismissed. `opener` replaces the file writer (tests simulate a full disk).
    """
    try:
        folder, keep = backup_target(db)
    except Exception as exc:  # a database that cannot even say its settings: still not a traceback
        QMessageBox.warning(parent, Safety.tr("Not backed up"), str(exc))
        if on_done is not None:
            on_done(None)
        idle = BackgroundJob(lambda progress, cancelled: None)  # callers always get a job to wait on
        idle.start()
        return idle

    job = BackgroundJob(lambda progress, cancelled: run_backup(db, folder, keep, "manual", progress, cancelled, opener))
    dialog = QProgressDialog(Safety.tr("Backing up to %1…").replace("%1", str(folder)), Safety.tr("Cancel"), 0, 100,
                             parent)
    dialog.setObjectName("backup_progress")
    dialog.setWindowTitle(Safety.tr("Back up now"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)
    job.progress.connect(lambda done, total: dialog.setValue(int(done * 100 / max(total, 1))))

    def finished(info: BackupInfo) -> None:
        dialog.reset()
        remember_folder(info.path.parent)
        QMessageBox.information(parent, Safety.tr("Backed up"), done_message(info))
        if on_done is not None:
            on_done(info)

    def failed(message: str) -> None:
        dialog.reset()
        QMessageBox.warning(parent, Safety.tr("Not backed up"), message)
        if on_done is not None:
            on_done(None)

    def cancelled() -> None:
        dialog.reset()
        if on_done is not None:
            on_done(None)

    job.finished.connect(finished)
    job.failed.connect(failed)
    job.cancelled.connect(cancelled)
    job.start()
    return job


def back_up_at_opening(db: Database, status_bar: QStatusBar | None = None) -> BackgroundJob | None:
    """The automatic backup of the day, quietly in the background: progress and outcome in the status bar.

    Returns None when today's backup is already there (or the settings cannot be read), and on a
    server database (the administrator backs the server up); otherwise the started job, whose
    finished(BackupInfo) / failed(str) the caller may also use.
    """
    if db.is_server:
        return None
    try:
        folder, keep = backup_target(db)
        if not backup_due(folder):
            return None
    except Exception:
        return None
    job = BackgroundJob(lambda progress, cancelled: run_backup(db, folder, keep, "opening", progress, cancelled))

    def show(text: str, ms: int = 0) -> None:
        if status_bar is not None:
            status_bar.showMessage(text, ms)

    def finished(info: BackupInfo) -> None:
        remember_folder(info.path.parent)
        show(Safety.tr("Backed up automatically: %1 (%2)").replace("%1", str(info.path))
             .replace("%2", file_size(info.size)), 10_000)

    job.progress.connect(lambda done, total: show(Safety.tr("Backing up… %1%")
                                                  .replace("%1", str(done * 100 // (total or 1)))))
    job.finished.connect(finished)
    job.failed.connect(lambda message: show(Safety.tr("The automatic backup failed: %1").replace("%1", message)))
    show(Safety.tr("Backing up…"))
    _opening_jobs.add(job)
    for signal in (job.finished, job.failed, job.cancelled):
        signal.connect(lambda *_args: _opening_jobs.discard(job))
    job.start()
    return job


def _wait_for_opening_backups(seconds: float = 120) -> None:
    """Events are processed while waiting: a job's thread only ends once the UI thread has heard it finish."""
    deadline = time.monotonic() + seconds
    while any(job.is_running() for job in _opening_jobs) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)


def back_up_on_close(parent: QWidget | None, db: Database, *, opener: Opener | None = None) -> None:
    """The backup as the window closes, on the UI thread with a small progress dialog.

    Never raises: a failure is shown and closing goes on; Skip stops the backup (nothing left).
    Skipped too when nothing was written since this session's last backup (the copy would be
    the same). An opening backup still running is waited for first. Nothing on a server database
    (a file copy of it is the administrator's backup, not this PC's).
    """
    if db.is_server:
        return
    dialog: QProgressDialog | None = None
    try:
        _wait_for_opening_backups()
        if unchanged_since_backup(db):
            return
        folder, keep = backup_target(db)
        dialog = QProgressDialog(Safety.tr("Backing up before closing…"), Safety.tr("Skip"), 0, 100, parent)
        dialog.setObjectName("close_backup_progress")
        dialog.setWindowTitle(Safety.tr("Back up"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(500)
        shown = dialog

        def progress(done: int, total: int) -> None:
            shown.setValue(int(done * 100 / max(total, 1)))
            QApplication.processEvents()

        info = run_backup(db, folder, keep, "closing", progress, shown.wasCanceled, opener)
        remember_folder(info.path.parent)
    except InterruptedError:
        pass
    except Exception as exc:  # noqa: BLE001  (whatever went wrong, the window still closes)
        if dialog is not None:
            dialog.reset()
        try:
            QMessageBox.warning(parent, Safety.tr("Not backed up"), str(exc) or type(exc).__name__)
        except Exception:  # noqa: BLE001
            pass
    finally:
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
