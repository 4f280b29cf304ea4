"""The "Show full numbers" button beside a record's masked ID and phone fields.

An existing person's numbers open masked (db.validation.mask_*); seeing them in full is a
disclosure the office must be able to account for, so the button asks db.disclosure, which
checks the "reveal" right and logs who saw whose numbers, in its own committed transaction,
before the fields show anything. Roles without the right never see the button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from sqlalchemy.orm import Session

from db.disclosure import FullNumbers
from db.permissions import PermissionDenied, allowed
from desktop.common.fields import MaskedNumberEdit
from desktop.common.record_dialog import RecordDialog


class RevealButton(QPushButton):
    """Shown while a number is masked and the role may reveal; `fetch` logs and returns them."""

    revealed = Signal()

    def __init__(self, dialog: RecordDialog, id_edit: MaskedNumberEdit, phone_edit: MaskedNumberEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("RevealButton", "Show full numbers"), parent)
        self.setObjectName("reveal_button")
        self.setAutoDefault(False)
        self.dialog = dialog
        self.id_edit, self.phone_edit = id_edit, phone_edit
        self.fetch: Callable[[Session], FullNumbers] | None = None
        self.clicked.connect(self.on_reveal_button_clicked)
        self.hide()

    def arm(self, fetch: Callable[[Session], FullNumbers] | None) -> None:
        """After the numbers were loaded: show the button if something is masked and may be seen."""
        self.fetch = fetch
        masked = self.id_edit.is_masked() or self.phone_edit.is_masked()
        self.setVisible(fetch is not None and masked and allowed(self.dialog.ctx.db.actor, "reveal"))

    def on_reveal_button_clicked(self) -> None:
        if self.fetch is None:
            return
        try:
            with self.dialog.ctx.db.session() as session, session.begin():
                numbers = self.fetch(session)
        except PermissionDenied as exc:
            QMessageBox.warning(self, self.tr("Not allowed"), str(exc))
            return
        except Exception as exc:  # the database is busy or gone: say so, change nothing
            QMessageBox.critical(self, self.tr("Not shown"),
                                 self.tr("The full numbers could not be read: %1").replace("%1", str(exc)[:300]))
            return
        self.id_edit.reveal(numbers.id_number)
        self.phone_edit.reveal(numbers.phone)
        if self.dialog.read_only:  # shown in full, still not editable
            self.id_edit.setReadOnly(True)
            self.phone_edit.setReadOnly(True)
        self.hide()
        self.revealed.emit()
