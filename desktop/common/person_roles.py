"""A row of links to the other records of the same person (member, grid worker, …).

Shown in every record dialog so that, from a volunteer's record, staff reach the same
resident's party-member record in one click.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from db.people import role_refs
from desktop.common.context import AppContext

ROLE_NAMES = {
    "member": QT_TRANSLATE_NOOP("PersonRolesBar", "Party member record"),
    "grid_worker": QT_TRANSLATE_NOOP("PersonRolesBar", "Grid worker record"),
    "volunteer": QT_TRANSLATE_NOOP("PersonRolesBar", "Volunteer record"),
    "mediator": QT_TRANSLATE_NOOP("PersonRolesBar", "Mediator record"),
    "resident": QT_TRANSLATE_NOOP("PersonRolesBar", "Resident record"),
}


class PersonRolesBar(QWidget):
    open_record_requested = Signal(str, int)  # register key, record id

    def __init__(self, ctx: AppContext, person_id: int | None, current_role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("person_roles")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        refs = []
        if person_id is not None:
            with ctx.db.session() as s:
                # (a role whose register has no tab yet shows no link)
                refs = [r for r in role_refs(s, person_id) if r.role != current_role and r.role in ROLE_NAMES]
        if not refs:
            self.hide()
            return
        layout.addWidget(QLabel(self.tr("Same person also has:"), self))
        for ref in refs:
            button = QPushButton(QCoreApplication.translate("PersonRolesBar", ROLE_NAMES[ref.role]), self)
            button.setObjectName(f"open_{ref.role}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, r=ref: self.open_record_requested.emit(r.register, r.record_id))
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)
