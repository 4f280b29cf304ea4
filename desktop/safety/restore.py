"""Putting a backup back while the window is open: close, restore, reopen, log — or undo it all.

The tabs read ctx.db each time they query, so replacing ctx.db with the reopened database is
all the window needs (plus a refresh). Whatever fails, ctx.db ends up an open database: the
restored one, or the original one as it was.
"""

from __future__ import annotations

from pathlib import Path

from db.backup import BackupError, BackupInfo, restore_database, taken_at
from db.database import Database, DatabaseOpenError, open_database
from db.gate import record_restore
from db.permissions import Actor, PermissionDenied, require
from desktop.common.context import AppContext
from desktop.safety.formatting import backup_date
from desktop.safety.text import Safety


def describe(backup: Path) -> str:
    at = taken_at(backup)
    return backup_date(at) if at is not None else backup.name


def _reopen(path: Path, actor: Actor) -> Database:
    db = open_database(path)
    db.actor = actor
    return db


def restore_into(window_ctx: AppContext, backup: Path, folder: Path) -> str:
    """Replace the open database with `backup` (the current file is backed up into `folder` first).

    Returns the message to show. Raises BackupError (a Chinese sentence) when the backup was not
    put back; ctx.db is then the original database, reopened.
    """
    ctx = window_ctx
    path, actor = ctx.db.path, ctx.db.actor
    try:
        require(actor, "restore_backup")
    except PermissionDenied as exc:
        raise BackupError(str(exc)) from exc
    ctx.db.close()
    try:
        safety = restore_database(path, backup, folder)
    except BackupError:
        ctx.db = _reopen(path, actor)
        raise
    except Exception as exc:
        ctx.db = _reopen(path, actor)
        raise BackupError(f"恢复失败：{exc}") from exc
    try:
        restored = _reopen(path, actor)
    except DatabaseOpenError as exc:  # the backup passed its check but does not open: put the file back
        if safety is not None:
            restore_database(path, safety.path, folder)
        ctx.db = _reopen(path, actor)
        raise BackupError(f"恢复失败：{exc}") from exc
    _log(restored, actor, backup, safety)
    ctx.db = restored
    when = describe(backup)
    if safety is None:
        return Safety.tr("The backup of %1 is restored.").replace("%1", when)
    return (Safety.tr("The backup of %1 is restored. The data as it was just before is kept in %2.")
            .replace("%1", when).replace("%2", str(safety.path)))


def _log(db: Database, actor: Actor, backup: Path, safety: BackupInfo | None) -> None:
    """Under who restored (their right checked above), even if the backup does not know the account."""
    record_restore(db, actor, f"从备份恢复：{describe(backup)}（{backup.name}）",
                   {"backup": str(backup), "safety_backup": str(safety.path) if safety else ""})
