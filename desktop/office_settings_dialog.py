"""Office details (printed on documents) and this PC's font for PDFs, in one dialog.

The office details live in the database, so every PC and every backup has them; the font
file is this PC's choice and lives in its settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget
from sqlalchemy.orm import Session

from db.office import LABELS, office_settings, save_office_settings
from db.validation import FieldError, ValidationErrors
from desktop.common.context import AppContext
from desktop.common.record_dialog import RecordDialog
from desktop.printing.fonts import is_embeddable
from desktop.settings import Settings

FONT_KEY = "printing/font_file"


class OfficeSettingsDialog(RecordDialog):
    edit_action = "settings"  # office details are the administrator's (db.permissions)

    def __init__(self, ctx: AppContext, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, None, parent)
        self.settings = settings or Settings()
        self.setWindowTitle(self.tr("Office details"))
        page = self.add_page(self.tr("Printed on documents"))
        self.edits: dict[str, QLineEdit] = {}
        with ctx.db.session() as s:
            current = office_settings(s)
        for key, label in LABELS.items():
            edit = QLineEdit(current[key])
            self.edits[key] = self.add_field(page, key, label, edit)  # type: ignore[assignment]
        page = self.add_page(self.tr("This computer"))
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.font_edit = QLineEdit(str(self.settings.value(FONT_KEY) or ""))
        self.font_edit.setPlaceholderText(self.tr("Automatic (仿宋/宋体/黑体, WenQuanYi …)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.on_browse_clicked)
        row.addWidget(self.font_edit, 1)
        row.addWidget(browse)
        self.add_field(page, "font_file", self.tr("Font for PDFs (TrueType .ttf/.ttc)"), holder)
        self.resize(520, 420)
        self.load_record()

    def on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Font for PDFs"), "",
                                              self.tr("TrueType fonts (*.ttf *.ttc)"))
        if name:
            self.font_edit.setText(name)

    def save(self, session: Session) -> int:
        font = self.font_edit.text().strip()
        if font and not (Path(font).exists() and is_embeddable(Path(font))):
            raise ValidationErrors([FieldError("font_file", "PDF 字体",
                                               "不是可嵌入的 TrueType 字体（OpenType/CFF 字体不能嵌入 PDF）")])
        save_office_settings(session, {key: edit.text() for key, edit in self.edits.items()})
        self.settings.set_value(FONT_KEY, font)
        return 0
