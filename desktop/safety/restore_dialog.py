"""文件 → 从备份恢复: the backups found, newest first, and a Restore that asks first.

The dialog only chooses (`chosen`); the caller closes the database and restores through
`restore_into` (re-exported here), or, at start, db.backup.restore_database. Backups are
listed at once from their names; what each holds (record counts) is read off the UI thread,
from the backup folder's manifest or, for a backup it does not describe, from the file itself
(opening many files on a USB drive takes a while). The question before restoring repeats it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.backup import BackupInfo, backup_counts, list_backups
from desktop.common.job import BackgroundJob
from desktop.safety.formatting import backup_date, file_size
from desktop.safety.formatting import record_counts as counts_text
from desktop.safety.restore import restore_into

__all__ = ["RestoreDialog", "find_backups", "restore_into"]

DATE, SIZE, RECORDS, FOLDER = range(4)


def find_backups(folders: list[Path]) -> list[BackupInfo]:
    """The backups in all the folders (each file once), newest first."""
    seen: set[Path] = set()
    found: list[BackupInfo] = []
    for folder in folders:
        try:
            backups = list_backups(folder)
        except OSError:  # a drive that went away while listing
            continue
        for info in backups:
            key = info.path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(info)
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


class RestoreDialog(QDialog):
    """Choose a backup; `chosen` is the BackupInfo once the person confirmed Restore."""

    def __init__(self, db_path: Path | str, folders: list[Path], parent: QWidget | None = None, *,
                 backups: list[BackupInfo] | None = None) -> None:
        """`db_path` is the file, or a server database's name; `backups` those of a server database
        (db.server_backup), else the SQLite backups found in `folders`."""
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.db_path = db_path
        self.folders = folders
        self.chosen: BackupInfo | None = None
        self.backups = find_backups(folders) if backups is None else backups
        self.counts_job: BackgroundJob | None = None

        name = db_path if isinstance(db_path, str) else db_path.name
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the backup to put back. The data now in %1 is backed up first, "
                               "so the restore can itself be undone.").replace("%1", name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.empty_label = QLabel(self.tr("No backups were found in: %1")
                                  .replace("%1", "；".join(str(f) for f in folders)))
        self.empty_label.setObjectName("no_backups_label")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(not self.backups)
        layout.addWidget(self.empty_label)

        self.table = QTableWidget(len(self.backups), 4, self)
        self.table.setObjectName("backups_table")
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Size"), self.tr("Records"),
                                              self.tr("Folder")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(RECORDS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)  # the folder, full path in its tooltip
        for row, info in enumerate(self.backups):
            self._set(row, DATE, backup_date(info.taken_at))
            self._set(row, SIZE, file_size(info.size), Qt.AlignmentFlag.AlignRight)
            self._set(row, RECORDS, self.tr("reading…"))
            self._set(row, FOLDER, str(info.path.parent))
            self.table.item(row, FOLDER).setToolTip(str(info.path))
        self.table.resizeColumnToContents(DATE)
        self.table.resizeColumnToContents(SIZE)
        self.table.itemSelectionChanged.connect(self.on_table_item_selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.on_restore_button_clicked())
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("buttons")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.on_restore_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        if self.backups:
            self.table.selectRow(0)
            self._read_counts()

    def _set(self, row: int, column: int, text: str, align: Qt.AlignmentFlag | None = None) -> None:
        item = QTableWidgetItem(text)
        if align is not None:
            item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, column, item)

    def _read_counts(self) -> None:
        paths = [b.path for b in self.backups]

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            counts = []
            for i, path in enumerate(paths):
                if cancelled():
                    raise InterruptedError
                counts.append(backup_counts(path))
                progress(i + 1, len(paths))
            return counts

        self.counts_job = BackgroundJob(work)
        self.counts_job.finished.connect(self.on_counts_job_finished)
        self.counts_job.start()

    @Slot(object)
    def on_counts_job_finished(self, counts: list[dict[str, int]]) -> None:
        for row, found in enumerate(counts):
            item = self.table.item(row, RECORDS)
            if item is not None:
                item.setText(counts_text(found) or self.tr("(empty)"))
            self.backups[row] = BackupInfo(self.backups[row].path, self.backups[row].taken_at,
                                           self.backups[row].size, found)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def on_table_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def on_restore_button_clicked(self) -> None:
        info = self.selected()
        if info is None:
            return
        question = self.tr("Put back the backup of %1? What is in the database now is replaced by it "
                           "(and backed up first).").replace("%1", backup_date(info.taken_at))
        if info.counts:
            question += "\n\n" + self.tr("The backup holds: %1").replace("%1", counts_text(info.counts))
        answer = QMessageBox.question(
            self, self.tr("Restore from a backup"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.chosen = info
        self.accept()

    def done(self, result: int) -> None:
        if self.counts_job is not None:
            self.counts_job.cancel()
        super().done(result)
