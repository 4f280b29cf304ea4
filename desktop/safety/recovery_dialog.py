"""What the start shows when the database cannot be opened: why, and the way back.

The reason is the Chinese sentence from db/; below it the latest backup that passed the full
check (its date, size and what it holds) with "Restore this backup", "Choose another backup…"
(the RestoreDialog), "Try again" (a drive plugged in, another program done) and "Quit".
The dialog only decides: `action` is "restore" (with `backup`), "retry" or "quit".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db.backup import BackupInfo
from db.health import record_counts
from desktop.safety.formatting import backup_date, file_size
from desktop.safety.formatting import record_counts as counts_text
from desktop.safety.restore_dialog import RestoreDialog
from desktop.safety.startup import Problem


class RecoveryDialog(QDialog):
    def __init__(self, db_path: Path, problem: Problem, latest: BackupInfo | None, folders: list[Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self.setWindowTitle(self.tr("The database cannot be opened"))
        self.db_path, self.problem, self.latest, self.folders = db_path, problem, latest, folders
        self.action = "quit"
        self.backup: Path | None = None

        layout = QVBoxLayout(self)
        self.reason_label = QLabel(problem.reason)
        self.reason_label.setObjectName("reason_label")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.reason_label)
        self.advice_label = QLabel(self._advice())
        self.advice_label.setObjectName("advice_label")
        self.advice_label.setWordWrap(True)
        layout.addWidget(self.advice_label)
        self.backup_label = QLabel(self._backup_text())
        self.backup_label.setObjectName("backup_label")
        self.backup_label.setWordWrap(True)
        layout.addWidget(self.backup_label)

        row = QHBoxLayout()
        self.restore_button = self._button("restore_latest_button", self.tr("Restore this backup"), row)
        self.restore_button.setEnabled(latest is not None and problem.can_restore)
        self.restore_button.clicked.connect(self.on_restore_latest_button_clicked)
        self.choose_button = self._button("choose_backup_button", self.tr("Choose another backup…"), row)
        self.choose_button.setEnabled(problem.can_restore)
        self.choose_button.clicked.connect(self.on_choose_backup_button_clicked)
        row.addStretch(1)
        self.retry_button = self._button("retry_button", self.tr("Try again"), row)
        self.retry_button.clicked.connect(self.on_retry_button_clicked)
        self.quit_button = self._button("quit_button", self.tr("Quit"), row)
        self.quit_button.clicked.connect(self.reject)
        layout.addLayout(row)
        default = self.restore_button if self.restore_button.isEnabled() else (
            self.retry_button if problem.kind == "busy" else self.quit_button)
        default.setDefault(True)
        self.resize(620, 240)

    def _button(self, name: str, text: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        row.addWidget(button)
        return button

    def _advice(self) -> str:
        if self.problem.upgrade:
            return self.tr("Install the newer version of Community Desk to open this file. "
                           "Or put back a backup this version can open (the file is kept aside).")
        if self.problem.kind == "busy":
            return self.tr("The file is not damaged: close the program that is using it, then Try again.")
        return self.tr("The file is kept aside as it is if you put back a backup.")

    def _backup_text(self) -> str:
        if self.latest is None:
            return self.tr("No good backup was found in: %1").replace("%1", "；".join(str(f) for f in self.folders))
        counts = counts_text(record_counts(self.latest.path))
        return (self.tr("The latest good backup: %1, %2 (%3), in %4")
                .replace("%1", backup_date(self.latest.taken_at)).replace("%2", file_size(self.latest.size))
                .replace("%3", counts or self.tr("empty")).replace("%4", str(self.latest.path.parent)))

    def on_restore_latest_button_clicked(self) -> None:
        if self.latest is not None:
            self.action, self.backup = "restore", self.latest.path
            self.accept()

    def on_choose_backup_button_clicked(self) -> None:
        dialog = RestoreDialog(self.db_path, self.folders, self)
        if dialog.exec() and dialog.chosen is not None:
            self.action, self.backup = "restore", dialog.chosen.path
            self.accept()

    def on_retry_button_clicked(self) -> None:
        self.action = "retry"
        self.accept()

    def reject(self) -> None:
        self.action, self.backup = "quit", None
        super().reject()
