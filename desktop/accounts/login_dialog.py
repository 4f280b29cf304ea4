"""Signing in when the window starts, and the one call app.py makes: sign_in_or_set_up().

The password is checked by db.accounts.sign_in, which logs every attempt and locks an account
after repeated failures; its sentence is shown in the dialog, the password is cleared and the
dialog stays open. The last user name is remembered on this PC (QSettings), never the password.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from db.accounts import has_users
from db.database import Database
from db.permissions import Actor
from desktop.accounts.fields import attempt_sign_in, enter_moves_to_password, error_label, password_edit
from desktop.settings import Settings

LAST_USERNAME_KEY = "accounts/last_username"


def remembered_username() -> str:
    value = Settings().value(LAST_USERNAME_KEY)
    return value if isinstance(value, str) else ""


def remember_username(username: str) -> None:
    Settings().set_value(LAST_USERNAME_KEY, username)


class LoginDialog(QDialog):
    """Accepted once sign_in succeeds; `actor` is then the signed-in account. Rejected = Quit."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.message = error_label("message_label", self)
        self.username = QLineEdit(remembered_username(), self)
        self.username.setObjectName("username")
        self.username.setMaxLength(40)
        self.password = password_edit(self)
        self.password.setObjectName("password")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("buttons")
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("sign_in_button")
        self.sign_in_button.setDefault(True)
        self.quit_button = self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quit_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Community Desk: sign in to continue."), self))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.username.text() else self.username).setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(380, self.sizeHint().height())

    def accept(self) -> None:
        actor = attempt_sign_in(self.db, self.username.text().strip(), self.username, self.password, self.message)
        if actor is None:
            return
        self.actor = actor
        remember_username(self.actor.username)
        super().accept()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Enter signs in; in the user name field, before any password is typed, it moves on to the password."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not enter_moves_to_password(self.focusWidget(), self.username, self.password):
                self.accept()
            return
        super().keyPressEvent(event)


def sign_in_or_set_up(db: Database, parent: QWidget | None = None, lang: str = "zh_CN") -> Actor | None:
    """At start: create the first administrator if there is no account yet, else ask to sign in.

    Returns the signed-in actor and sets db.actor to it; None when the person chose Quit.
    """
    from desktop.accounts.setup_dialog import SetupDialog

    with db.session() as session:
        first = not has_users(session)
    actor: Actor | None = None
    if first:
        setup = SetupDialog(db, parent, lang)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = setup.actor
        if actor is not None:
            remember_username(actor.username)
    if actor is None:
        login = LoginDialog(db, parent)
        if login.exec() != QDialog.DialogCode.Accepted:
            return None
        actor = login.actor
    if actor is not None:
        db.actor = actor
    return actor
