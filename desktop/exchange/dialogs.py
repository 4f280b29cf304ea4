"""The dialogs that ask what to exchange: a station copy's name and file, a bundle's file and
peer. They only collect and check the person's answers; the work runs in desktop.exchange.run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class _FileRow(QWidget):
    """A path field with a Browse… button (a save or an open dialog)."""

    def __init__(self, parent: QWidget, caption: str, filters: str, *, saving: bool) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)
        self._caption, self._filters, self._saving = caption, filters, saving
        browse.clicked.connect(self._browse)

    def _browse(self) -> None:
        ask = QFileDialog.getSaveFileName if self._saving else QFileDialog.getOpenFileName
        path, _ = ask(self, self._caption, self.edit.text(), self._filters)
        if path:
            self.edit.setText(path)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class _AskDialog(QDialog):
    """A form, an error line and OK/Cancel; `check()` says what is missing, or "" to accept."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setObjectName("error_label")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def check(self) -> str:
        return ""

    def _try_accept(self) -> None:
        problem = self.check()
        self.error.setText(problem)
        if not problem:
            self.accept()


class StationDialog(_AskDialog):
    """文件 → 制作服务站副本: the station's name, the new file, whether numbers go in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Make a station copy"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("station_name")
        self.name_edit.setPlaceholderText(self.tr("e.g. 幸福驿站"))
        self.file_row = _FileRow(self, self.tr("Save the station copy as"), self.tr("Database files (*.sqlite3)"),
                                 saving=True)
        self.file_row.edit.setObjectName("station_file")
        self.numbers_check = QCheckBox(self.tr("Include ID and phone numbers in full"), self)
        self.numbers_check.setObjectName("include_numbers")
        note = QLabel(self.tr("Without them, phone numbers are masked and ID numbers left out: the laptop "
                              "travels. The station's accounts are the office's, with the same passwords."), self)
        note.setWordWrap(True)
        self.form.addRow(self.tr("Station name"), self.name_edit)
        self.form.addRow(self.tr("New file"), self.file_row)
        self.form.addRow("", self.numbers_check)
        self.form.addRow("", note)

    def check(self) -> str:
        if not self.name_edit.text().strip():
            return self.tr("Enter the station's name.")
        path = self.file_row.path()
        if path is None:
            return self.tr("Choose where to save the station copy.")
        if path.exists():
            return self.tr("That file exists already: choose a new name.")
        return ""


class ExportDialog(_AskDialog):
    """导出交换包: to which peer, and where (a USB stick)."""

    def __init__(self, peers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Export an exchange bundle"))
        self.peer_combo = QComboBox(self)
        self.peer_combo.setObjectName("peer_combo")
        self.peer_combo.addItems(peers)
        self.file_row = _FileRow(self, self.tr("Save the bundle as"), self.tr("Exchange bundles (*.zip)"),
                                 saving=True)
        self.file_row.edit.setObjectName("bundle_file")
        self.form.addRow(self.tr("For"), self.peer_combo)
        self.form.addRow(self.tr("Bundle file"), self.file_row)

    def check(self) -> str:
        if self.peer_combo.count() == 0:
            return self.tr("This database exchanges with nobody yet: make a station copy at the office first.")
        return "" if self.file_row.path() is not None else self.tr("Choose where to save the bundle.")


class ImportDialog(_AskDialog):
    """导入交换包: which file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Import an exchange bundle"))
        self.file_row = _FileRow(self, self.tr("Open a bundle"), self.tr("Exchange bundles (*.zip)"), saving=False)
        self.file_row.edit.setObjectName("bundle_file")
        self.form.addRow(self.tr("Bundle file"), self.file_row)

    def check(self) -> str:
        path = self.file_row.path()
        if path is None:
            return self.tr("Choose the bundle to import.")
        return "" if path.is_file() else self.tr("There is no such file.")
