"""文件 → 立即备份 / 从备份恢复 on a server database, through db.server_backup (pg_dump, pg_restore).

The window's automatic backups at opening and closing are for files: a server is backed up by its
administrator (a scheduled `python main.py backup --db URL`), and from here when asked. The dump
goes to the folder the data settings name (else this PC's data folder, per server), and needs
PostgreSQL's pg_dump on this PC: where it is missing, the message says what to install. A
restore needs the database owner's connection; the server refuses anyone else, said in a
sentence. Both run off the UI thread behind a busy dialog: the server does not say how far it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.engine import URL

from db import audit
from db.backup import BackupError, BackupInfo
from db.database import Database, open_database
from db.gate import record_restore
from db.permissions import PermissionDenied, require
from desktop.common.busy_wait import wait_behind_busy_dialog
from desktop.common.context import AppContext
from desktop.safety.backup_actions import done_message
from desktop.safety.restore import describe
from desktop.safety.text import Safety


def _url(db: Database) -> URL:
    assert isinstance(db.location, URL)
    return db.location


def run_busy(parent: QWidget | None, title: str, text: str, work: Callable[[], Any]) -> Any:
    """`work()` off the UI thread behind a busy dialog; its result, or the BackupError it raised
    (any other failure as a BackupError with the job's sentence). pg_dump and a restore's one
    transaction cannot be stopped half-way here: no Cancel."""
    def run() -> Any:
        try:
            return work()
        except BackupError as exc:
            return exc

    return wait_behind_busy_dialog(run, BackupError, parent=parent, title=title, text=text, name="server_busy")


def back_up_server(db: Database) -> BackupInfo:
    """The dump into the folder and depth the data settings name, then its audit entry (any thread)."""
    from db.server_backup import backup_server, settings_of

    url = _url(db)
    settings = settings_of(url)
    info: BackupInfo = backup_server(url, settings.folder, keep=settings.keep)
    with db.session() as s, s.begin():
        audit.record(s, "backup", "database", None, f"手动备份：{info.path.name}",
                     {"file": str(info.path), "size": info.size, "kind": "manual"})
    return info


def back_up_server_now(parent: QWidget, db: Database) -> BackupInfo | None:
    """立即备份 on a server: the dump, then where it is and how large (or why not)."""
    result = run_busy(parent, Safety.tr("Back up now"), Safety.tr("Backing up the server's database…"),
                      lambda: back_up_server(db))
    if isinstance(result, BackupError):
        QMessageBox.warning(parent, Safety.tr("Not backed up"), str(result))
        return None
    QMessageBox.information(parent, Safety.tr("Backed up"), done_message(result))
    return result  # type: ignore[no-any-return]


def server_backups(db: Database) -> tuple[Path, list[BackupInfo]]:
    """The backup folder of a server database and the dumps in it, newest first."""
    from db.server_backup import list_server_backups, settings_of

    folder = settings_of(_url(db)).folder
    return folder, list_server_backups(folder, _url(db))


def restore_server_into(ctx: AppContext, dump: Path, folder: Path) -> str:
    """Replace the server database's contents with `dump` (the current state dumped into `folder`
    first); ctx.db becomes the database opened afresh (upgraded if the dump is older). Returns the
    message; raises BackupError with the server's or the check's sentence when nothing changed."""
    from db.server_backup import restore_server

    url, actor = _url(ctx.db), ctx.db.actor
    try:
        require(actor, "restore_backup")
    except PermissionDenied as exc:
        raise BackupError(str(exc)) from exc
    ctx.db.engine.dispose()  # no idle connection of this window for the restore to wait for
    safety = restore_server(url, dump, folder)
    restored = open_database(url)
    restored.actor = actor
    record_restore(restored, actor, f"从备份恢复：{describe(dump)}（{dump.name}）",
                   {"backup": str(dump), "safety_backup": str(safety.path)})
    ctx.db.close()
    ctx.db = restored
    return (Safety.tr("The backup of %1 is restored. The data as it was just before is kept in %2.")
            .replace("%1", describe(dump)).replace("%2", str(safety.path)))
