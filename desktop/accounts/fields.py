"""What the account dialogs share: password boxes, the red message label, "passwords differ".

Kept apart so the setup, add-account, reset and change-password dialogs check a repeated
password the same way and show db.accounts' messages in the same place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from db.accounts import MIN_PASSWORD_LENGTH, LoginFailed, sign_in
from db.database import Database
from db.permissions import Actor
from db.validation import FieldError
from desktop.common.record_dialog import ERROR_STYLE


def password_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


def error_label(name: str, parent: QWidget | None = None) -> QLabel:
    """A hidden red label for a sentence from db/ (a refused login, a refused change)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def password_hint() -> str:
    return QCoreApplication.translate("accounts", "At least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH))


def repeated(password: str, again: str, field: str = "password_again") -> None:
    """The repeated password must match: checked here because db/ only ever sees one."""
    if password != again:
        raise FieldError(field, QCoreApplication.translate("accounts", "Repeat the password"),
                         QCoreApplication.translate("accounts", "the two passwords are not the same"))


def attempt_sign_in(db: Database, username: str, username_edit: QLineEdit, password: QLineEdit,
                    message: QLabel) -> Actor | None:
    """Sign in from a dialog's fields (the login and the lock screen): the actor, or None with the
    reason shown in `message` — the password cleared and focused after a refusal, nothing raised."""
    if not username:
        show_message(message, QCoreApplication.translate("accounts", "Enter your user name."))
        username_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return None
    try:
        return sign_in(db, username, password.text())
    except LoginFailed as exc:
        show_message(message, str(exc))
        password.clear()
        password.setFocus(Qt.FocusReason.OtherFocusReason)
    except Exception as exc:  # the database itself failed: say so, keep the dialog open
        show_message(message, QCoreApplication.translate("accounts", "Could not check the password: %1")
                     .replace("%1", str(exc)[:300]))
    return None


def enter_moves_to_password(focused: QWidget | None, username: QLineEdit, password: QLineEdit) -> bool:
    """Enter in a filled user-name box with no password yet moves on to the password instead of
    spending a failed attempt; True when it did (the caller then does not sign in)."""
    if focused is username and username.text().strip() and not password.text():
        password.setFocus(Qt.FocusReason.TabFocusReason)
        return True
    return False

