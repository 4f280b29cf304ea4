"""工具 → 检查数据库: the full integrity check off the UI thread, then one clear answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from db.health import Health, check_file
from desktop.common.job import BackgroundJob
from desktop.safety.text import Safety


def check_message(health: Health) -> str:
    """The Chinese reason from db.health, and for a problem the way out."""
    if health.ok:
        return health.message
    return health.message + "\n\n" + Safety.tr("You can put back a good copy with File → Restore from a backup…; "
                                        "the current file is backed up first.")


def check_in_background(parent: QWidget, db_path: Path,
                        on_done: Callable[[Health], None] | None = None) -> BackgroundJob:
    """integrity_check with a busy dialog; the result in a message box (`on_done` gets the Health after it)."""
    job = BackgroundJob(lambda progress, cancelled: check_file(db_path, full=True))
    dialog = QProgressDialog(Safety.tr("Checking the database…"), "", 0, 0, parent)
    dialog.setObjectName("check_progress")
    dialog.setWindowTitle(Safety.tr("Check the database"))
    dialog.setCancelButton(None)  # integrity_check cannot be stopped half-way; it only reads
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def finished(health: Health) -> None:
        dialog.reset()
        if health.ok:
            QMessageBox.information(parent, Safety.tr("Database checked"), check_message(health))
        else:
            QMessageBox.warning(parent, Safety.tr("The database has a problem"), check_message(health))
        if on_done is not None:
            on_done(health)

    def failed(message: str) -> None:
        dialog.reset()
        health = Health(False, message)
        QMessageBox.warning(parent, Safety.tr("The database has a problem"), check_message(health))
        if on_done is not None:
            on_done(health)

    job.finished.connect(finished)
    job.failed.connect(failed)
    job.start()
    return job
