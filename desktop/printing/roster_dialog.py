"""Choosing what the roster shows: its columns and whether numbers are masked.

Full numbers need the "export_unmasked" right; for a role without it the mask box stays
ticked and greyed, with a tooltip saying why (db.disclosure checks again when printing).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.permissions import SYSTEM, Actor, allowed
from desktop.printing.member_roster import DEFAULT_FIELDS, FIELDS


class RosterOptionsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, actor: Actor = SYSTEM) -> None:
        super().__init__(parent)
        self.setObjectName("roster_options")
        self.setWindowTitle(self.tr("Print member roster"))
        self.field_list = QListWidget(self)
        self.field_list.setObjectName("field_list")
        for key, field in FIELDS.items():
            item = QListWidgetItem(field.title, self.field_list)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in DEFAULT_FIELDS else Qt.CheckState.Unchecked)
        self.masked_check = QCheckBox(self.tr("Mask ID and phone numbers (410302********1234)"), self)
        self.masked_check.setObjectName("masked_check")
        self.masked_check.setChecked(True)
        if not allowed(actor, "export_unmasked"):
            self.masked_check.setEnabled(False)
            self.masked_check.setToolTip(self.tr("Only an administrator may print full ID and phone numbers."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Columns (the roster lists the members shown in the tab):"), self))
        layout.addWidget(self.field_list, 1)
        layout.addWidget(self.masked_check)
        layout.addWidget(buttons)
        self.resize(380, 480)

    def fields(self) -> tuple[str, ...]:
        items = (self.field_list.item(i) for i in range(self.field_list.count()))
        return tuple(it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked)

    def masked(self) -> bool:
        return self.masked_check.isChecked()
