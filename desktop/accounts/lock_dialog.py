"""The dialog over a locked window: the same person's password, or someone else signs in.

Every attempt goes through db.accounts.sign_in, so a wrong password here is logged and counts
towards the lockout exactly as at the login dialog. Esc and the window's close button do
nothing: the only ways out are a correct password or quitting the application.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from db.database import Database
from db.permissions import Actor
from desktop.accounts.fields import attempt_sign_in, enter_moves_to_password, error_label, password_edit, show_message

QUIT = 2  # the dialog's result when the person chose to quit the application


class LockDialog(QDialog):
    """Result Accepted: `actor` signed in (the same person or another). Result QUIT: quit."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.locked_actor = actor
        self.actor: Actor | None = None
        self.someone_else = False
        self.setObjectName("lock_dialog")
        self.setWindowTitle(self.tr("Locked"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.prompt = QLabel(self.tr("Locked — enter the password of %1 to continue.").replace("%1", actor.username),
                             self)
        self.prompt.setObjectName("prompt_label")
        self.prompt.setWordWrap(True)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.username.setMaxLength(40)
        self.password = password_edit(self)
        self.password.setObjectName("password")
        self.message = error_label("message_label", self)
        self.form = QFormLayout()
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.setRowVisible(0, False)
        buttons, role = QDialogButtonBox(self), QDialogButtonBox.ButtonRole
        self.unlock_button = buttons.addButton(self.tr("Unlock"), role.AcceptRole)
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.accept)
        self.other_button = buttons.addButton(self.tr("Sign in as someone else"), role.ActionRole)
        self.other_button.setObjectName("other_user_button")
        self.other_button.setAutoDefault(False)
        self.other_button.clicked.connect(self.on_other_user_button_clicked)
        self.quit_button = buttons.addButton(self.tr("Quit the application"), role.DestructiveRole)
        self.quit_button.setObjectName("quit_button")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(lambda: self.done(QUIT))
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(420, self.sizeHint().height())

    def on_other_user_button_clicked(self) -> None:
        self.someone_else = True
        self.prompt.setText(self.tr("Locked — another person may sign in with their own user name and password."))
        self.form.setRowVisible(0, True)
        self.other_button.hide()
        self.unlock_button.setText(self.tr("Sign in"))
        show_message(self.message, "")
        self.password.clear()
        self.username.clear()
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        username = self.username.text().strip() if self.someone_else else self.locked_actor.username
        actor = attempt_sign_in(self.db, username, self.username, self.password, self.message)
        if actor is not None:
            self.actor = actor
            super().accept()

    def reject(self) -> None:
        """Esc must not unlock the window."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        event.ignore()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not enter_moves_to_password(self.focusWidget(), self.username, self.password):
                self.accept()
            return
        super().keyPressEvent(event)
