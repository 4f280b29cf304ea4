"""文件 → 备份与锁定设置 (administrators): where backups go, how many are kept, the idle lock.

The values live in the database (db.data_settings), checked there and saved in one
transaction; a refusal is shown at its field. The folder chosen is also remembered on this
PC (desktop.safety.folders), so its backups can be found if the database is ever damaged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QMessageBox, QPushButton, QSpinBox, QWidget
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from db.backup import default_backup_dir
from db.data_settings import KEEP_RANGE, LABELS, LOCK_RANGE, data_settings, save_data_settings
from db.permissions import PermissionDenied, require
from desktop.common.context import AppContext
from desktop.common.record_dialog import RecordDialog
from desktop.safety.folders import remember_folder


class DataSettingsDialog(RecordDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.setObjectName("data_settings_dialog")
        self.setWindowTitle(self.tr("Backup and lock settings"))
        with ctx.db.session() as s:
            current = data_settings(s)
        page = self.add_page(self.tr("Data safety"))

        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder_edit = QLineEdit(current.backup_folder)
        self.folder_edit.setObjectName("backup_folder_edit")
        self.folder_edit.setPlaceholderText(str(_default_folder(ctx)))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("browse_button")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.on_browse_button_clicked)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        self.add_field(page, "backup_folder", LABELS["backup_folder"], holder)

        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(*KEEP_RANGE)
        self.keep_spin.setValue(current.backup_keep)
        self.add_field(page, "backup_keep", LABELS["backup_keep"], self.keep_spin)

        self.lock_spin = QSpinBox()
        self.lock_spin.setRange(*LOCK_RANGE)
        self.lock_spin.setSpecialValueText(self.tr("Never"))  # shown for 0
        self.lock_spin.setValue(current.lock_minutes)
        self.add_field(page, "lock_minutes", LABELS["lock_minutes"], self.lock_spin)
        self.resize(560, 260)

    def on_browse_button_clicked(self) -> None:
        start = self.folder_edit.text().strip() or self.folder_edit.placeholderText()
        name = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), start)
        if name:
            self.folder_edit.setText(str(Path(name)))

    def save(self, session: Session) -> int:
        saved = save_data_settings(session, self.folder_edit.text(), self.keep_spin.value(), self.lock_spin.value())
        self.saved_settings = saved
        return 0

    def accept(self) -> None:
        """Only administrators change these; others hear why (db/ refuses the save as well)."""
        try:
            require(self.ctx.db.actor, "settings")
        except PermissionDenied as exc:
            QMessageBox.warning(self, self.tr("Not allowed"), str(exc))
            return
        super().accept()
        if self.result() == RecordDialog.DialogCode.Accepted and not self.ctx.db.is_server:
            remember_folder(self.saved_settings.folder_for(self.ctx.db.path))


def _default_folder(ctx: AppContext) -> Path:
    """Where backups go when no folder is set: beside the file, or for a server database this PC's
    data folder, per server (db.server_backup)."""
    if isinstance(ctx.db.location, URL):
        from db.server_backup import default_folder

        return default_folder(ctx.db.location)
    return default_backup_dir(ctx.db.path)
